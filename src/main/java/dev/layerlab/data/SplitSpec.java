package dev.layerlab.data;

import dev.layerlab.InvalidInputException;

/** Train/validation/test fractions (summing to 1), the shuffle seed, and stratification for classification. */
public record SplitSpec(double train, double validation, double test, long seed, boolean stratify) {

    public SplitSpec {
        if (!(train > 0) || validation < 0 || test < 0 || Math.abs(train + validation + test - 1) > 1e-6) {
            throw new InvalidInputException("Split fractions must be non-negative, train above 0, and sum to 1 (got train "
                    + train + ", validation " + validation + ", test " + test + ")");
        }
    }

    public static SplitSpec defaults() {
        return new SplitSpec(0.7, 0.15, 0.15, 42, true);
    }
}
