package dev.layerlab.training.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * Thins a long series for display while keeping its shape: splits it into buckets and keeps each
 * bucket's minimum and maximum (in order), so spikes stay visible. The source keeps every point.
 */
public final class Decimator {
    private Decimator() {
    }

    /** A display point: x and y. */
    public record Point(double x, double y) {
    }

    /** Returns at most about {@code maxPoints} points of {@code ys} (x = index * xScale + xOffset). */
    public static List<Point> minMax(float[] ys, int maxPoints, double xOffset, double xScale) {
        int n = ys.length;
        List<Point> out = new ArrayList<>(Math.min(n, maxPoints + 2));
        if (n <= maxPoints) {
            for (int i = 0; i < n; i++) {
                out.add(new Point(xOffset + i * xScale, ys[i]));
            }
            return out;
        }
        int buckets = Math.max(1, maxPoints / 2);
        double per = (double) n / buckets;
        for (int b = 0; b < buckets; b++) {
            int from = (int) Math.floor(b * per);
            int to = (int) Math.min(n, Math.floor((b + 1) * per));
            if (from >= to) {
                continue;
            }
            int lo = from;
            int hi = from;
            for (int i = from; i < to; i++) {
                if (ys[i] < ys[lo]) {
                    lo = i;
                }
                if (ys[i] > ys[hi]) {
                    hi = i;
                }
            }
            int first = Math.min(lo, hi);
            int second = Math.max(lo, hi);
            out.add(new Point(xOffset + first * xScale, ys[first]));
            if (second != first) {
                out.add(new Point(xOffset + second * xScale, ys[second]));
            }
        }
        return out;
    }

    /** Exponential moving average (smoothing in [0, 1), 0 = none), as TensorBoard's slider does, debiased. */
    public static float[] smooth(float[] ys, double smoothing) {
        float[] out = new float[ys.length];
        if (smoothing <= 0) {
            System.arraycopy(ys, 0, out, 0, ys.length);
            return out;
        }
        double last = 0;
        double weight = 0;
        for (int i = 0; i < ys.length; i++) {
            float y = ys[i];
            if (!Float.isFinite(y)) {
                out[i] = y;
                continue;
            }
            last = last * smoothing + (1 - smoothing) * y;
            weight = weight * smoothing + (1 - smoothing);
            out[i] = (float) (last / weight);
        }
        return out;
    }

    /**
     * The envelope of a series per pixel column, for drawing every point without one shape per point: point
     * {@code i} (x = {@code xOffset + i * xScale}) falls in column {@code floor((x - x0) * pxPerX)}; each column
     * of {@code width} gets the minimum and maximum of its points and its first and last point (to join it to
     * its neighbours). Values are mapped through log10 when {@code log} (points at or below 0 dropped); points
     * that are not finite or fall outside the columns are skipped. Columns with no point have NaN.
     */
    public static Columns columns(float[] ys, int n, double xOffset, double xScale, double x0, double pxPerX, int width,
                                  boolean log) {
        Columns c = new Columns(width);
        for (int i = 0; i < n; i++) {
            double y = ys[i];
            if (log) {
                if (!(y > 0)) {
                    continue;
                }
                y = Math.log10(y);
            }
            if (!Double.isFinite(y)) {
                continue;
            }
            int col = (int) Math.floor((xOffset + i * xScale - x0) * pxPerX);
            if (col < 0 || col >= width) {
                continue;
            }
            if (Double.isNaN(c.min[col])) {
                c.min[col] = y;
                c.max[col] = y;
                c.first[col] = y;
            } else {
                c.min[col] = Math.min(c.min[col], y);
                c.max[col] = Math.max(c.max[col], y);
            }
            c.last[col] = y;
        }
        return c;
    }

    /** Per pixel column: min, max, first and last value of the points in it (NaN where none). */
    public static final class Columns {
        public final double[] min;
        public final double[] max;
        public final double[] first;
        public final double[] last;

        Columns(int width) {
            min = nan(width);
            max = nan(width);
            first = nan(width);
            last = nan(width);
        }

        private static double[] nan(int n) {
            double[] a = new double[n];
            java.util.Arrays.fill(a, Double.NaN);
            return a;
        }

        public int width() {
            return min.length;
        }
    }
}
