package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Per-column overrides; null fields mean the default: role FEATURE; impute MEAN for numeric and
 * MOST_FREQUENT for categorical columns; {@code constant} is the fill value for CONSTANT (a number for numeric
 * columns, any text for categorical ones, where an unseen value becomes its own category); scaling
 * STANDARDIZE (numeric only; categorical columns are always one-hot encoded); {@code type} CATEGORICAL treats a
 * numeric column's values as categories (codes, ratings), null keeps the inferred type.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnSpec(Role role, Imputation impute, String constant, Scaling scaling, ColumnKind type) {

    public ColumnSpec(Role role, Imputation impute, String constant, Scaling scaling) {
        this(role, impute, constant, scaling, null);
    }

    public ColumnSpec withType(ColumnKind newType) {
        return new ColumnSpec(role, impute, constant, scaling, newType);
    }

    public static ColumnSpec defaults() {
        return new ColumnSpec(null, null, null, null);
    }

    public static ColumnSpec ignored() {
        return new ColumnSpec(Role.IGNORE, null, null, null);
    }

    public ColumnSpec withImpute(Imputation newImpute, String newConstant) {
        return new ColumnSpec(role, newImpute, newConstant, scaling, type);
    }

    public ColumnSpec withScaling(Scaling newScaling) {
        return new ColumnSpec(role, impute, constant, newScaling, type);
    }

    Role roleOrDefault() {
        return role == null ? Role.FEATURE : role;
    }

    Imputation imputeOrDefault(ColumnKind kind) {
        return impute != null ? impute : kind == ColumnKind.NUMERIC ? Imputation.MEAN : Imputation.MOST_FREQUENT;
    }

    Scaling scalingOrDefault() {
        return scaling == null ? Scaling.STANDARDIZE : scaling;
    }
}
