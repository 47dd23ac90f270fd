package dev.layerlab.cli;

import dev.layerlab.AtomicFiles;
import dev.layerlab.InvalidInputException;
import dev.layerlab.data.Table;
import dev.layerlab.explain.Explainer;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.Predictor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Permutation importance and partial dependence of a trained model. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Explain a model on labelled rows: permutation importance of each input column (how much the metric "
                + "gets worse when the column is shuffled, in the metric's units) and partial dependence of the most important columns.",
                "With --out writes DIR/importance.csv (column,importance,std) and DIR/partial_dependence.csv (column,value,prediction); "
                + "a graph network's other outputs get importance_<output>.csv and partial_dependence_<output>.csv."})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "model.zip", description = "A model bundle.")
    Path model;
    @Option(names = "--data", required = true, paramLabel = "F.csv", description = "Rows with the target column (e.g. held-out rows).")
    Path data;
    @Option(names = "--out", paramLabel = "DIR", description = "Where to write importance.csv and partial_dependence.csv.")
    Path out;
    @Option(names = "--repeats", paramLabel = "N", defaultValue = "5", description = "Shuffles per column (default ${DEFAULT-VALUE}, at least 5).")
    int repeats;
    @Option(names = "--rows", paramLabel = "N", defaultValue = "5000", description = "Use a seeded sample of at most N rows (default ${DEFAULT-VALUE}).")
    int rows;
    @Option(names = "--pdp", paramLabel = "N", defaultValue = "4", description = "Partial dependence for the N most important columns (default ${DEFAULT-VALUE}).")
    int pdp;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidInputException("--out " + out + " is a file; give a folder");
        }
        Explainer explainer = new Explainer(repeats, pdp, rows, 42);
        ModelBundle bundle = ModelBundle.read(model);
        Table table = new Predictor(bundle).load(data);
        List<Explainer.OutputExplanation> outputs = explainer.explain(bundle, table, null);
        for (int o = 0; o < outputs.size(); o++) {
            Explainer.OutputExplanation e = outputs.get(o);
            w.printf(Locale.ROOT, "%s%s: %s %.5g on these rows; importance = how much %s gets %s when a column is shuffled (%d shuffles)%n",
                    outputs.size() > 1 ? "output " : "predicting ", e.output(), e.metric(), e.baseline(), e.metric(),
                    e.higherIsBetter() ? "lower" : "higher", repeats);
            int nameWidth = Math.max(6, e.importance().stream().mapToInt(i -> i.column().length()).max().orElse(6));
            w.printf(Locale.ROOT, "%-" + nameWidth + "s  %12s  %10s%n", "column", "importance", "std");
            for (Explainer.Importance i : e.importance()) {
                w.printf(Locale.ROOT, "%-" + nameWidth + "s  %12.5g  %10.3g%n", i.column(), i.importance(), i.std());
            }
            if (out != null) {
                Files.createDirectories(out);
                String suffix = o == 0 ? "" : "_" + e.output().replaceAll("[^A-Za-z0-9_.-]", "_");
                AtomicFiles.writeString(out.resolve(Explainer.IMPORTANCE_FILE.replace(".csv", suffix + ".csv")), e.importanceCsv());
                AtomicFiles.writeString(out.resolve(Explainer.DEPENDENCE_FILE.replace(".csv", suffix + ".csv")), e.dependenceCsv());
            }
        }
        if (out != null) {
            w.println("Written to " + out.resolve(Explainer.IMPORTANCE_FILE) + " and " + out.resolve(Explainer.DEPENDENCE_FILE));
        }
        w.flush();
        return 0;
    }
}
