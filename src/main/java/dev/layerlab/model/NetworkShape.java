package dev.layerlab.model;

import dev.layerlab.data.TaskType;
import java.util.Objects;

/**
 * What the data dictates about a network: its input width, output width and task.
 *
 * @param inputs  number of input features after encoding
 * @param outputs 1 for regression and binary classification, the number of classes for multi-class
 */
public record NetworkShape(int inputs, int outputs, TaskType task) {

    public NetworkShape {
        Objects.requireNonNull(task, "task");
    }

    /** The usual shape for a task: 1 output unit, or one per class for multi-class. */
    public static NetworkShape of(int inputs, TaskType task, int nClasses) {
        return new NetworkShape(inputs, task == TaskType.MULTICLASS_CLASSIFICATION ? nClasses : 1, task);
    }
}
