package dev.layerlab.data;

/**
 * The default for zero-inflated numeric columns (rainfall, amounts, counts of rare events): when at least
 * {@link #MIN_SHARE} of a column's present values are exactly 0 and it has other values too, the network gets a
 * second input beside the scaled value, 1 when the value is 0 and 0 otherwise. Scaling puts 0 right next to the
 * smallest non-zero values (standardized rainfall: 0 mm and 0.1 mm differ by 0.03), so a rule such as "any rain
 * at all" is a cut a small network learns late or never; the extra input makes it one weight. A column with only
 * two values is a 0/1 input already and gets none.
 */
public final class ZeroIndicator {
    /** Share of present values that must be exactly 0 (one row in ten). */
    public static final double MIN_SHARE = 0.10;

    private ZeroIndicator() {
    }

    /** Whether the default rule adds the indicator for these present values (any order). */
    public static boolean applies(float[] values) {
        return applies(values, values.length);
    }

    /** As {@link #applies(float[])} for the first {@code count} values. */
    static boolean applies(float[] values, int count) {
        if (count == 0) {
            return false;
        }
        int zeros = 0;
        float first = Float.NaN;
        float second = Float.NaN;
        boolean third = false;
        for (int i = 0; i < count; i++) {
            float v = values[i];
            if (v == 0) {
                zeros++;
            } else if (!third) {
                if (Float.isNaN(first) || v == first) {
                    first = v;
                } else if (Float.isNaN(second) || v == second) {
                    second = v;
                } else {
                    third = true;
                }
            }
        }
        // 0 plus at least two other values: 0 and one other value is already a two-valued (0/1) input
        return zeros >= MIN_SHARE * count && !Float.isNaN(second);
    }

    /** The share of present values that are exactly 0, for reports. */
    static double share(float[] values, int count) {
        int zeros = 0;
        for (int i = 0; i < count; i++) {
            if (values[i] == 0) {
                zeros++;
            }
        }
        return count == 0 ? 0 : (double) zeros / count;
    }

    /** The indicator's value for a column value (after imputation): 1 for exactly 0. */
    static float of(double value) {
        return value == 0 ? 1f : 0f;
    }
}
