package dev.layerlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Adds {@link RatioFeature} columns to a table, and finds the columns worth dividing by each other. */
public final class RatioFeatures {
    /** Count-like: whole numbers, none negative, and a long right tail (largest at least this many times the median). */
    static final double TAIL = 5;

    private RatioFeatures() {
    }

    /** The table with each ratio it does not have yet appended as a numeric column (itself when none is missing). */
    public static Table addTo(Table table, List<RatioFeature> ratios) {
        if (ratios == null || ratios.isEmpty()) {
            return table;
        }
        List<Column> columns = null;
        for (RatioFeature r : ratios) {
            if (table.columnIndex(r.name()) >= 0) {
                continue;
            }
            if (columns == null) {
                columns = new ArrayList<>();
                for (int i = 0; i < table.columnCount(); i++) {
                    columns.add(table.column(i));
                }
            }
            columns.add(ratio(table, r));
        }
        return columns == null ? table : new Table(table.source(), table.format(), columns, table.sha256());
    }

    private static NumericColumn ratio(Table table, RatioFeature r) {
        NumericColumn top = source(table, r.numerator(), r);
        NumericColumn bottom = source(table, r.denominator(), r);
        float[] values = new float[table.rowCount()];
        for (int i = 0; i < values.length; i++) {
            float b = bottom.value(i);
            values[i] = top.isMissing(i) || bottom.isMissing(i) || b == 0 ? Float.NaN : (float) ((double) top.value(i) / b);
        }
        return new NumericColumn(r.name(), values, values.length);
    }

    private static NumericColumn source(Table table, String name, RatioFeature r) {
        if (table.columnIndex(name) < 0) {
            throw new dev.layerlab.InvalidInputException("Column '" + name + "' (used by the generated feature '" + r.name()
                    + "') is missing from " + table.displayName() + "; available columns: " + String.join(", ", table.columnNames()));
        }
        if (!(table.column(name) instanceof NumericColumn n)) {
            throw new dev.layerlab.InvalidInputException("Column '" + name + "' (used by the generated feature '" + r.name()
                    + "') in " + table.displayName() + " should hold numbers");
        }
        return n;
    }

    /**
     * Every pair of positive count-like input columns (whole numbers, none negative, a long right tail: totals of
     * rooms, people, households), the one with the larger median on top; the target is left out.
     */
    public static List<RatioFeature> candidates(Table table, String target) {
        List<String> counts = new ArrayList<>();
        List<Double> medians = new ArrayList<>();
        for (int i = 0; i < table.columnCount(); i++) {
            Column c = table.column(i);
            if (c.name().equals(target) || !(c instanceof NumericColumn n)) {
                continue;
            }
            double median = countLikeMedian(n);
            if (median > 0) {
                counts.add(c.name());
                medians.add(median);
            }
        }
        List<RatioFeature> pairs = new ArrayList<>();
        for (int a = 0; a < counts.size(); a++) {
            for (int b = a + 1; b < counts.size(); b++) {
                boolean aOnTop = medians.get(a) >= medians.get(b);
                pairs.add(aOnTop ? new RatioFeature(counts.get(a), counts.get(b)) : new RatioFeature(counts.get(b), counts.get(a)));
            }
        }
        return pairs;
    }

    /** The median of a count-like column; 0 when it is not one. */
    private static double countLikeMedian(NumericColumn n) {
        float[] v = new float[n.size() - n.missingCount()];
        int k = 0;
        for (int i = 0; i < n.size(); i++) {
            if (!n.isMissing(i)) {
                float x = n.value(i);
                if (x < 0 || x != Math.rint(x)) {
                    return 0;
                }
                v[k++] = x;
            }
        }
        if (k < 10) {
            return 0;
        }
        Arrays.sort(v);
        double median = v[k / 2];
        return median >= 1 && v[k - 1] >= TAIL * median ? median : 0;
    }
}
