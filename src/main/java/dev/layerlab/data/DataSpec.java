package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * The data part of an experiment, as the user set it (null = detect / default).
 *
 * @param path        CSV file, relative paths resolved against the experiment's directory
 * @param delimiter   null = detect
 * @param header      null = detect
 * @param target      column to predict (required)
 * @param task        null or AUTO = infer: text target &rarr; classification; numeric target with exactly two
 *                    distinct values &rarr; binary classification; any other numeric target &rarr; regression
 *                    (even a few whole numbers such as ratings 3..8: set CLASSIFICATION to treat them as classes)
 * @param columns     per-column overrides by column name (null = none)
 * @param split       null = {@link SplitSpec#defaults()}
 * @param scaleTarget regression only; null = true (standardize the target, inverted for reporting)
 * @param invalidNumbers cells of a numeric column that are not usable numbers: null = MISSING (up to 1 % of a
 *                    column's cells read as missing), ERROR refuses the file (the strict setting)
 * @param classWeights classification only; null = none (every row counts the same), see {@link ClassWeights}
 * @param ratios      generated inputs, each one column divided by another, computed from the raw columns wherever rows
 *                    are read (null = none), see {@link RatioFeature}
 * @param targetTransform regression only; null = NONE. LOG1P fits the network to ln(1+y) (fitted on the training
 *                    rows like the scaling after it) and inverts it for predictions and metrics
 * @param rotations   generated inputs, latitude/longitude pairs projected onto other directions, computed from the raw
 *                    columns wherever rows are read (null = none), see {@link CoordinateRotation}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSpec(String path, Character delimiter, Boolean header, String target, TaskChoice task,
                       Map<String, ColumnSpec> columns, SplitSpec split, Boolean scaleTarget,
                       InvalidNumbers invalidNumbers, ClassWeights classWeights, java.util.List<RatioFeature> ratios,
                       TargetTransform targetTransform, java.util.List<CoordinateRotation> rotations) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public DataSpec {
        ratios = ratios == null || ratios.isEmpty() ? null : java.util.List.copyOf(ratios);
        rotations = rotations == null || rotations.isEmpty() ? null : java.util.List.copyOf(rotations);
        targetTransform = targetTransform == TargetTransform.NONE ? null : targetTransform;
    }

    /** The spec without coordinate rotations (call sites written before them). */
    public DataSpec(String path, Character delimiter, Boolean header, String target, TaskChoice task,
                    Map<String, ColumnSpec> columns, SplitSpec split, Boolean scaleTarget,
                    InvalidNumbers invalidNumbers, ClassWeights classWeights, java.util.List<RatioFeature> ratios,
                    TargetTransform targetTransform) {
        this(path, delimiter, header, target, task, columns, split, scaleTarget, invalidNumbers, classWeights, ratios,
                targetTransform, null);
    }

    /** The spec without ratios and target transform (call sites written before them). */
    public DataSpec(String path, Character delimiter, Boolean header, String target, TaskChoice task,
                    Map<String, ColumnSpec> columns, SplitSpec split, Boolean scaleTarget,
                    InvalidNumbers invalidNumbers, ClassWeights classWeights) {
        this(path, delimiter, header, target, task, columns, split, scaleTarget, invalidNumbers, classWeights, null, null);
    }

    /** The spec without the settings added later (old call sites; old files load through the full constructor). */
    public DataSpec(String path, Character delimiter, Boolean header, String target, TaskChoice task,
                    Map<String, ColumnSpec> columns, SplitSpec split, Boolean scaleTarget) {
        this(path, delimiter, header, target, task, columns, split, scaleTarget, null, null, null, null);
    }

    /** A spec with everything detected or defaulted. */
    public static DataSpec of(String path, String target) {
        return new DataSpec(path, null, null, target, null, null, null, null, null, null, null, null);
    }

    public DataSpec withColumn(String name, ColumnSpec spec) {
        Map<String, ColumnSpec> m = new java.util.LinkedHashMap<>(columns == null ? Map.of() : columns);
        m.put(name, spec);
        return new DataSpec(path, delimiter, header, target, task, m, split, scaleTarget, invalidNumbers, classWeights, ratios, targetTransform, rotations);
    }

    /** The same settings for another file (delimiter and header kept). */
    public DataSpec withPath(String newPath) {
        return new DataSpec(newPath, delimiter, header, target, task, columns, split, scaleTarget, invalidNumbers, classWeights, ratios, targetTransform, rotations);
    }

    public DataSpec withTask(TaskChoice newTask) {
        return new DataSpec(path, delimiter, header, target, newTask, columns, split, scaleTarget, invalidNumbers, classWeights, ratios, targetTransform, rotations);
    }

    public DataSpec withSplit(SplitSpec newSplit) {
        return new DataSpec(path, delimiter, header, target, task, columns, newSplit, scaleTarget, invalidNumbers, classWeights, ratios, targetTransform, rotations);
    }

    public DataSpec withScaleTarget(Boolean newScaleTarget) {
        return new DataSpec(path, delimiter, header, target, task, columns, split, newScaleTarget, invalidNumbers, classWeights, ratios, targetTransform, rotations);
    }

    public DataSpec withInvalidNumbers(InvalidNumbers policy) {
        return new DataSpec(path, delimiter, header, target, task, columns, split, scaleTarget, policy, classWeights, ratios, targetTransform, rotations);
    }

    public DataSpec withClassWeights(ClassWeights weights) {
        return new DataSpec(path, delimiter, header, target, task, columns, split, scaleTarget, invalidNumbers, weights, ratios, targetTransform, rotations);
    }

    /** The same settings with these generated ratio inputs (null or empty: none). */
    public DataSpec withRatios(java.util.List<RatioFeature> newRatios) {
        return new DataSpec(path, delimiter, header, target, task, columns, split, scaleTarget, invalidNumbers, classWeights,
                newRatios, targetTransform, rotations);
    }

    /** The same settings with this regression-target transform (null or NONE: none). */
    public DataSpec withTargetTransform(TargetTransform transform) {
        return new DataSpec(path, delimiter, header, target, task, columns, split, scaleTarget, invalidNumbers, classWeights,
                ratios, transform, rotations);
    }

    /** The same settings with these coordinate rotations (null or empty: none). */
    public DataSpec withRotations(java.util.List<CoordinateRotation> newRotations) {
        return new DataSpec(path, delimiter, header, target, task, columns, split, scaleTarget, invalidNumbers, classWeights,
                ratios, targetTransform, newRotations);
    }

    public java.util.List<CoordinateRotation> rotationsOrEmpty() {
        return rotations == null ? java.util.List.of() : rotations;
    }

    /** The table with this spec's generated inputs (ratios, coordinate rotations) appended. */
    public Table withGeneratedInputs(Table table) {
        return CoordinateRotation.addTo(RatioFeatures.addTo(table, ratiosOrEmpty()), rotationsOrEmpty());
    }

    public java.util.List<RatioFeature> ratiosOrEmpty() {
        return ratios == null ? java.util.List.of() : ratios;
    }

    public TargetTransform targetTransformOrDefault() {
        return targetTransform == null ? TargetTransform.NONE : targetTransform;
    }

    InvalidNumbers invalidNumbersOrDefault() {
        return invalidNumbers == null ? InvalidNumbers.MISSING : invalidNumbers;
    }

    public ClassWeights classWeightsOrDefault() {
        return classWeights == null ? ClassWeights.NONE : classWeights;
    }

    /** This spec with every one of {@code names} (but the target) scaled by {@code scaling}; their other settings stay. */
    public DataSpec withScaling(Scaling scaling, java.util.Collection<String> names) {
        DataSpec out = this;
        for (String name : names) {
            if (!name.equals(target)) {
                out = out.withColumn(name, out.columnSpec(name).withScaling(scaling));
            }
        }
        return out;
    }

    ColumnSpec columnSpec(String name) {
        ColumnSpec s = columns == null ? null : columns.get(name);
        return s == null ? ColumnSpec.defaults() : s;
    }

    SplitSpec splitOrDefault() {
        return split == null ? SplitSpec.defaults() : split;
    }

    boolean scaleTargetOrDefault() {
        return scaleTarget == null || scaleTarget;
    }
}
