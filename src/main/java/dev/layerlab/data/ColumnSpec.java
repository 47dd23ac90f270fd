package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Per-column overrides; null fields mean the default: role FEATURE; impute MEAN for numeric and
 * MOST_FREQUENT for categorical columns; {@code constant} is the fill value for CONSTANT (a number for numeric
 * columns, any text for categorical ones, where an unseen value becomes its own category); scaling
 * STANDARDIZE (numeric only; categorical columns are always one-hot encoded); {@code type} CATEGORICAL treats a
 * numeric column's values as categories (codes, ratings), DATE reads a text column as dates (calendar features),
 * null keeps the inferred type (dates are recognised by themselves). A null role takes the default of
 * {@link ColumnAdvice} (identifiers and free text are ignored); {@code log1p} true applies sign(x)·ln(1+|x|) to a
 * numeric column before its scaling (for skewed counts and amounts). {@code encoding} picks one-hot or a learned
 * embedding for a categorical column (null = by its number of categories, see {@link Embeddings}); embedding a
 * numeric column reads its values as categories (codes). {@code zeroIndicator} true adds a 0/1 "is exactly 0" input
 * beside a numeric column, false never does, null leaves it to {@link ZeroIndicator}'s rule on the training rows.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnSpec(Role role, Imputation impute, String constant, Scaling scaling, ColumnKind type, Boolean log1p,
                         Encoding encoding, Boolean zeroIndicator) {

    public ColumnSpec(Role role, Imputation impute, String constant, Scaling scaling, ColumnKind type, Boolean log1p,
                      Encoding encoding) {
        this(role, impute, constant, scaling, type, log1p, encoding, null);
    }

    public ColumnSpec(Role role, Imputation impute, String constant, Scaling scaling, ColumnKind type, Boolean log1p) {
        this(role, impute, constant, scaling, type, log1p, null);
    }

    public ColumnSpec(Role role, Imputation impute, String constant, Scaling scaling) {
        this(role, impute, constant, scaling, null, null);
    }

    public ColumnSpec(Role role, Imputation impute, String constant, Scaling scaling, ColumnKind type) {
        this(role, impute, constant, scaling, type, null);
    }

    public ColumnSpec withType(ColumnKind newType) {
        return new ColumnSpec(role, impute, constant, scaling, newType, log1p, encoding, zeroIndicator);
    }

    public ColumnSpec withRole(Role newRole) {
        return new ColumnSpec(newRole, impute, constant, scaling, type, log1p, encoding, zeroIndicator);
    }

    public ColumnSpec withLog1p(Boolean newLog1p) {
        return new ColumnSpec(role, impute, constant, scaling, type, newLog1p, encoding, zeroIndicator);
    }

    public ColumnSpec withEncoding(Encoding newEncoding) {
        return new ColumnSpec(role, impute, constant, scaling, type, log1p, newEncoding, zeroIndicator);
    }

    public ColumnSpec withZeroIndicator(Boolean newZeroIndicator) {
        return new ColumnSpec(role, impute, constant, scaling, type, log1p, encoding, newZeroIndicator);
    }

    public static ColumnSpec defaults() {
        return new ColumnSpec(null, null, null, null);
    }

    public static ColumnSpec ignored() {
        return new ColumnSpec(Role.IGNORE, null, null, null);
    }

    public ColumnSpec withImpute(Imputation newImpute, String newConstant) {
        return new ColumnSpec(role, newImpute, newConstant, scaling, type, log1p, encoding, zeroIndicator);
    }

    public ColumnSpec withScaling(Scaling newScaling) {
        return new ColumnSpec(role, impute, constant, newScaling, type, log1p, encoding, zeroIndicator);
    }

    Role roleOrDefault() {
        return role == null ? Role.FEATURE : role;
    }

    boolean log1pOrDefault() {
        return log1p != null && log1p;
    }

    Imputation imputeOrDefault(ColumnKind kind) {
        return impute != null ? impute : kind == ColumnKind.NUMERIC ? Imputation.MEAN : Imputation.MOST_FREQUENT;
    }

    Scaling scalingOrDefault() {
        return scaling == null ? Scaling.STANDARDIZE : scaling;
    }
}
