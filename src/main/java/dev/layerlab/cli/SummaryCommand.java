package dev.layerlab.cli;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.model.ModelSummary;
import dev.layerlab.model.NetworkShape;
import dev.layerlab.training.Trainer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The Keras-style table of layers, shapes and parameter counts. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print the Keras-style summary of an experiment's network or of a trained model.")
final class SummaryCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static final class Source {
        @Option(names = "--experiment", paramLabel = "E.json", description = "An experiment file (its CSV is read for the input width).")
        Path experiment;
        @Option(names = "--model", paramLabel = "model.zip", description = "A model bundle.")
        Path model;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Override
    public Integer call() {
        Experiment experiment;
        NetworkShape shape;
        if (source.model != null) {
            ModelBundle bundle = ModelBundle.read(source.model);
            experiment = bundle.experiment();
            shape = Trainer.shapeOf(bundle.preprocessing());
        } else {
            experiment = ExperimentJson.read(source.experiment);
            if (experiment.data().path() == null) {
                throw new InvalidInputException(source.experiment + " names no data file: the input width is unknown");
            }
            PreparedData data = DataPipeline.prepare(experiment.data(),
                    TrainCommand.dataBaseDir(source.experiment, experiment.data().path()), experiment.network().outputTargets());
            shape = Trainer.shapeOf(data);
        }
        ModelSummary summary = ModelSummary.of(experiment.network(), shape);
        spec.commandLine().getOut().print(summary.render());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
