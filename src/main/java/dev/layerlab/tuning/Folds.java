package dev.layerlab.tuning;

import dev.layerlab.data.Matrix;
import dev.layerlab.data.PreparedData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Re-splits prepared data for cross-validation and for a final refit.
 *
 * <p>K-fold: the training and validation rows of a {@link PreparedData} are pooled and shuffled with the
 * seed, then cut into k folds of near-equal size (sizes differ by at most one); fold i validates on the i-th
 * part and trains on the rest. Every pooled row is validated on exactly once. The test split is left out of
 * every fold (it stays untouched for the final report). Preprocessing is NOT refitted per fold: the scaling and
 * encoding fitted by the pipeline on the original training split are reused, which is a mild optimistic bias
 * for the rows of that split (their statistics were seen) and no leak at all from the test split.
 */
public final class Folds {
    private Folds() {
    }

    /** The k (train, validation) pairs; k must be at least 2 and at most the pooled row count. */
    public static List<PreparedData> kFold(PreparedData data, int k, long seed) {
        Matrix pooled = concat(data.train(), data.validation());
        if (k < 2 || k > pooled.rows()) {
            throw new dev.layerlab.InvalidInputException("cross-validation needs 2 to " + pooled.rows() + " folds, got " + k);
        }
        int[] order = new int[pooled.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        Matrix empty = empty(pooled);
        List<PreparedData> folds = new ArrayList<>();
        int n = order.length;
        for (int f = 0; f < k; f++) {
            int from = (int) ((long) n * f / k);
            int to = (int) ((long) n * (f + 1) / k);
            int[] val = new int[to - from];
            int[] train = new int[n - (to - from)];
            int t = 0;
            for (int i = 0; i < n; i++) {
                if (i >= from && i < to) {
                    val[i - from] = order[i];
                } else {
                    train[t++] = order[i];
                }
            }
            folds.add(withSplits(data, rows(pooled, train), rows(pooled, val), empty));
        }
        return folds;
    }

    /** Train on train+validation together (no validation split), test unchanged: for a final refit. */
    public static PreparedData trainOnAll(PreparedData data) {
        Matrix pooled = concat(data.train(), data.validation());
        return withSplits(data, pooled, empty(pooled), data.test());
    }

    /** The same data with other splits. */
    public static PreparedData withSplits(PreparedData data, Matrix train, Matrix validation, Matrix test) {
        return data.withSplits(train, validation, test);
    }

    public static Matrix concat(Matrix a, Matrix b) {
        int rows = a.rows() + b.rows();
        float[] x = new float[rows * a.featureCount()];
        System.arraycopy(a.features(), 0, x, 0, a.rows() * a.featureCount());
        System.arraycopy(b.features(), 0, x, a.rows() * a.featureCount(), b.rows() * b.featureCount());
        float[] y = null;
        if (a.targets() != null) {
            y = new float[rows * a.targetWidth()];
            System.arraycopy(a.targets(), 0, y, 0, a.rows() * a.targetWidth());
            System.arraycopy(b.targets(), 0, y, a.rows() * a.targetWidth(), b.rows() * b.targetWidth());
        }
        int[] source = new int[rows];
        System.arraycopy(a.sourceRows(), 0, source, 0, a.rows());
        System.arraycopy(b.sourceRows(), 0, source, a.rows(), b.rows());
        return new Matrix(x, rows, a.featureCount(), y, a.targetWidth(), source);
    }

    public static Matrix rows(Matrix m, int[] rows) {
        int w = m.featureCount();
        int tw = m.targetWidth();
        float[] x = new float[rows.length * w];
        float[] y = m.targets() == null ? null : new float[rows.length * tw];
        int[] source = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(m.features(), rows[i] * w, x, i * w, w);
            if (y != null) {
                System.arraycopy(m.targets(), rows[i] * tw, y, i * tw, tw);
            }
            source[i] = m.sourceRows()[rows[i]];
        }
        return new Matrix(x, rows.length, w, y, tw, source);
    }

    public static Matrix empty(Matrix like) {
        return new Matrix(new float[0], 0, like.featureCount(), like.targets() == null ? null : new float[0],
                like.targetWidth(), new int[0]);
    }
}
