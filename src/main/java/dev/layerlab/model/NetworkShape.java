package dev.layerlab.model;

import dev.layerlab.data.TaskType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the data dictates about a network: its input width, output width and task.
 *
 * @param inputs       number of input features after encoding
 * @param outputs      width of the main target: 1 for regression and binary classification, the number of
 *                     classes for multi-class
 * @param featureNames the encoded feature names ("col", or "col=category" for one-hot features), in order; lets
 *                     graph inputs that take chosen columns know their width. Null when unknown.
 * @param target       the experiment's target column; null when unknown
 * @param otherTargets columns other than the main target that an output may predict, with their task and width,
 *                     in the order their label blocks follow the main target's in the prepared label rows. Data
 *                     prepared for a network lists exactly the columns its outputs predict; the workbench lists
 *                     every column a user could pick. Empty when none.
 * @param embeddings   categorical columns fed as an index into a learned embedding (each has one feature, its
 *                     index); a network over such data is a graph with an input and an embedding per column
 */
public record NetworkShape(int inputs, int outputs, TaskType task, List<String> featureNames, String target,
                           Map<String, Target> otherTargets, double[] classWeights, List<EmbeddedColumn> embeddings) {

    public NetworkShape(int inputs, int outputs, TaskType task, List<String> featureNames, String target,
                        Map<String, Target> otherTargets, double[] classWeights) {
        this(inputs, outputs, task, featureNames, target, otherTargets, classWeights, List.of());
    }

    /**
     * What an output predicting a column needs to know: the column's task and the output's width, and for the main
     * target of a classification the loss weight per class (null = all 1).
     */
    public record Target(TaskType task, int width, double[] classWeights) {
        public Target {
            Objects.requireNonNull(task, "task");
        }

        public Target(TaskType task, int width) {
            this(task, width, null);
        }
    }

    public NetworkShape(int inputs, int outputs, TaskType task, List<String> featureNames, String target,
                        Map<String, Target> otherTargets) {
        this(inputs, outputs, task, featureNames, target, otherTargets, null);
    }

    public NetworkShape {
        Objects.requireNonNull(task, "task");
        featureNames = featureNames == null ? null : List.copyOf(featureNames);
        otherTargets = otherTargets == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(otherTargets));
        embeddings = embeddings == null ? List.of() : List.copyOf(embeddings);
    }

    /** True when some column goes through a learned embedding (the network must then be a graph). */
    public boolean hasEmbeddings() {
        return !embeddings.isEmpty();
    }

    /** The embedded column whose index is feature {@code index}; null for other features. */
    public EmbeddedColumn embeddingAt(int index) {
        if (featureNames == null || embeddings.isEmpty()) {
            return null;
        }
        String feature = featureNames.get(index);
        return embeddings.stream().filter(e -> e.featureName().equals(feature)).findFirst().orElse(null);
    }

    /** The width these features give a network: one per feature, an embedded column's index its vector's width. */
    public long encodedWidth(int[] indices) {
        long width = 0;
        for (int i : indices) {
            EmbeddedColumn e = embeddingAt(i);
            width += e == null ? 1 : e.dimension();
        }
        return width;
    }

    /** The same shape with these embedded columns. */
    public NetworkShape withEmbeddings(List<EmbeddedColumn> newEmbeddings) {
        return new NetworkShape(inputs, outputs, task, featureNames, target, otherTargets, classWeights, newEmbeddings);
    }

    public NetworkShape(int inputs, int outputs, TaskType task, List<String> featureNames) {
        this(inputs, outputs, task, featureNames, null, Map.of());
    }

    public NetworkShape(int inputs, int outputs, TaskType task) {
        this(inputs, outputs, task, null);
    }

    /** The same shape with other columns an output may predict (and the main target's name). */
    public NetworkShape withTargets(String mainTarget, Map<String, Target> newOtherTargets) {
        return new NetworkShape(inputs, outputs, task, featureNames, mainTarget, newOtherTargets, classWeights, embeddings);
    }

    /** The main target's task and width. */
    public Target mainTarget() {
        return new Target(task, outputs, classWeights);
    }

    /**
     * What an output predicts: the main target when its target is unset (or names the main target), else the
     * other target it names; null when the shape does not know that column.
     */
    public Target targetOf(OutputNode output) {
        if (output.predictsMainTarget(target)) {
            return mainTarget();
        }
        return otherTargets.get(output.target());
    }

    /**
     * Where a target's block starts in a row of prepared labels: the main target first (offset 0), then the
     * other targets in {@link #otherTargets()} order. -1 for an unknown column.
     */
    public int labelOffset(OutputNode output) {
        if (output.predictsMainTarget(target)) {
            return 0;
        }
        int offset = outputs;
        for (Map.Entry<String, Target> e : otherTargets.entrySet()) {
            if (e.getKey().equals(output.target())) {
                return offset;
            }
            offset += e.getValue().width();
        }
        return -1;
    }

    /** Width of a prepared label row: the main target's block plus every other target's. */
    public int labelWidth() {
        return outputs + otherTargets.values().stream().mapToInt(Target::width).sum();
    }

    /**
     * The shape with these columns' features left out (a column an output predicts is not an input). Without
     * feature names, or when none of them belong to these columns, the shape itself.
     */
    public NetworkShape withoutFeaturesOf(Collection<String> columns) {
        if (featureNames == null || columns.isEmpty()) {
            return this;
        }
        List<String> kept = new ArrayList<>();
        for (String feature : featureNames) {
            if (columns.stream().noneMatch(c -> belongsTo(feature, c))) {
                kept.add(feature);
            }
        }
        if (kept.size() == featureNames.size()) {
            return this;
        }
        List<EmbeddedColumn> keptEmbeddings = embeddings.stream().filter(e -> !columns.contains(e.column())).toList();
        return new NetworkShape(kept.size(), outputs, task, kept, target, otherTargets, classWeights, keptEmbeddings);
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
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < featureNames.size(); i++) {
            String feature = featureNames.get(i);
            for (String column : columns) {
                if (belongsTo(feature, column)) {
                    indices.add(i);
                    break;
                }
            }
        }
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean belongsTo(String feature, String column) {
        // "col" (numeric), "col=cat" (one-hot / binary), "col:month_sin" (date), "log1p(col)"
        return feature.equals(column) || feature.startsWith(column + "=") || feature.startsWith(column + ":")
                || feature.equals("log1p(" + column + ")");
    }

    /** The usual shape for a task: 1 output unit, or one per class for multi-class. */
    public static NetworkShape of(int inputs, TaskType task, int nClasses) {
        return new NetworkShape(inputs, task == TaskType.MULTICLASS_CLASSIFICATION ? nClasses : 1, task);
    }

    /** The width of an output for a task: 1, or one unit per class for multi-class. */
    public static int widthFor(TaskType task, int classCount) {
        return task == TaskType.MULTICLASS_CLASSIFICATION ? classCount : 1;
    }
}
