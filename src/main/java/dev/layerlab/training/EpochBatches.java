package dev.layerlab.training;

import dev.layerlab.data.Matrix;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One epoch's training rows, gathered once in the epoch's shuffled order into a single native buffer; each
 * mini-batch is a view of consecutive rows of it. Compared with gathering and copying every mini-batch into
 * a fresh array, a step allocates no data buffer (one bulk copy per epoch instead of one per step), and the
 * batches hold exactly the same values in the same order.
 */
final class EpochBatches {
    private final DataBuffer features;
    private final DataBuffer targets;
    private final int width;
    private final int targetWidth;

    private EpochBatches(DataBuffer features, DataBuffer targets, int width, int targetWidth) {
        this.features = features;
        this.targets = targets;
        this.width = width;
        this.targetWidth = targetWidth;
    }

    /** Rows of {@code split} in {@code order}. */
    static EpochBatches of(Matrix split, int[] order) {
        int rows = order.length;
        float[] x = gatherAll(split.features(), split.featureCount(), order);
        float[] y = gatherAll(split.targets(), split.targetWidth(), order);
        return new EpochBatches(Nd4j.createBuffer(x), Nd4j.createBuffer(y), split.featureCount(), split.targetWidth())
                .check(rows);
    }

    private EpochBatches check(int rows) {
        if (features.length() != (long) rows * width || targets.length() != (long) rows * targetWidth) {
            throw new IllegalStateException("epoch buffers have the wrong size");
        }
        return this;
    }

    /** Features of rows {@code from .. from+rows-1} (in epoch order): a rows x width view, no copy. */
    INDArray features(int from, int rows) {
        return view(features, width, from, rows);
    }

    INDArray targets(int from, int rows) {
        return view(targets, targetWidth, from, rows);
    }

    private static INDArray view(DataBuffer buffer, int width, int from, int rows) {
        return Nd4j.create(buffer, new long[] {rows, width}, new long[] {width, 1}, (long) from * width, 'c',
                DataType.FLOAT);
    }

    static float[] gatherAll(float[] source, int width, int[] order) {
        float[] into = new float[order.length * width];
        for (int r = 0; r < order.length; r++) {
            System.arraycopy(source, order[r] * width, into, r * width, width);
        }
        return into;
    }
}
