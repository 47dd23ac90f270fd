package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One input column's fitted preprocessing. Numeric: missing &rarr; {@code fill} (or the row is dropped), then
 * {@code log1p} when set (sign(x)·ln(1+|x|), for skewed counts and amounts), then {@code (x - center) / scale}.
 * Categorical: missing &rarr; {@code fillCategory} (or dropped), then one-hot over {@code categories} (an unknown
 * category gives all zeros), or with {@code binary} (exactly two categories) a single input: 0 for the first
 * category, 1 for the second, 0.5 for an unknown one. Date: the text is read in {@code dateFormat} and becomes
 * calendar features (see {@link DateFeatures}); {@code center}/{@code scale} standardize its fractional year;
 * a missing or unreadable date gives the mean year and zeros for the cyclic pairs.
 *
 * @param dateFormat date columns: how the dates are written; null for other kinds
 * @param hour       date columns: whether the hour of day is a feature (the training values had times)
 * @param binary     categorical columns with two categories: one 0/1 input instead of two one-hot inputs
 * @param log1p      numeric columns: sign(x)·ln(1+|x|) before scaling
 * @param quantiles  numeric columns scaled by rank: the training quantiles, mapped to a standard normal
 *                   ({@link QuantileTransform}) instead of {@code (x - center) / scale} (center then holds the
 *                   median, for examples); empty otherwise
 * @param embedding  categorical columns fed to a learned embedding: one input holding the category's index
 *                   ({@link Embeddings#UNSEEN} for a value not seen in training, {@link Embeddings#OTHER} for a
 *                   {@code rare} one, {@link Embeddings#FIRST} + position in {@code categories} otherwise)
 * @param embeddingDim embedded columns: the width of each category's learned vector
 * @param rare       embedded columns: the training categories pooled into "other" (too few rows to learn from)
 * @param zeroIndicator numeric columns: a second input after the scaled value, 1 when the (imputed) value is exactly 0
 *                   ({@link ZeroIndicator}); absent (false) in bundles written before it
 */
public record FittedColumn(String name, ColumnKind kind, Imputation impute, double fill, String fillCategory,
                           double center, double scale, List<String> categories,
                           @JsonInclude(JsonInclude.Include.NON_NULL) DateFormat dateFormat,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean hour,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean binary,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean log1p,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Double> quantiles,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean embedding,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) int embeddingDim,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> rare,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean zeroIndicator) {

    public FittedColumn {
        categories = categories == null ? List.of() : categories;
        quantiles = quantiles == null ? List.of() : List.copyOf(quantiles);
        rare = rare == null ? List.of() : List.copyOf(rare);
    }

    /** As the canonical constructor, for a column that is not embedded. */
    public FittedColumn(String name, ColumnKind kind, Imputation impute, double fill, String fillCategory,
                        double center, double scale, List<String> categories, DateFormat dateFormat, boolean hour,
                        boolean binary, boolean log1p, List<Double> quantiles) {
        this(name, kind, impute, fill, fillCategory, center, scale, categories, dateFormat, hour, binary, log1p,
                quantiles, false, 0, List.of(), false);
    }

    /** An embedded categorical column: its kept categories, the rare ones pooled into "other", the vector width. */
    static FittedColumn embedded(String name, Imputation impute, String fillCategory, List<String> categories,
                                 List<String> rare, int dimension) {
        return new FittedColumn(name, ColumnKind.CATEGORICAL, impute, 0, fillCategory, 0, 1, categories, null, false,
                false, false, List.of(), true, dimension, rare, false);
    }

    /** The same column with the "is exactly 0" input on or off. */
    FittedColumn withZeroIndicator(boolean on) {
        return new FittedColumn(name, kind, impute, fill, fillCategory, center, scale, categories, dateFormat, hour, binary,
                log1p, quantiles, embedding, embeddingDim, rare, on);
    }

    /** Embedded columns: the rows of the embedding table (the reserved indices plus one per kept category). */
    public int vocabulary() {
        return embedding ? Embeddings.FIRST + categories.size() : 0;
    }

    public FittedColumn(String name, ColumnKind kind, Imputation impute, double fill, String fillCategory,
                        double center, double scale, List<String> categories) {
        this(name, kind, impute, fill, fillCategory, center, scale, categories, null, false, false, false, List.of());
    }

    /** As the canonical constructor, without quantiles (every column that is not quantile-scaled). */
    public FittedColumn(String name, ColumnKind kind, Imputation impute, double fill, String fillCategory,
                        double center, double scale, List<String> categories, DateFormat dateFormat, boolean hour,
                        boolean binary, boolean log1p) {
        this(name, kind, impute, fill, fillCategory, center, scale, categories, dateFormat, hour, binary, log1p, List.of());
    }

    /** True when the column is mapped through fitted quantiles instead of a linear scaling. */
    public boolean quantileScaled() {
        return !quantiles.isEmpty();
    }

    int width() {
        return switch (kind) {
            case NUMERIC -> zeroIndicator ? 2 : 1;
            case CATEGORICAL -> binary || embedding ? 1 : categories.size();
            case DATE -> DateFeatures.width(hour);
        };
    }
}
