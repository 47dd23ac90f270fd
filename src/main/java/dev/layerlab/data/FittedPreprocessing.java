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

    /** Suffix of an embedded column's one feature, its category index ("shop:index"). */
    public static final String EMBEDDING_SUFFIX = ":index";
    /** Suffix of a numeric column's "is exactly 0" input ("rain=0"), read like a one-hot input. */
    public static final String ZERO_SUFFIX = "=0";

    private final TaskType task;
    private final String targetColumn;
    private final List<FittedColumn> columns;
    private final List<String> classes;
    private final double targetCenter;
    private final double targetScale;
    private final List<FittedTarget> outputTargets;
    private final List<Double> classWeights;
    private final TargetTransform targetTransform;
    private final List<RatioFeature> ratios;
    private final List<CoordinateRotation> rotations;

    private final List<String> featureNames;
    private final List<Map<String, Integer>> categoryIndex;
    private final Map<String, Integer> classIndex;
    private final List<Map<String, Integer>> otherClassIndex;
    private final FittedTarget mainEncoding;
    /** Per column, its quantiles as an array (null when it is scaled linearly). */
    private final double[][] quantileArrays;

    public FittedPreprocessing(TaskType task, String targetColumn, List<FittedColumn> columns, List<String> classes,
                               double targetCenter, double targetScale) {
        this(task, targetColumn, columns, classes, targetCenter, targetScale, List.of());
    }

    /**
     * @param outputTargets the other columns a graph network's outputs predict, in label-block order (after the
     *                      main target's block); absent in bundles written before per-output targets = none
     */
    public FittedPreprocessing(TaskType task, String targetColumn, List<FittedColumn> columns, List<String> classes,
                               double targetCenter, double targetScale, List<FittedTarget> outputTargets) {
        this(task, targetColumn, columns, classes, targetCenter, targetScale, outputTargets, null);
    }

    /**
     * @param classWeights classification: the loss weight of each class (index = class id), fitted on the training
     *                     rows for "balanced"; null or empty = every class 1 (also in bundles written before weights)
     */
    public FittedPreprocessing(@JsonProperty("task") TaskType task,
                               @JsonProperty("targetColumn") String targetColumn,
                               @JsonProperty("columns") List<FittedColumn> columns,
                               @JsonProperty("classes") List<String> classes,
                               @JsonProperty("targetCenter") double targetCenter,
                               @JsonProperty("targetScale") double targetScale,
                               @JsonProperty("outputTargets") List<FittedTarget> outputTargets,
                               @JsonProperty("classWeights") List<Double> classWeights) {
        this(task, targetColumn, columns, classes, targetCenter, targetScale, outputTargets, classWeights, null, null);
    }

    /**
     * @param targetTransform regression: the transform before the target's scaling (null = none; absent from older
     *                        bundles)
     * @param ratios          generated ratio inputs, computed from the raw columns before the columns are read
     *                        (null = none; absent from older bundles)
     */
    /** Without coordinate rotations (bundles and call sites written before them). */
    public FittedPreprocessing(TaskType task, String targetColumn, List<FittedColumn> columns, List<String> classes,
                               double targetCenter, double targetScale, List<FittedTarget> outputTargets,
                               List<Double> classWeights, TargetTransform targetTransform, List<RatioFeature> ratios) {
        this(task, targetColumn, columns, classes, targetCenter, targetScale, outputTargets, classWeights, targetTransform,
                ratios, null);
    }

    @JsonCreator
    public FittedPreprocessing(@JsonProperty("task") TaskType task,
                               @JsonProperty("targetColumn") String targetColumn,
                               @JsonProperty("columns") List<FittedColumn> columns,
                               @JsonProperty("classes") List<String> classes,
                               @JsonProperty("targetCenter") double targetCenter,
                               @JsonProperty("targetScale") double targetScale,
                               @JsonProperty("outputTargets") List<FittedTarget> outputTargets,
                               @JsonProperty("classWeights") List<Double> classWeights,
                               @JsonProperty("targetTransform") TargetTransform targetTransform,
                               @JsonProperty("ratios") List<RatioFeature> ratios,
                               @JsonProperty("rotations") List<CoordinateRotation> rotations) {
        this.rotations = rotations == null ? List.of() : List.copyOf(rotations);
        this.targetTransform = targetTransform == TargetTransform.NONE ? null : targetTransform;
        this.ratios = ratios == null ? List.of() : List.copyOf(ratios);
        this.classWeights = classWeights == null ? List.of() : List.copyOf(classWeights);
        this.outputTargets = outputTargets == null ? List.of() : List.copyOf(outputTargets);
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
                names.add(c.log1p() ? "log1p(" + c.name() + ")" : c.name());
                if (c.zeroIndicator()) {
                    names.add(c.name() + ZERO_SUFFIX);
                }
            } else if (c.kind() == ColumnKind.DATE) {
                names.addAll(DateFeatures.names(c.name(), c.hour()));
            } else if (c.embedding()) {
                for (String cat : c.rare()) {
                    m.put(cat, Embeddings.OTHER);
                }
                for (int i = 0; i < c.categories().size(); i++) {
                    m.put(c.categories().get(i), Embeddings.FIRST + i);
                }
                names.add(c.name() + EMBEDDING_SUFFIX);
            } else {
                for (String cat : c.categories()) {
                    m.put(cat, m.size());
                }
                if (c.binary()) {
                    names.add(c.name() + "=" + c.categories().get(1));
                } else {
                    c.categories().forEach(cat -> names.add(c.name() + "=" + cat));
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
        List<Map<String, Integer>> oci = new ArrayList<>();
        for (FittedTarget t : this.outputTargets) {
            Map<String, Integer> m = new HashMap<>();
            for (String cl : t.classes()) {
                m.put(cl, m.size());
            }
            oci.add(m);
        }
        this.otherClassIndex = oci;
        this.mainEncoding = new FittedTarget(targetColumn, task, this.classes, targetCenter, targetScale, this.targetTransform);
        this.quantileArrays = new double[this.columns.size()][];
        for (int c = 0; c < this.columns.size(); c++) {
            FittedColumn f = this.columns.get(c);
            if (f.quantileScaled()) {
                quantileArrays[c] = f.quantiles().stream().mapToDouble(Double::doubleValue).toArray();
            }
        }
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

    /** The loss weight per class (index = class id); empty when every class counts the same. */
    @JsonProperty
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    public List<Double> classWeights() {
        return classWeights;
    }

    /** Regression: the transform applied to the target before its scaling; null when none. */
    @JsonProperty
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public TargetTransform targetTransform() {
        return targetTransform;
    }

    /** Generated ratio inputs (computed from raw columns whenever rows are read); empty for most models. */
    @JsonProperty
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    public List<RatioFeature> ratios() {
        return ratios;
    }

    /** Generated coordinate projections (computed from raw columns whenever rows are read); empty for most models. */
    @JsonProperty
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    public List<CoordinateRotation> rotations() {
        return rotations;
    }

    /** The table with this preprocessing's generated inputs (ratios, coordinate rotations) appended. */
    public Table withGeneratedInputs(Table table) {
        return CoordinateRotation.addTo(RatioFeatures.addTo(table, ratios), rotations);
    }

    /**
     * The columns a row must bring: the inputs, with each generated input replaced by the columns it is computed from.
     */
    @JsonIgnore
    public List<String> rawInputColumns() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (FittedColumn c : columns) {
            RatioFeature r = ratios.stream().filter(x -> x.name().equals(c.name())).findFirst().orElse(null);
            CoordinateRotation rotation = rotations.stream().filter(x -> x.names().contains(c.name())).findFirst().orElse(null);
            if (rotation != null) {
                names.add(rotation.latitude());
                names.add(rotation.longitude());
            } else if (r == null) {
                names.add(c.name());
            } else {
                names.add(r.numerator());
                names.add(r.denominator());
            }
        }
        return List.copyOf(names);
    }

    /** The other columns outputs predict, each with its fitted encoding; empty for most models. */
    @JsonProperty
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    public List<FittedTarget> outputTargets() {
        return outputTargets;
    }

    /** The fitted encoding of another target column; null when no output predicts it. */
    public FittedTarget outputTarget(String column) {
        return outputTargets.stream().filter(t -> t.column().equals(column)).findFirst().orElse(null);
    }

    /** The main target's encoding in the same terms as {@link #outputTargets()}. */
    @JsonIgnore
    public FittedTarget mainTarget() {
        return mainEncoding;
    }

    /** Every target column: the main target, then the other columns outputs predict. */
    @JsonIgnore
    public List<String> labelColumns() {
        List<String> names = new ArrayList<>();
        names.add(targetColumn);
        outputTargets.forEach(t -> names.add(t.column()));
        return names;
    }

    /** Columns of a prepared label row: the main target's, then each output target's block. */
    @JsonIgnore
    public int labelWidth() {
        return targetWidth() + outputTargets.stream().mapToInt(FittedTarget::width).sum();
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
            kinds.put(c.name(), c.kind().stored());
        }
        for (RatioFeature r : ratios) {
            kinds.putIfAbsent(r.numerator(), ColumnKind.NUMERIC);
            kinds.putIfAbsent(r.denominator(), ColumnKind.NUMERIC);
        }
        for (CoordinateRotation r : rotations) {
            kinds.putIfAbsent(r.latitude(), ColumnKind.NUMERIC);
            kinds.putIfAbsent(r.longitude(), ColumnKind.NUMERIC);
        }
        if (task != null && task.isClassification()) {
            kinds.putIfAbsent(targetColumn, ColumnKind.CATEGORICAL);
        }
        for (FittedTarget t : outputTargets) {
            if (t.task().isClassification()) {
                kinds.putIfAbsent(t.column(), ColumnKind.CATEGORICAL);
            }
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
        return mainEncoding.inverse(scaledTarget);
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
        Bound b = bind(table, requireTarget);
        int width = featureCount();
        int tWidth = b.target == null ? 0 : labelWidth();
        float[] features = new float[rows.length * width];
        float[] targets = b.target == null ? null : new float[rows.length * tWidth];
        int[] source = new int[rows.length];
        int out = 0;
        for (int row : rows) {
            boolean targetMissing = b.target != null && b.target.isMissing(row);
            if (requireTarget && (targetMissing || anyMissing(b.others, row))) {
                continue;
            }
            if (writeRow(b, row, features, out * width, targets, out * tWidth)) {
                source[out++] = row;
            }
        }
        return new Matrix(trim(features, out * width), out, width,
                targets == null ? null : trim(targets, out * tWidth), tWidth, java.util.Arrays.copyOf(source, out));
    }

    /**
     * Writes the rows of {@code chunk} (a slice of a file's rows, starting at file row {@code firstRow}) into
     * split matrices allocated by the caller: file row r goes to split {@code splitOf[r]} (-1: none) at row
     * {@code position[r]}. Each row's values are exactly what {@link #transform(Table, int[], boolean)} gives;
     * the rows must be ones it keeps (target present, nothing missing in a drop-row column).
     */
    void transformInto(Table chunk, int firstRow, byte[] splitOf, int[] position, float[][] features, float[][] targets) {
        Bound b = bind(chunk, true);
        int width = featureCount();
        int tWidth = labelWidth();
        for (int row = 0; row < chunk.rowCount(); row++) {
            int split = splitOf[firstRow + row];
            if (split < 0) {
                continue;
            }
            int at = position[firstRow + row];
            if (b.target.isMissing(row) || anyMissing(b.others, row)
                    || !writeRow(b, row, features[split], at * width, targets[split], at * tWidth)) {
                throw new IllegalStateException("row " + (firstRow + row + 1) + " of " + chunk.displayName()
                        + " changed between reads: it is no longer usable");
            }
        }
    }

    /** A table's columns in the order this preprocessing reads them. */
    private record Bound(Table table, Column[] inputs, Column target, Column[] others) {
    }

    private Bound bind(Table table, boolean requireTarget) {
        table = withGeneratedInputs(table);
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
        // Other targets (graph outputs predicting other columns): their blocks follow the main target's.
        Column[] others = new Column[outputTargets.size()];
        for (int t = 0; t < others.length; t++) {
            String name = outputTargets.get(t).column();
            others[t] = table.columnIndex(name) >= 0 ? table.column(name) : null;
            if (others[t] == null && requireTarget) {
                throw new InvalidInputException("Target column '" + name + "' (predicted by an output of the model) not found in "
                        + table.displayName() + "; available columns: " + String.join(", ", table.columnNames()));
            }
        }
        return new Bound(table, inputs, target, others);
    }

    /** One row's features at {@code base} and labels at {@code at}; false (nothing kept) when a drop-row cell is missing. */
    private boolean writeRow(Bound b, int row, float[] features, int base, float[] targets, int at) {
        int width = featureCount();
        int offset = 0;
        for (int c = 0; c < b.inputs.length; c++) {
            FittedColumn f = columns.get(c);
            Column col = b.inputs[c];
            if (col.isMissing(row) && f.impute() == Imputation.DROP_ROW) {
                // Undo the partial row: its cells are overwritten by the next kept row.
                java.util.Arrays.fill(features, base, base + width, 0f);
                return false;
            }
            if (f.kind() == ColumnKind.NUMERIC) {
                double v = col.isMissing(row) ? f.fill() : ((NumericColumn) col).value(row);
                if (f.zeroIndicator()) {
                    features[base + offset + 1] = ZeroIndicator.of(v); // log1p keeps 0 at 0
                }
                if (f.log1p()) {
                    v = ColumnFitting.log1p(v);
                }
                features[base + offset] = quantileArrays[c] != null
                        ? (float) QuantileTransform.apply(quantileArrays[c], v)
                        : (float) ((v - f.center()) / f.scale());
            } else if (f.kind() == ColumnKind.DATE) {
                java.time.LocalDateTime t = col.isMissing(row) ? null : f.dateFormat().parse(col.text(row));
                DateFeatures.write(t, f.hour(), f.center(), f.scale(), features, base + offset);
            } else {
                String value = col.isMissing(row) ? f.fillCategory() : col.text(row);
                Integer index = value == null ? null : categoryIndex.get(c).get(value);
                if (f.embedding()) {
                    features[base + offset] = index == null ? Embeddings.UNSEEN : index;
                } else if (f.binary()) {
                    features[base + offset] = index == null ? 0.5f : index;
                } else if (index != null) {
                    features[base + offset + index] = 1f;
                } // unknown category: all zeros
            }
            offset += f.width();
        }
        if (b.target != null) {
            writeTarget(mainEncoding, classIndex, b.target, row, targets, at, b.table);
            at += targetWidth();
            for (int t = 0; t < b.others.length; t++) {
                writeTarget(outputTargets.get(t), otherClassIndex.get(t), b.others[t], row, targets, at, b.table);
                at += outputTargets.get(t).width();
            }
        }
        return true;
    }

    private static boolean anyMissing(Column[] columns, int row) {
        for (Column c : columns) {
            if (c != null && c.isMissing(row)) {
                return true;
            }
        }
        return false;
    }

    /** One target's label block of one row; NaN when the value is missing or the column absent. */
    private static void writeTarget(FittedTarget encoding, Map<String, Integer> classIndex, Column target, int row,
                                    float[] targets, int base, Table table) {
        String targetColumn = encoding.column();
        List<String> classes = encoding.classes();
        if (target == null || target.isMissing(row)) {
            java.util.Arrays.fill(targets, base, base + encoding.width(), Float.NaN);
            return;
        }
        if (encoding.task() == TaskType.REGRESSION) {
            if (!(target instanceof NumericColumn n)) {
                throw new InvalidInputException("Target column '" + targetColumn + "' in " + table.displayName()
                        + " should hold numbers but row " + (row + 1) + " has '" + target.text(row) + "'");
            }
            targets[base] = (float) encoding.encode(n.value(row));
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
        if (encoding.task() == TaskType.BINARY_CLASSIFICATION) {
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
