package dev.layerlab.model;

import dev.layerlab.data.TaskType;
import java.util.List;
import java.util.Objects;

/**
 * What the data dictates about a network: its input width, output width and task.
 *
 * @param inputs  number of input features after encoding
 * @param outputs 1 for regression and binary classification, the number of classes for multi-class
 */
public record NetworkShape(int inputs, int outputs, TaskType task, List<String> featureNames) {

    /**
     * @param featureNames the encoded feature names ("col", or "col=category" for one-hot features), in
     *                     order; lets graph inputs that take chosen columns know their width. Null when unknown.
     */
    public NetworkShape {
        Objects.requireNonNull(task, "task");
        featureNames = featureNames == null ? null : List.copyOf(featureNames);
    }

    public NetworkShape(int inputs, int outputs, TaskType task) {
        this(inputs, outputs, task, null);
    }

    /**
     * Indices of the features that come from these data columns (empty = all features). A categorical
     * column matches all its one-hot features. Null when the feature names are unknown.
     */
    public int[] featureIndices(List<String> columns) {
        if (columns.isEmpty()) {
            int[] all = new int[inputs];
            for (int i = 0; i < inputs; i++) {
                all[i] = i;
            }
            return all;
        }
        if (featureNames == null) {
            return null;
        }
        java.util.List<Integer> indices = new java.util.ArrayList<>();
        for (int i = 0; i < featureNames.size(); i++) {
            String feature = featureNames.get(i);
            for (String column : columns) {
                if (feature.equals(column) || feature.startsWith(column + "=")) {
                    indices.add(i);
                    break;
                }
            }
        }
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The usual shape for a task: 1 output unit, or one per class for multi-class. */
    public static NetworkShape of(int inputs, TaskType task, int nClasses) {
        return new NetworkShape(inputs, task == TaskType.MULTICLASS_CLASSIFICATION ? nClasses : 1, task);
    }
}
