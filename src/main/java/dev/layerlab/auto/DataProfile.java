package dev.layerlab.auto;

import dev.layerlab.data.CategoricalColumn;
import dev.layerlab.data.Column;
import dev.layerlab.data.CoordinateRotation;
import dev.layerlab.data.Embeddings;
import dev.layerlab.data.NumericColumn;
import dev.layerlab.data.RatioFeature;
import dev.layerlab.data.RatioFeatures;
import dev.layerlab.data.Table;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What auto's data choices depend on, read once from the file: the column names, the numeric inputs with a
 * skewed distribution, the ratio candidates (pairs of positive count-like columns), the latitude/longitude pairs,
 * the text columns with enough categories to be embedded by default, and whether the target is a positive,
 * right-skewed number (then a log target is worth trying).
 */
record DataProfile(List<String> columns, Set<String> skewed, List<RatioFeature> ratioCandidates, boolean logTargetFits,
                   List<CoordinateRotation> coordinatePairs, List<String> manyCategories) {

    DataProfile(List<String> columns, Set<String> skewed, List<RatioFeature> ratioCandidates, boolean logTargetFits) {
        this(columns, skewed, ratioCandidates, logTargetFits, List.of(), List.of());
    }

    /**
     * This profile with the columns the default preparation actually embedded (the file's count of categories is a
     * first guess: identifiers, free text and dates with many values are not embedded).
     */
    DataProfile withEmbedded(List<String> embedded) {
        return new DataProfile(columns, skewed, ratioCandidates, logTargetFits, coordinatePairs, List.copyOf(embedded));
    }

    /** |skewness| above which a column counts as skewed (a common rule of thumb). */
    static final double SKEWED = 1.0;
    /** A target's skewness above which a log target is tried. */
    static final double TARGET_SKEWED = 0.5;

    static DataProfile of(Table table, String target) {
        List<String> columns = new ArrayList<>();
        Set<String> skewed = new LinkedHashSet<>();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < table.columnCount(); i++) {
            Column c = table.column(i);
            if (c.name().equals(target)) {
                continue;
            }
            columns.add(c.name());
            if (c instanceof NumericColumn n && Math.abs(skewness(n)) > SKEWED) {
                skewed.add(c.name());
            }
            if (c instanceof CategoricalColumn cat && cat.levels().size() > Embeddings.EMBED_ABOVE) {
                many.add(c.name());
            }
        }
        boolean logFits = false;
        if (table.columnIndex(target) >= 0 && table.column(target) instanceof NumericColumn y) {
            logFits = min(y) >= 0 && skewness(y) > TARGET_SKEWED;
        }
        return new DataProfile(columns, skewed, RatioFeatures.candidates(table, target), logFits,
                CoordinateRotation.candidates(table, target), many);
    }

    /** The column's sample skewness; 0 when it has fewer than 3 values or no spread. */
    static double skewness(NumericColumn c) {
        Double skew = dev.layerlab.data.DatasetReport.skewness(c);
        return skew == null ? 0 : skew;
    }

    private static double min(NumericColumn c) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i)) {
                min = Math.min(min, c.value(i));
            }
        }
        return min;
    }
}
