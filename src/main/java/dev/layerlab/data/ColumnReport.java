package dev.layerlab.data;

import java.util.List;

/**
 * Statistics of one column. Numeric columns fill min/max/mean/std (sample std) and a histogram of
 * {@code histogram.length} equal bins over [histogramMin, histogramMax]; categorical columns fill
 * topCategories (most frequent first, at most 10) and leave the numeric fields null, the histogram empty and
 * its bounds NaN. {@code problems} are plain-language remarks (empty when the column looks fine).
 */
public record ColumnReport(String name, ColumnType type, int missing, int distinct, Double min, Double max,
                           Double mean, Double std, List<CategoryCount> topCategories, int[] histogram,
                           double histogramMin, double histogramMax, List<String> problems) {
}
