package dev.layerlab.training;

import dev.layerlab.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
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
        if (!spec.isGraph() && !shape.hasEmbeddings()) {
            return read(checkpoint);
        }
        try {
            return GraphNetwork.restore(checkpoint.toFile(), true, spec, shape);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the network with the run's state inside the same zip (one atomic file, so they always agree) and
     * mirrors the state to {@code state.json} beside it.
     */
    public static void write(TrainableNetwork net, Path target, TrainingState state) {
        try {
            AtomicFiles.write(target, temp -> {
                Path network = temp.resolveSibling(temp.getFileName() + ".net");
                try {
                    net.save(network.toFile(), true);
                    try (ZipOutputStream out = new ZipOutputStream(java.nio.file.Files.newOutputStream(temp));
                         ZipFile saved = new ZipFile(network.toFile())) {
                        for (ZipEntry entry : java.util.Collections.list(saved.entries())) {
                            out.putNextEntry(new ZipEntry(entry.getName()));
                            try (InputStream in = saved.getInputStream(entry)) {
                                in.transferTo(out);
                            }
                            out.closeEntry();
                        }
                        out.putNextEntry(new ZipEntry(TrainingState.ENTRY));
                        out.write(state.toJson().getBytes(StandardCharsets.UTF_8));
                        out.closeEntry();
                    }
                } finally {
                    java.nio.file.Files.deleteIfExists(network);
                }
            });
            AtomicFiles.writeString(target.resolveSibling(TrainingState.FILE), state.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    /** The run state saved inside a checkpoint, or null when it has none (written without a state). */
    public static TrainingState readState(Path checkpoint) {
        try (ZipFile zip = new ZipFile(checkpoint.toFile())) {
            ZipEntry entry = zip.getEntry(TrainingState.ENTRY);
            if (entry == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return TrainingState.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        checkpoint + "!" + TrainingState.ENTRY);
            }
        } catch (IOException e) {
            throw new dev.layerlab.InvalidInputException("cannot read checkpoint " + checkpoint + ": " + e.getMessage());
        }
    }

    /** The weights in a checkpoint, whichever kind of network wrote it. */
    public static org.nd4j.linalg.api.ndarray.INDArray readParams(Path checkpoint) {
        try {
            return isGraph(checkpoint)
                    ? org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(checkpoint.toFile(), false).params()
                    : org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), false).params();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    /** The epoch count stored in a checkpoint's configuration. */
    public static int readEpochCount(Path checkpoint) {
        try {
            return isGraph(checkpoint)
                    ? org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(checkpoint.toFile(), false).getEpochCount()
                    : org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), false).getEpochCount();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    /** A ComputationGraph's configuration lists "vertices"; a MultiLayerNetwork's does not. */
    private static boolean isGraph(Path checkpoint) throws IOException {
        try (ZipFile zip = new ZipFile(checkpoint.toFile())) {
            ZipEntry entry = zip.getEntry("configuration.json");
            if (entry == null) {
                return false;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("\"vertices\"");
            }
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
