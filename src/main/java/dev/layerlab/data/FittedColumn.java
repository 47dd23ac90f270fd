package dev.layerlab.data;

import java.util.List;

/**
 * One input column's fitted preprocessing. Numeric: missing &rarr; {@code fill} (or the row is dropped),
 * then {@code (x - center) / scale}. Categorical: missing &rarr; {@code fillCategory} (or dropped), then one-hot
 * over {@code categories}; an unknown category gives all zeros.
 */
public record FittedColumn(String name, ColumnKind kind, Imputation impute, double fill, String fillCategory,
                           double center, double scale, List<String> categories) {

    int width() {
        return kind == ColumnKind.NUMERIC ? 1 : categories.size();
    }
}
