package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The fitted encoding of a column an output of a graph network predicts besides the experiment's target
 * (an auxiliary target). Regression: the label is {@code (x - center) / scale} (center 0, scale 1 when target
 * scaling is off), inverted for reporting. Classification: one-hot over {@code classes} (a single 0/1 column for
 * two classes), the same encoding as the main target's.
 *
 * @param classes classification: the class labels sorted as the main target's are, index = class id; empty for regression
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record FittedTarget(String column, TaskType task, List<String> classes, double center, double scale,
                           TargetTransform transform) {

    /** @param transform regression: applied before the scaling (null = none; absent from older bundles) */
    @com.fasterxml.jackson.annotation.JsonCreator
    public FittedTarget {
        classes = classes == null ? List.of() : List.copyOf(classes);
        scale = scale == 0 ? 1 : scale;
        transform = transform == TargetTransform.NONE ? null : transform;
    }

    public FittedTarget(String column, TaskType task, List<String> classes, double center, double scale) {
        this(column, task, classes, center, scale, null);
    }

    /** Regression: a value in the column's own units as the network's label. */
    public double encode(double value) {
        return ((transform == null ? value : transform.apply(value)) - center) / scale;
    }

    /** Label columns: 1 for regression and binary classification, one per class for multi-class. */
    @JsonIgnore
    public int width() {
        return task == TaskType.MULTICLASS_CLASSIFICATION ? classes.size() : 1;
    }

    /** Regression: a (scaled) model output back in the column's own units. */
    public double inverse(float scaled) {
        double v = scaled * scale + center;
        return transform == null ? v : transform.invert(v);
    }
}
