package dev.layerlab.diagnostics;

import java.util.Arrays;
import java.util.Locale;

/** Counts of values in equal-width bins between {@code min} and {@code max}. */
public record Histogram(double min, double max, int[] counts) {
    public static final int BINS = 20;

    public static Histogram of(float[] values) {
        int[] counts = new int[BINS];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            return new Histogram(Double.NaN, Double.NaN, counts);
        }
        double width = (max - min) / BINS;
        for (float v : values) {
            if (Float.isFinite(v)) {
                int bin = width == 0 ? 0 : (int) Math.min(BINS - 1, (v - min) / width);
                counts[bin]++;
            }
        }
        return new Histogram(min, max, counts);
    }

    /** The counts separated by spaces (one CSV cell). */
    public String countsText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            text.append(i == 0 ? "" : " ").append(counts[i]);
        }
        return text.toString();
    }

    public static Histogram parse(String min, String max, String counts) {
        int[] values = counts.isBlank() ? new int[0]
                : Arrays.stream(counts.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
        return new Histogram(Double.parseDouble(min), Double.parseDouble(max), values);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%g, %g] %s", min, max, countsText());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && Double.compare(min, h.min) == 0 && Double.compare(max, h.max) == 0
                && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts) * 31 + Double.hashCode(min);
    }
}
