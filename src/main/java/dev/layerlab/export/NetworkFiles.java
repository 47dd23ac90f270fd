package dev.layerlab.export;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.FittedPreprocessing;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.training.GraphNetwork;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.SequentialNetwork;
import dev.layerlab.training.TrainableNetwork;
import java.io.IOException;
import java.nio.file.Path;

/** Restores the network inside a bundle as the kind its manifest names. */
final class NetworkFiles {
    private NetworkFiles() {
    }

    static TrainableNetwork restore(String kind, Path file, Experiment experiment, FittedPreprocessing prep)
            throws IOException {
        return restore(kind, file, experiment, prep, true);
    }

    static TrainableNetwork restore(String kind, Path file, Experiment experiment, FittedPreprocessing prep,
                                    boolean withUpdater) throws IOException {
        if (SequentialNetwork.KIND.equals(kind)) {
            return SequentialNetwork.restore(file.toFile(), withUpdater);
        }
        if (GraphNetwork.KIND.equals(kind)) {
            return GraphNetwork.restore(file.toFile(), withUpdater, experiment.network(), Trainer.shapeOf(prep));
        }
        throw new InvalidInputException(file + " holds a network of kind '" + kind + "' that this LayerLab cannot load");
    }
}
