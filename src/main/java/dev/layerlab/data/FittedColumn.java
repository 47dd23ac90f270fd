package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One input column's fitted preprocessing. Numeric: missing &rarr; {@code fill} (or the row is dropped),
 * then {@code (x - center) / scale}, or, when {@code quantiles} is not empty, the rank-to-normal map through them
 * ({@link QuantileTransform}; center then holds the median, for examples). Categorical: missing &rarr;
 * {@code fillCategory} (or dropped), then one-hot over {@code categories}; an unknown category gives all zeros.
 */
public record FittedColumn(String name, ColumnKind kind, Imputation impute, double fill, String fillCategory,
                           double center, double scale, List<String> categories,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Double> quantiles) {

    public FittedColumn {
        quantiles = quantiles == null ? List.of() : List.copyOf(quantiles);
    }

    public FittedColumn(String name, ColumnKind kind, Imputation impute, double fill, String fillCategory,
                        double center, double scale, List<String> categories) {
        this(name, kind, impute, fill, fillCategory, center, scale, categories, List.of());
    }

    /** True when the column is mapped through fitted quantiles instead of a linear scaling. */
    public boolean quantileScaled() {
        return !quantiles.isEmpty();
    }

    int width() {
        return kind == ColumnKind.NUMERIC ? 1 : categories.size();
    }
}
