package dev.layerlab.training;

import dev.layerlab.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Network checkpoints in DL4J's own format, updater state included, written atomically. */
public final class Checkpoints {
    public static final String LAST = "last.zip";
    public static final String BEST = "best.zip";

    private Checkpoints() {
    }

    public static void write(TrainableNetwork net, Path target) {
        try {
            AtomicFiles.write(target, temp -> net.save(temp.toFile(), true));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    /** Reads a checkpoint of a network built from {@code spec} (graph networks need it to wire their inputs). */
    public static TrainableNetwork read(Path checkpoint, dev.layerlab.model.NetworkSpec spec, dev.layerlab.model.NetworkShape shape) {
        if (!spec.isGraph()) {
            return read(checkpoint);
        }
        try {
            return GraphNetwork.restore(checkpoint.toFile(), true, spec, shape);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    /** Reads a checkpoint of a sequential network. */
    public static TrainableNetwork read(Path checkpoint) {
        try {
            return SequentialNetwork.restore(checkpoint.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }
}
