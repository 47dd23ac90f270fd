package dev.layerlab.cli;

import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.Predictor;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Scores a model on labelled rows. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Print the model's metrics on a CSV that has the target column, as JSON.")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "model.zip", description = "A model bundle.")
    Path model;
    @Option(names = "--data", required = true, paramLabel = "F.csv", description = "Labelled rows.")
    Path data;

    @Override
    public Integer call() throws Exception {
        Predictor predictor = new Predictor(ModelBundle.read(model));
        spec.commandLine().getOut().println(ExperimentJson.MAPPER.writeValueAsString(predictor.evaluate(predictor.load(data))));
        return 0;
    }
}
