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
        if (source.model != null) {
            ModelBundle bundle = ModelBundle.read(source.model);
            if (bundle.isEnsemble()) {
                spec.commandLine().getOut().println(ensembleLines(bundle));
            }
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** An ensemble's members: the summary above is member 0's; each member's layers and parameter count. */
    static String ensembleLines(ModelBundle bundle) {
        StringBuilder text = new StringBuilder("Ensemble of " + bundle.members().size()
                + " networks (predictions averaged: mean value for regression, mean probability for classification); the table above is member 0.");
        long total = 0;
        for (int i = 0; i < bundle.members().size(); i++) {
            Experiment e = bundle.memberExperiments().get(i);
            long params = bundle.members().get(i).numParams();
            total += params;
            text.append(String.format(java.util.Locale.ROOT, "%n  member %d: seed %d, %,d parameters, %s", i,
                    e.training().seed(), params, layers(e)));
        }
        text.append(String.format(java.util.Locale.ROOT, "%nTotal parameters of the ensemble: %,d", total));
        return text.toString();
    }

    private static String layers(Experiment e) {
        if (e.network() == null) {
            return "default network";
        }
        String dense = e.network().layers().stream().filter(l -> l instanceof dev.layerlab.model.DenseLayer)
                .map(l -> Integer.toString(((dev.layerlab.model.DenseLayer) l).units()))
                .collect(java.util.stream.Collectors.joining("-"));
        return dense.isEmpty() ? e.network().layers().size() + " layers" : "hidden " + dense;
    }
}
