package dev.layerlab.data;

import dev.layerlab.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** What is predicted and how: the task chosen from the target column, its classes, the encoding of each target fitted on the training rows. */
final class TargetInference {
    private TargetInference() {
    }

    /**
     * A target's task, refusing a target with nothing to predict (constant, or a single class).
     *
     * @param what how messages name the column ("Target column", "Output target column")
     */
    static TaskType checkTarget(Column target, List<String> classes, TaskChoice choice, String file, String what) {
        if (target.missingCount() == target.size()) {
            throw new InvalidInputException(what + " '" + target.name() + "' in " + file + " has no values");
        }
        TaskType task = chooseTask(choice, target, classes, file);
        if (task == TaskType.REGRESSION && classes.size() == 1) {
            throw new InvalidInputException(what + " '" + target.name() + "' in " + file + " is constant (every value is "
                    + classes.get(0) + "): there is nothing to predict");
        }
        if (task.isClassification() && classes.size() == 1) {
            throw new InvalidInputException(what + " '" + target.name() + "' in " + file + " has only one class ('"
                    + classes.get(0) + "'): classification needs at least two");
        }
        return task;
    }

    /** An output target's encoding: classes, or a scaler fitted on the training rows (as the main target's). */
    static FittedTarget fitTarget(Column column, TaskType task, List<String> classes, int[] trainRows,
                                          boolean scale) {
        if (task.isClassification()) {
            return new FittedTarget(column.name(), task, classes, 0, 1);
        }
        double center = 0;
        double spread = 1;
        if (scale) {
            double[] ms = ColumnFitting.meanStd((NumericColumn) column, trainRows);
            center = ms[0];
            spread = ms[1] > 0 ? ms[1] : 1;
        }
        return new FittedTarget(column.name(), task, List.of(), center, spread);
    }

    /**
     * What each column could be as an output's target, without fitting anything: its task (inferred as for the
     * main target) and, for classification, its classes. Leaves out the experiment's target and columns that
     * cannot be predicted (no values, constant). For editors offering a choice of target; center 0, scale 1.
     */
    static List<FittedTarget> targetCandidates(DataSpec spec, Table table) {
        table = DataPipeline.withTypeOverrides(spec, table);
        List<FittedTarget> candidates = new ArrayList<>();
        for (int i = 0; i < table.columnCount(); i++) {
            Column c = table.column(i);
            if (c.name().equals(spec.target())) {
                continue;
            }
            List<String> distinct = c instanceof NumericColumn n ? fewDistinct(n, 3) : sortedDistinct(c);
            if (distinct.size() < 2) {
                continue; // no values, or constant: nothing to predict
            }
            boolean classification = c instanceof CategoricalColumn || distinct.size() == 2;
            TaskType task = !classification ? TaskType.REGRESSION
                    : distinct.size() == 2 ? TaskType.BINARY_CLASSIFICATION : TaskType.MULTICLASS_CLASSIFICATION;
            candidates.add(new FittedTarget(c.name(), task, classification ? distinct : List.of(), 0, 1));
        }
        return candidates;
    }

    /** AUTO: text &rarr; classification; numbers with exactly two distinct values &rarr; binary; else regression. */
    static TaskType chooseTask(TaskChoice choice, Column target, List<String> classes, String file) {
        boolean classification;
        if (choice == null || choice == TaskChoice.AUTO) {
            classification = target instanceof CategoricalColumn || classes.size() == 2;
        } else if (choice == TaskChoice.REGRESSION) {
            if (target instanceof CategoricalColumn c) {
                int row = 0;
                while (c.isMissing(row)) {
                    row++;
                }
                throw new InvalidInputException("Target column '" + target.name() + "' in " + file
                        + " holds text (e.g. '" + c.value(row) + "'), so it cannot be used for regression");
            }
            classification = false;
        } else {
            classification = true;
        }
        if (!classification) {
            return TaskType.REGRESSION;
        }
        return classes.size() <= 2 ? TaskType.BINARY_CLASSIFICATION : TaskType.MULTICLASS_CLASSIFICATION;
    }

    /**
     * What the task choice needs of a target's values: all its classes, or for a numeric target that is not
     * declared a classification target, up to three (enough to tell constant, binary and regression apart:
     * sorting a million distinct regression values only to count them cost time and 8 MB).
     */
    static List<String> targetValues(Column target, TaskChoice choice) {
        return target instanceof NumericColumn n && choice != TaskChoice.CLASSIFICATION ? fewDistinct(n, 3)
                : sortedDistinct(target);
    }

    /** Up to {@code limit} distinct present values, sorted, as text (a cheap look at a long numeric column). */
    static List<String> fewDistinct(NumericColumn n, int limit) {
        TreeSet<Float> set = new TreeSet<>();
        for (int i = 0; i < n.size() && set.size() < limit; i++) {
            if (!n.isMissing(i)) {
                set.add(n.value(i));
            }
        }
        return set.stream().map(NumericColumn::format).toList();
    }

    /** Distinct present values as text, sorted numerically for numeric columns (so "2" before "10"). */
    static List<String> sortedDistinct(Column c) {
        if (c instanceof NumericColumn n) {
            // A primitive sort and a list that formats on demand: a regression target has ~one distinct value
            // per row, and boxing a million floats into a TreeSet cost seconds and ~56 MB of heap.
            float[] present = new float[n.size()];
            int count = 0;
            for (int i = 0; i < n.size(); i++) {
                if (!n.isMissing(i)) {
                    present[count++] = n.value(i);
                }
            }
            java.util.Arrays.sort(present, 0, count);
            int distinct = 0;
            for (int i = 0; i < count; i++) {
                if (distinct == 0 || Float.compare(present[i], present[distinct - 1]) != 0) {
                    present[distinct++] = present[i];
                }
            }
            float[] values = java.util.Arrays.copyOf(present, distinct);
            return new java.util.AbstractList<>() {
                @Override
                public String get(int index) {
                    return NumericColumn.format(values[index]);
                }

                @Override
                public int size() {
                    return values.length;
                }
            };
        }
        CategoricalColumn cat = (CategoricalColumn) c;
        boolean[] used = new boolean[cat.levels().size()];
        for (int i = 0; i < cat.size(); i++) {
            if (cat.code(i) >= 0) {
                used[cat.code(i)] = true;
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                out.add(cat.levels().get(i));
            }
        }
        boolean allNumeric = out.stream().allMatch(s -> !Double.isNaN(NumberParsing.parse(s)));
        out.sort(allNumeric ? Comparator.comparingDouble(NumberParsing::parse) : Comparator.naturalOrder());
        return out;
    }

    /** Rows of each class (index into {@code classes}) among {@code rows}. */
    static int[] classCounts(Column target, List<String> classes, int[] rows) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        int[] counts = new int[classes.size()];
        for (int r : rows) {
            Integer i = target.isMissing(r) ? null : index.get(target.text(r));
            if (i != null) {
                counts[i]++;
            }
        }
        return counts;
    }
}
