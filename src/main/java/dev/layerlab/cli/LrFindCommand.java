package dev.layerlab.cli;

import dev.layerlab.AtomicFiles;
import dev.layerlab.InvalidInputException;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.PreparedData;
import dev.layerlab.diagnostics.LrFinder;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.runs.RunJob;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The learning-rate range test for an experiment. */
@Command(name = "lr-find", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find a learning rate: train a fresh copy of the experiment's network for a few hundred steps while the "
                + "learning rate grows from --min to --max, and suggest one tenth of the rate with the lowest loss.",
                "Prints 'suggested learning rate: X'; with --out writes DIR/lr_find.csv (iteration,learning_rate,loss,smoothed_loss)."})
final class LrFindCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--experiment", required = true, paramLabel = "E.json", description = "The experiment (as saved by the workbench).")
    Path experimentFile;
    @Option(names = "--out", paramLabel = "DIR", description = "Where to write lr_find.csv.")
    Path out;
    @Option(names = "--steps", paramLabel = "N", description = "Steps of the sweep (default ${DEFAULT-VALUE}).", defaultValue = "300")
    int steps;
    @Option(names = "--min", paramLabel = "X", description = "Smallest learning rate (default ${DEFAULT-VALUE}).", defaultValue = "1e-7")
    double min;
    @Option(names = "--max", paramLabel = "X", description = "Largest learning rate (default ${DEFAULT-VALUE}).", defaultValue = "10")
    double max;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidInputException("--out " + out + " is a file; give a folder");
        }
        LrFinder finder = new LrFinder(min, max, steps);
        Experiment experiment = ExperimentJson.read(experimentFile);
        Path baseDir = RunJob.dataBaseDir(experimentFile, experiment.data().path());
        w.println("Loading " + experiment.data().path() + " ...");
        w.flush();
        PreparedData data = DataPipeline.prepare(experiment.data(), baseDir, experiment.network().outputTargets());
        w.printf(Locale.ROOT, "Sweeping the learning rate of %s from %.3g to %.3g over %d steps ...%n",
                experiment.training().optimizer().kind().id(), min, max, steps);
        w.flush();
        LrFinder.Result result = finder.run(experiment.network(), experiment.training(), data, null, null);
        w.println("learning_rate  smoothed_loss");
        int stride = Math.max(1, result.points().size() / 12);
        for (int i = 0; i < result.points().size(); i += stride) {
            LrFinder.Point p = result.points().get(i);
            w.printf(Locale.ROOT, "%13.3g  %.5g%n", p.learningRate(), p.smoothedLoss());
        }
        if (out != null) {
            Files.createDirectories(out);
            AtomicFiles.writeString(out.resolve(LrFinder.FILE), result.csv());
            w.println("Sweep written to " + out.resolve(LrFinder.FILE));
        }
        if (Double.isNaN(result.suggested())) {
            w.println("warning: the loss never fell during the sweep: no learning rate to suggest (try a larger --max or more --steps)");
        } else {
            w.printf(Locale.ROOT, "lowest loss at learning rate %.3g%n", result.lowestLossRate());
            w.printf(Locale.ROOT, "suggested learning rate: %.3g%n", result.suggested());
        }
        w.flush();
        return 0;
    }
}
