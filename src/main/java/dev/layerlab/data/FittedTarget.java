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
public record FittedTarget(String column, TaskType task, List<String> classes, double center, double scale) {

    public FittedTarget {
        classes = classes == null ? List.of() : List.copyOf(classes);
        scale = scale == 0 ? 1 : scale;
    }

    /** Label columns: 1 for regression and binary classification, one per class for multi-class. */
    @JsonIgnore
    public int width() {
        return task == TaskType.MULTICLASS_CLASSIFICATION ? classes.size() : 1;
    }

    /** Regression: a (scaled) model output back in the column's own units. */
    public double inverse(float scaled) {
        return scaled * scale + center;
    }
}
