package dev.layerlab.training;

import dev.layerlab.data.Matrix;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One epoch's training rows, gathered once in the epoch's shuffled order; each mini-batch is copied from
 * them into the same native array at every step (one per batch height, so two at most: full batches and the
 * last, shorter one). A step creates no array: each new ND4J array is a native object for the deallocator and
 * the collector to handle later, on the spare core that parallel trials need. The batches hold exactly the
 * rows, in the order, that gathering every step into a fresh array gives.
 *
 * <p>The array a call returns is overwritten by the next call for the same height: the trainer hands it to
 * one {@code fit} step, which reads it during that step only.
 */
final class EpochBatches {
    private final float[] features;
    private final float[] targets;
    private final Slots slots;

    private EpochBatches(float[] features, float[] targets, Slots slots) {
        this.features = features;
        this.targets = targets;
        this.slots = slots;
    }

    /** Rows of {@code split} in {@code order}, batched into new slots. */
    static EpochBatches of(Matrix split, int[] order) {
        return of(split, order, new Slots(split.featureCount(), split.targetWidth()));
    }

    /** Rows of {@code split} in {@code order}, batched into {@code slots} (kept from epoch to epoch). */
    static EpochBatches of(Matrix split, int[] order, Slots slots) {
        if (slots.featureWidth != split.featureCount() || slots.targetWidth != split.targetWidth()) {
            throw new IllegalArgumentException("batch slots are " + slots.featureWidth + " + " + slots.targetWidth
                    + " wide, the split " + split.featureCount() + " + " + split.targetWidth());
        }
        return new EpochBatches(gatherAll(split.features(), split.featureCount(), order),
                gatherAll(split.targets(), split.targetWidth(), order), slots);
    }

    /** Features of rows {@code from .. from+rows-1} (in epoch order), as a rows x width array. */
    INDArray features(int from, int rows) {
        return slots.features.fill(features, from, rows);
    }

    INDArray targets(int from, int rows) {
        return slots.targets.fill(targets, from, rows);
    }

    static float[] gatherAll(float[] source, int width, int[] order) {
        float[] into = new float[order.length * width];
        for (int r = 0; r < order.length; r++) {
            System.arraycopy(source, order[r] * width, into, r * width, width);
        }
        return into;
    }

    /** The reusable native batch arrays of one training run. */
    static final class Slots {
        private final int featureWidth;
        private final int targetWidth;
        private final Slot features;
        private final Slot targets;

        Slots(int featureWidth, int targetWidth) {
            this.featureWidth = featureWidth;
            this.targetWidth = targetWidth;
            this.features = new Slot(featureWidth);
            this.targets = new Slot(targetWidth);
        }
    }

    /** rows x width float arrays, one per height, each with a pointer to its data to copy rows into. */
    private static final class Slot {
        private record Batch(INDArray array, FloatPointer data) {
        }

        private final int width;
        private final Map<Integer, Batch> batches = new HashMap<>();

        private Slot(int width) {
            this.width = width;
        }

        INDArray fill(float[] rows, int fromRow, int height) {
            Batch batch = batches.computeIfAbsent(height, h -> {
                // Outside any workspace: it lives across steps, which reset the workspaces.
                INDArray array = Nd4j.createUninitializedDetached(DataType.FLOAT, 'c', h, width);
                return new Batch(array, new FloatPointer(array.data().addressPointer()));
            });
            batch.data().put(rows, fromRow * width, height * width);
            return batch.array();
        }
    }
}
