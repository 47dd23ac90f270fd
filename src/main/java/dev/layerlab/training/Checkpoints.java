package dev.layerlab.training;

import dev.layerlab.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/** Network checkpoints in DL4J's own format, updater state included, written atomically. */
public final class Checkpoints {
    public static final String LAST = "last.zip";
    public static final String BEST = "best.zip";

    private Checkpoints() {
    }

    public static void write(MultiLayerNetwork net, Path target) {
        try {
            AtomicFiles.write(target, temp -> ModelSerializer.writeModel(net, temp.toFile(), true));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    public static MultiLayerNetwork read(Path checkpoint) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }
}
