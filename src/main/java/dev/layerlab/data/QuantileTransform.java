package dev.layerlab.data;

import java.util.Arrays;
import org.apache.commons.math3.special.Erf;

/**
 * Rank-to-normal scaling of one numeric column, as scikit-learn's
 * {@code QuantileTransformer(output_distribution='normal')} does it: the training values' quantiles at evenly
 * spaced probabilities are kept; a value is mapped to its probability by linear interpolation between them (the
 * middle of a run of equal quantiles for tied values), then through the standard normal's inverse CDF. Values
 * outside the training range are clipped to its ends.
 */
public final class QuantileTransform {
    /** Most quantiles kept per column (fewer when the training rows are fewer). */
    public static final int MAX_QUANTILES = 1000;
    /** Probabilities are kept this far from 0 and 1, so the output stays finite (about +-5.2). */
    private static final double BOUND = 1e-7;

    private QuantileTransform() {
    }

    /** The quantiles of {@code values} (non-missing training values, any order) at min(n, 1000) probabilities. */
    public static double[] fit(float[] values) {
        if (values.length == 0) {
            return new double[0];
        }
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        int count = Math.min(MAX_QUANTILES, sorted.length);
        double[] quantiles = new double[Math.max(count, 2)];
        for (int i = 0; i < quantiles.length; i++) {
            // numpy's default (linear) percentile at probability i / (count - 1)
            double position = quantiles.length == 1 ? 0 : (double) i / (quantiles.length - 1) * (sorted.length - 1);
            int low = (int) Math.floor(position);
            int high = Math.min(low + 1, sorted.length - 1);
            double fraction = position - low;
            quantiles[i] = sorted[low] + fraction * ((double) sorted[high] - sorted[low]);
        }
        return quantiles;
    }

    /** {@code x} mapped through the fitted quantiles to a standard-normal score. */
    public static double apply(double[] quantiles, double x) {
        int n = quantiles.length;
        if (n == 0) {
            return 0;
        }
        double p;
        if (x <= quantiles[0]) {
            p = 0;
        } else if (x >= quantiles[n - 1]) {
            p = 1;
        } else {
            int at = Arrays.binarySearch(quantiles, x);
            if (at >= 0) {
                int first = at;
                int last = at;
                while (first > 0 && quantiles[first - 1] == x) {
                    first--;
                }
                while (last < n - 1 && quantiles[last + 1] == x) {
                    last++;
                }
                p = (first + last) / 2.0 / (n - 1);
            } else {
                int high = -at - 1; // first quantile above x; quantiles[high - 1] < x
                int low = high - 1;
                double fraction = (x - quantiles[low]) / (quantiles[high] - quantiles[low]);
                p = (low + fraction) / (n - 1);
            }
        }
        p = Math.min(Math.max(p, BOUND), 1 - BOUND);
        return Math.sqrt(2) * Erf.erfInv(2 * p - 1);
    }
}
