package dev.layerlab.cli;

import dev.layerlab.data.Table;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.Predictor;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Adds the model's predictions to the rows of a CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Write the input rows with a 'prediction' column (and one probability column per class).")
final class PredictCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "model.zip", description = "A model bundle.")
    Path model;
    @Option(names = "--data", required = true, paramLabel = "F.csv", description = "Rows to predict; the target column may be absent.")
    Path data;
    @Option(names = "--out", required = true, paramLabel = "P.csv", description = "Where to write the predictions.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Predictor predictor = new Predictor(ModelBundle.read(model));
        Table table = predictor.load(data);
        Predictor.Predictions predictions = predictor.predict(table);
        predictor.writeCsv(table, predictions, out);
        int skipped = table.rowCount() - predictions.size();
        spec.commandLine().getOut().println("Wrote " + predictions.size() + " predictions to " + out
                + (skipped > 0 ? " (" + skipped + " rows left empty: a value the model needs is missing)" : ""));
        return 0;
    }
}
