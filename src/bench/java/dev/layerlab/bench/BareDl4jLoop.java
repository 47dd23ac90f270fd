package dev.layerlab.bench;

import java.io.DataInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference: a plain DL4J training loop as a user would write it, with nothing of LayerLab's tuning. Two
 * loops: {@link Loop#IDIOMATIC}, the reference of record, as ND4J's examples train (each epoch the data set is
 * shuffled and {@code MultiLayerNetwork.fit(DataSetIterator)} runs over its mini-batches, with DL4J's own
 * asynchronous prefetch); and {@link Loop#PER_BATCH_FIT}, the former reference ({@code fit(DataSet)} called per
 * mini-batch), kept beside it, labelled. Run by
 * {@link Bench} in a child JVM started with DL4J's defaults: no JVM flags, no thread settings in the
 * environment, and the class path without the AVX2/AVX-512 builds, so ND4J loads the generic binary that
 * plain {@code nd4j-native-platform} brings.
 *
 * <p>Arguments: configuration JSON file, data file ({@link #writeData}), batch size, epochs, warm-up epochs,
 * and optionally the loop ({@code idiomatic}, the default, or {@code per-batch-fit}).
 * Prints {@code RESULT <samples/s> <seconds> <final score>}.
 */
public final class BareDl4jLoop {
    /** How the reference loop feeds DL4J. */
    enum Loop {
        IDIOMATIC("idiomatic", "DL4J fit(iterator)"),
        PER_BATCH_FIT("per-batch-fit", "DL4J fit(DataSet) per batch");

        final String argument;
        final String label;

        Loop(String argument, String label) {
            this.argument = argument;
            this.label = label;
        }

        static Loop of(String argument) {
            for (Loop l : values()) {
                if (l.argument.equals(argument)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown loop " + argument);
        }
    }

    private BareDl4jLoop() {
    }

    public static void main(String[] args) throws IOException {
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(Files.readString(Path.of(args[0])));
        DataSet all = readData(Path.of(args[1]));
        int batch = Integer.parseInt(args[2]);
        int epochs = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        Loop loop = args.length > 5 ? Loop.of(args[5]) : Loop.IDIOMATIC;
        if (warmup > 0) {
            train(conf, all, batch, warmup, loop);
        }
        long start = System.nanoTime();
        double score = train(conf, all, batch, epochs, loop);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "RESULT %.3f %.4f %.6f%n", all.numExamples() * (double) epochs / seconds, seconds, score);
        System.out.flush();
        System.exit(0);
    }

    static double train(MultiLayerConfiguration conf, DataSet all, int batch, int epochs, Loop loop) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
        net.init();
        DataSet data = all.copy();
        for (int e = 0; e < epochs; e++) {
            data.shuffle(1000L + e);
            List<DataSet> batches = data.batchBy(batch);
            if (loop == Loop.IDIOMATIC) {
                net.fit(new ExistingDataSetIterator(batches));
            } else {
                for (DataSet b : batches) {
                    net.fit(b);
                }
            }
        }
        return net.score();
    }

    /** rows, width, targetWidth, then the features and targets (row-major floats). */
    static void writeData(Path file, float[] x, float[] y, int rows, int width, int targetWidth) throws IOException {
        try (var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(rows);
            out.writeInt(width);
            out.writeInt(targetWidth);
            for (int i = 0; i < rows * width; i++) {
                out.writeFloat(x[i]);
            }
            for (int i = 0; i < rows * targetWidth; i++) {
                out.writeFloat(y[i]);
            }
        }
    }

    static DataSet readData(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int rows = in.readInt();
            int width = in.readInt();
            int targetWidth = in.readInt();
            float[] x = new float[rows * width];
            float[] y = new float[rows * targetWidth];
            for (int i = 0; i < x.length; i++) {
                x[i] = in.readFloat();
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = in.readFloat();
            }
            return new DataSet(Nd4j.create(x, new long[] {rows, width}), Nd4j.create(y, new long[] {rows, targetWidth}));
        }
    }
}
