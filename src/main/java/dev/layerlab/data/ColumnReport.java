package dev.layerlab.data;

import java.util.List;

/**
 * Statistics of one column. Numeric columns fill min/max/mean/std (sample std) and a histogram of
 * {@code histogram.length} equal bins over [histogramMin, histogramMax]; categorical columns fill
 * topCategories (most frequent first, at most 10) and leave the numeric fields null, the histogram empty and
 * its bounds NaN. {@code problems} are plain-language remarks (empty when the column looks fine).
 *
 * @param kind   what the column holds as shown to the user (numeric, categorical, binary, date, text, id, empty)
 * @param role   the role it gets by default (IGNORE for identifiers, free text and empty columns)
 * @param reason why it is treated so, in plain words; null when nothing needs explaining
 * @param range  date columns: first .. last date; null otherwise
 * @param flags  what a one-click fix could address: "skewed" (log1p helps), "many_categories"; "zero_inflated" (at
 *               least {@link ZeroIndicator#MIN_SHARE} zeros in the whole column: by default an extra "is 0" input)
 */
public record ColumnReport(String name, ColumnType type, int missing, int distinct, Double min, Double max,
                           Double mean, Double std, List<CategoryCount> topCategories, int[] histogram,
                           double histogramMin, double histogramMax, List<String> problems, String kind, Role role,
                           String reason, String range, List<String> flags) {

    public static final String SKEWED = "skewed";
    public static final String ZERO_INFLATED = "zero_inflated";

    public ColumnReport(String name, ColumnType type, int missing, int distinct, Double min, Double max,
                        Double mean, Double std, List<CategoryCount> topCategories, int[] histogram,
                        double histogramMin, double histogramMax, List<String> problems) {
        this(name, type, missing, distinct, min, max, mean, std, topCategories, histogram, histogramMin, histogramMax,
                problems, type == ColumnType.CATEGORICAL ? "categorical" : "numeric", Role.FEATURE, null, null, List.of());
    }

    /** The same report with the default role, its reason and the flags filled in. */
    ColumnReport with(ColumnAdvice advice, List<String> newProblems, List<String> newFlags) {
        Role r = type == ColumnType.EMPTY ? Role.IGNORE : advice.role();
        String why = advice.reason();
        if (why == null && type == ColumnType.CONSTANT) {
            why = "constant: carries no information";
        }
        return new ColumnReport(name, type, missing, distinct, min, max, mean, std, topCategories, histogram,
                histogramMin, histogramMax, List.copyOf(newProblems), advice.kind(), r, why, advice.range(),
                List.copyOf(newFlags));
    }
}
