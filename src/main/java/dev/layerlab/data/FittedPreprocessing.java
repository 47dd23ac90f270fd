package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.layerlab.InvalidInputException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything learned from the training split that turns a {@link Table} into a {@link Matrix}: per-column
 * imputation, scaling and one-hot categories, plus the target encoding. Immutable; stored with the model as
 * JSON ({@link #toJson()} / {@link #fromJson(String)} round-trip exactly).
 */
public final class FittedPreprocessing {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final TaskType task;
    private final String targetColumn;
    private final List<FittedColumn> columns;
    private final List<String> classes;
    private final double targetCenter;
    private final double targetScale;

    private final List<String> featureNames;
    private final List<Map<String, Integer>> categoryIndex;
    private final Map<String, Integer> classIndex;

    @JsonCreator
    public FittedPreprocessing(@JsonProperty("task") TaskType task,
                               @JsonProperty("targetColumn") String targetColumn,
                               @JsonProperty("columns") List<FittedColumn> columns,
                               @JsonProperty("classes") List<String> classes,
                               @JsonProperty("targetCenter") double targetCenter,
                               @JsonProperty("targetScale") double targetScale) {
        this.task = task;
        this.targetColumn = targetColumn;
        this.columns = List.copyOf(columns);
        this.classes = classes == null ? List.of() : List.copyOf(classes);
        this.targetCenter = targetCenter;
        this.targetScale = targetScale;
        List<String> names = new ArrayList<>();
        List<Map<String, Integer>> index = new ArrayList<>();
        for (FittedColumn c : this.columns) {
            Map<String, Integer> m = new HashMap<>();
            if (c.kind() == ColumnKind.NUMERIC) {
                names.add(c.name());
            } else {
                for (String cat : c.categories()) {
                    m.put(cat, m.size());
                    names.add(c.name() + "=" + cat);
                }
            }
            index.add(m);
        }
        this.featureNames = Collections.unmodifiableList(names);
        this.categoryIndex = index;
        Map<String, Integer> ci = new HashMap<>();
        for (String cl : this.classes) {
            ci.put(cl, ci.size());
        }
        this.classIndex = ci;
    }

    @JsonProperty
    public TaskType task() {
        return task;
    }

    @JsonProperty
    public String targetColumn() {
        return targetColumn;
    }

    /** Fitted details per input column, in feature order. */
    @JsonProperty
    public List<FittedColumn> columns() {
        return columns;
    }

    /** Classification: class labels sorted (numerically for numeric targets), index = class id. Empty for regression. */
    @JsonProperty
    public List<String> classes() {
        return classes;
    }

    @JsonProperty
    public double targetCenter() {
        return targetCenter;
    }

    @JsonProperty
    public double targetScale() {
        return targetScale;
    }

    @JsonIgnore
    public List<String> inputColumns() {
        return columns.stream().map(FittedColumn::name).toList();
    }

    /** Kinds to force when loading a prediction file, so it is read the way the training file was. */
    @JsonIgnore
    public Map<String, ColumnKind> inputKinds() {
        Map<String, ColumnKind> kinds = new LinkedHashMap<>();
        for (FittedColumn c : columns) {
            kinds.put(c.name(), c.kind());
        }
        if (task != null && task.isClassification()) {
            kinds.putIfAbsent(targetColumn, ColumnKind.CATEGORICAL);
        }
        return kinds;
    }

    /** Feature names after one-hot encoding ({@code column=category} for one-hot inputs). */
    @JsonIgnore
    public List<String> featureNames() {
        return featureNames;
    }

    @JsonIgnore
    public int featureCount() {
        return featureNames.size();
    }

    @JsonIgnore
    public int targetWidth() {
        return task == TaskType.MULTICLASS_CLASSIFICATION ? classes.size() : 1;
    }

    /** Regression: a (scaled) model output back in the target's own units. */
    public double inverseTarget(float scaledTarget) {
        return scaledTarget * targetScale + targetCenter;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static FittedPreprocessing fromJson(String json) {
        try {
            return JSON.readValue(json, FittedPreprocessing.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("Invalid preprocessing JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Applies the fitted steps to every row. Rows with a missing value in a DROP_ROW column are left out. When
     * the table has the target column, targets are included (a row with a missing target is left out when
     * {@code requireTarget}, else gets NaN targets); without it, targets are null, or an error if required.
     */
    public Matrix transform(Table table, boolean requireTarget) {
        int[] all = new int[table.rowCount()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return transform(table, all, requireTarget);
    }

    Matrix transform(Table table, int[] rows, boolean requireTarget) {
        Column[] inputs = new Column[columns.size()];
        for (int c = 0; c < inputs.length; c++) {
            FittedColumn f = columns.get(c);
            if (table.columnIndex(f.name()) < 0) {
                throw new InvalidInputException("Column '" + f.name() + "' used by the model is missing from "
                        + table.displayName() + "; available columns: " + String.join(", ", table.columnNames()));
            }
            inputs[c] = table.column(f.name());
            if (f.kind() == ColumnKind.NUMERIC && inputs[c] instanceof CategoricalColumn cat) {
                int bad = firstPresent(cat);
                throw new InvalidInputException("Column '" + f.name() + "' in " + table.displayName()
                        + " should hold numbers but row " + (bad + 1) + " has text '" + cat.value(bad) + "'");
            }
        }
        Column target = table.columnIndex(targetColumn) >= 0 ? table.column(targetColumn) : null;
        if (target == null && requireTarget) {
            throw new InvalidInputException("Target column '" + targetColumn + "' not found in " + table.displayName()
                    + "; available columns: " + String.join(", ", table.columnNames()));
        }
        int width = featureCount();
        int tWidth = target == null ? 0 : targetWidth();
        float[] features = new float[rows.length * width];
        float[] targets = target == null ? null : new float[rows.length * tWidth];
        int[] source = new int[rows.length];
        int out = 0;
        rowLoop:
        for (int row : rows) {
            boolean targetMissing = target != null && target.isMissing(row);
            if (targetMissing && requireTarget) {
                continue;
            }
            int base = out * width;
            int offset = 0;
            for (int c = 0; c < inputs.length; c++) {
                FittedColumn f = columns.get(c);
                Column col = inputs[c];
                if (col.isMissing(row) && f.impute() == Imputation.DROP_ROW) {
                    // Undo the partial row: its cells are overwritten by the next kept row.
                    java.util.Arrays.fill(features, base, base + width, 0f);
                    continue rowLoop;
                }
                if (f.kind() == ColumnKind.NUMERIC) {
                    double v = col.isMissing(row) ? f.fill() : ((NumericColumn) col).value(row);
                    features[base + offset] = (float) ((v - f.center()) / f.scale());
                } else {
                    String value = col.isMissing(row) ? f.fillCategory() : col.text(row);
                    Integer index = value == null ? null : categoryIndex.get(c).get(value);
                    if (index != null) {
                        features[base + offset + index] = 1f;
                    } // unknown category: all zeros
                }
                offset += f.width();
            }
            if (target != null) {
                writeTarget(target, row, targetMissing, targets, out * tWidth, table);
            }
            source[out++] = row;
        }
        return new Matrix(trim(features, out * width), out, width,
                targets == null ? null : trim(targets, out * tWidth), tWidth, java.util.Arrays.copyOf(source, out));
    }

    private void writeTarget(Column target, int row, boolean missing, float[] targets, int base, Table table) {
        if (missing) {
            java.util.Arrays.fill(targets, base, base + targetWidth(), Float.NaN);
            return;
        }
        if (task == TaskType.REGRESSION) {
            if (!(target instanceof NumericColumn n)) {
                throw new InvalidInputException("Target column '" + targetColumn + "' in " + table.displayName()
                        + " should hold numbers but row " + (row + 1) + " has '" + target.text(row) + "'");
            }
            targets[base] = (float) ((n.value(row) - targetCenter) / targetScale);
            return;
        }
        String label = target.text(row);
        Integer cls = classIndex.get(label);
        if (cls == null && !Double.isNaN(NumberParsing.parse(label))) {
            // Numeric labels may be spelled differently in another file ("1.0" vs "1").
            cls = classIndex.get(NumericColumn.format((float) NumberParsing.parse(label)));
        }
        if (cls == null) {
            throw new InvalidInputException("Target column '" + targetColumn + "' in " + table.displayName() + " row "
                    + (row + 1) + " has class '" + label + "' that the model does not know (known: "
                    + String.join(", ", classes) + ")");
        }
        if (task == TaskType.BINARY_CLASSIFICATION) {
            targets[base] = cls;
        } else {
            targets[base + cls] = 1f;
        }
    }

    private static int firstPresent(Column c) {
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i)) {
                return i;
            }
        }
        return 0;
    }

    private static float[] trim(float[] a, int length) {
        return a.length == length ? a : java.util.Arrays.copyOf(a, length);
    }
}
