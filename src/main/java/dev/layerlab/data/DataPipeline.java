package dev.layerlab.data;

import dev.layerlab.InvalidInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns a {@link DataSpec} into split, preprocessed matrices.
 * <ul>
 *   <li>Rows whose target is missing are dropped with a warning (refused only when none remain);
 *       rows with a missing value in a DROP_ROW column are dropped before splitting.</li>
 *   <li>The split is shuffled with the seed (stratified per class for classification when asked), so it is
 *       deterministic for a seed.</li>
 *   <li>Every statistic (means, medians, scales, categories) comes from the training rows only.</li>
 * </ul>
 */
public final class DataPipeline {

    private DataPipeline() {
    }

    public static PreparedData prepare(DataSpec spec, Path baseDir) {
        return prepare(spec, baseDir, List.of());
    }

    /**
     * As {@link #prepare(DataSpec, Path)}, with a label block for each column a graph network's outputs predict
     * besides the experiment's target ({@code NetworkSpec.outputTargets()}); those columns are not features.
     */
    public static PreparedData prepare(DataSpec spec, Path baseDir, List<String> outputTargets) {
        if (spec.path() == null || spec.path().isBlank()) {
            throw new InvalidInputException("No data file set");
        }
        Path path = Path.of(spec.path());
        if (!path.isAbsolute() && baseDir != null) {
            path = baseDir.resolve(path);
        }
        CsvFormat format = CsvSniffer.detect(path);
        if (spec.delimiter() != null) {
            format = format.withDelimiter(spec.delimiter());
        }
        if (spec.header() != null) {
            format = format.withHeader(spec.header());
        }
        Map<String, ColumnKind> forced = new HashMap<>();
        if (spec.task() == TaskChoice.CLASSIFICATION && spec.target() != null) {
            forced.put(spec.target(), ColumnKind.CATEGORICAL);
        }
        // No local holds the table: prepare drops it before reading the file a second time.
        return prepare(spec, TableLoader.load(path, format, forced, spec.invalidNumbersOrDefault()), outputTargets,
                new FileSource(path, format));
    }

    /** Where a table was loaded from, to read it again. */
    private record FileSource(Path path, CsvFormat format) {
    }

    /** Rows per table while a file is read the second time. */
    static final int CHUNK_ROWS = 1 << 16;

    /**
     * Applies the user's column types: a numeric column set to categorical has its values treated as categories
     * (as written in the file). A text column cannot become numeric: that is refused with the offending value.
     */
    static Table withTypeOverrides(DataSpec spec, Table table) {
        if (spec.columns() == null || spec.columns().values().stream()
                .allMatch(c -> c == null || (c.type() == null && c.encoding() == null))) {
            return table;
        }
        List<Column> columns = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < table.columnCount(); i++) {
            Column column = table.column(i);
            ColumnSpec setting = spec.columns().get(column.name());
            ColumnKind wanted = setting == null ? null : setting.type();
            if (wanted == null && setting != null && setting.encoding() != null) {
                wanted = ColumnKind.CATEGORICAL; // an encoding choice reads numeric codes as categories
            }
            if (wanted == ColumnKind.CATEGORICAL && column instanceof NumericColumn) {
                String[] values = new String[column.size()];
                for (int r = 0; r < values.length; r++) {
                    values[r] = column.text(r);
                }
                columns.add(CategoricalColumn.of(column.name(), values));
                changed = true;
            } else {
                if (wanted == ColumnKind.DATE && column instanceof NumericColumn) {
                    throw new InvalidInputException("Column '" + column.name() + "' holds numbers (e.g. '"
                            + ColumnFitting.firstText(column) + "'), not dates, and cannot be treated as a date");
                }
                if (wanted == ColumnKind.NUMERIC && column instanceof CategoricalColumn c) {
                    String example = c.levels().isEmpty() ? "" : c.levels().get(0);
                    throw new InvalidInputException("Column '" + column.name() + "' holds text (e.g. '" + example
                            + "') and cannot be treated as numeric");
                }
                columns.add(column);
            }
        }
        return changed ? new Table(table.source(), table.format(), columns, table.sha256()) : table;
    }

    public static PreparedData prepare(DataSpec spec, Table table) {
        return prepare(spec, table, List.of());
    }

    /** As {@link #prepare(DataSpec, Path, List)} on a loaded table. */
    public static PreparedData prepare(DataSpec spec, Table table, List<String> outputTargets) {
        return prepare(spec, table, outputTargets, null);
    }

    /**
     * @param file where {@code table} was loaded from, or null. With a file, the table is used for the split and
     *             the fitting only; the matrices are then written from a second, chunked read of the file, so the
     *             whole table and the whole matrices are never in memory together.
     */
    private static PreparedData prepare(DataSpec spec, Table table, List<String> outputTargets, FileSource source) {
        Map<String, ColumnKind> loadedKinds = source == null ? null : kindsOf(table);
        table = spec.withGeneratedInputs(withTypeOverrides(spec, table));
        List<String> warnings = new ArrayList<>();
        if (source != null) {
            warnings.addAll(TableLoader.headerNotes(source.path(), source.format()));
        }
        String file = table.displayName();
        String targetName = spec.target();
        if (targetName == null || targetName.isBlank()) {
            throw new InvalidInputException("No target column set; available columns: " + String.join(", ", table.columnNames()));
        }
        if (table.columnIndex(targetName) < 0) {
            throw new InvalidInputException("Target column '" + targetName + "' not found in " + file
                    + "; available columns: " + String.join(", ", table.columnNames()));
        }
        if (spec.columns() != null) {
            for (String name : spec.columns().keySet()) {
                if (table.columnIndex(name) < 0) {
                    throw new InvalidInputException("Column setting for '" + name + "' but " + file
                            + " has no such column; available columns: " + String.join(", ", table.columnNames()));
                }
            }
        }
        Column target = table.column(targetName);
        if (target.missingCount() == target.size()) {
            throw new InvalidInputException("Target column '" + targetName + "' in " + file + " has no values");
        }
        if (target.missingCount() > 0) {
            warnings.add("Dropped " + target.missingCount() + " rows with no value in target column '" + targetName + "'");
        }
        List<String> classes = TargetInference.targetValues(target, spec.task());
        TaskType task = TargetInference.checkTarget(target, classes, spec.task(), file, "Target column");

        // Other targets: the columns graph outputs predict besides the main one, in order, each once.
        List<String> otherNames = new ArrayList<>();
        for (String name : outputTargets == null ? List.<String>of() : outputTargets) {
            if (name != null && !name.isBlank() && !name.equals(targetName) && !otherNames.contains(name)) {
                otherNames.add(name);
            }
        }
        List<Column> otherColumns = new ArrayList<>();
        List<TaskType> otherTasks = new ArrayList<>();
        List<List<String>> otherClasses = new ArrayList<>();
        for (String name : otherNames) {
            if (table.columnIndex(name) < 0) {
                throw new InvalidInputException("An output predicts column '" + name + "', which " + file
                        + " does not have; available columns: " + String.join(", ", table.columnNames()));
            }
            Column other = table.column(name);
            List<String> otherDistinct = TargetInference.targetValues(other, null);
            otherColumns.add(other);
            otherTasks.add(TargetInference.checkTarget(other, otherDistinct, null, file, "Output target column"));
            otherClasses.add(otherDistinct);
            if (other.missingCount() > 0) {
                warnings.add("Dropped " + other.missingCount() + " rows with no value in output target column '"
                        + name + "'");
            }
        }

        // Inputs: every other column not ignored (by the user, or by default: identifiers and free text, see
        // ColumnAdvice); empty columns are skipped with a warning.
        List<Integer> inputs = new ArrayList<>();
        Map<String, ColumnAdvice> advice = new HashMap<>();
        for (int i = 0; i < table.columnCount(); i++) {
            Column c = table.column(i);
            ColumnSpec setting = spec.columnSpec(c.name());
            if (c.name().equals(targetName) || otherNames.contains(c.name()) || setting.role() == Role.IGNORE) {
                continue;
            }
            if (c.missingCount() == c.size()) {
                warnings.add("Ignored column '" + c.name() + "': it has no values");
                continue;
            }
            ColumnAdvice a = ColumnAdvice.of(c);
            advice.put(c.name(), a);
            if (setting.role() == null && a.role() == Role.IGNORE) {
                warnings.add("Ignored column '" + c.name() + "': " + a.reason() + " (set its role to feature to use it)");
                continue;
            }
            if (c instanceof NumericColumn n && n.problems() != null) {
                warnings.add(n.problems().describe(c.name()));
            }
            inputs.add(i);
        }
        if (inputs.isEmpty()) {
            throw new InvalidInputException("No input columns left in " + file + " besides the target '" + targetName + "'");
        }

        // Eligible rows: every target present and no missing value in a DROP_ROW column.
        int[] eligible = eligibleRows(spec, table, target, otherColumns, inputs, warnings);
        if (eligible.length < 3) {
            throw new InvalidInputException(file + " has only " + eligible.length + " usable rows; at least 3 are needed");
        }
        SplitSpec split = spec.splitOrDefault();
        int[][] parts = RowSplit.split(eligible, split, task.isClassification() ? target : null);

        List<FittedColumn> fitted = new ArrayList<>();
        for (int i : inputs) {
            Column c = table.column(i);
            fitted.add(ColumnFitting.fitColumn(c, spec.columnSpec(c.name()), advice.get(c.name()), parts[0], warnings));
        }
        double center = 0;
        double scale = 1;
        TargetTransform transform = spec.targetTransformOrDefault();
        if (transform != TargetTransform.NONE) {
            ColumnFitting.checkTransformable(transform, task, target, eligible, file);
        }
        if (task == TaskType.REGRESSION && spec.scaleTargetOrDefault()) {
            double[] ms = ColumnFitting.meanStd((NumericColumn) target, parts[0], transform);
            center = ms[0];
            scale = ms[1] > 0 ? ms[1] : 1;
        }
        List<FittedTarget> others = new ArrayList<>();
        for (int t = 0; t < otherColumns.size(); t++) {
            others.add(TargetInference.fitTarget(otherColumns.get(t), otherTasks.get(t), otherClasses.get(t), parts[0],
                    spec.scaleTargetOrDefault()));
        }
        List<Double> weights = null;
        if (task.isClassification()) {
            int[] counts = TargetInference.classCounts(target, classes, parts[0]);
            double[] w = spec.classWeightsOrDefault().weights(classes, counts);
            weights = w == null ? null : Arrays.stream(w).boxed().toList();
            String imbalance = DatasetReport.imbalance(target);
            if (imbalance != null && w == null) {
                warnings.add(imbalance.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + imbalance.substring(1));
            }
        }
        FittedPreprocessing pre = new FittedPreprocessing(task, targetName, fitted,
                task.isClassification() ? classes : List.of(), center, scale, others, weights, transform,
                spec.ratiosOrEmpty(), spec.rotationsOrEmpty());
        if (source == null) {
            return new PreparedData(task, table, pre.transform(table, parts[0], true), pre.transform(table, parts[1], true),
                    pre.transform(table, parts[2], true), pre, table.sha256(), warnings);
        }
        int rowCount = table.rowCount();
        String sha = table.sha256();
        // Let the table go before the matrices are allocated (the fitted preprocessing holds no column).
        table = null;
        target = null;
        otherColumns = null;
        classes = null;
        eligible = null;
        Matrix[] splits = readSplits(spec, source, loadedKinds, pre, parts, rowCount, sha);
        Supplier<Table> reload = () -> spec.withGeneratedInputs(withTypeOverrides(spec,
                TableLoader.load(source.path(), source.format(), loadedKinds)));
        return new PreparedData(task, reload, rowCount, source.path(), splits[0], splits[1], splits[2], pre, sha, warnings);
    }

    private static Map<String, ColumnKind> kindsOf(Table table) {
        Map<String, ColumnKind> kinds = new HashMap<>();
        for (int i = 0; i < table.columnCount(); i++) {
            kinds.put(table.column(i).name(), table.column(i).kind());
        }
        return kinds;
    }

    /**
     * The split matrices, written straight from a chunked second read of the file: each row lands where
     * {@link FittedPreprocessing#transform} would have put it, with the same values.
     */
    private static Matrix[] readSplits(DataSpec spec, FileSource file, Map<String, ColumnKind> kinds,
                                       FittedPreprocessing pre, int[][] parts, int rowCount, String sha) {
        byte[] splitOf = new byte[rowCount];
        Arrays.fill(splitOf, (byte) -1);
        int[] position = new int[rowCount];
        int width = pre.featureCount();
        int tWidth = pre.labelWidth();
        float[][] features = new float[parts.length][];
        float[][] targets = new float[parts.length][];
        for (int s = 0; s < parts.length; s++) {
            features[s] = new float[parts[s].length * width];
            targets[s] = new float[parts[s].length * tWidth];
            for (int k = 0; k < parts[s].length; k++) {
                splitOf[parts[s][k]] = (byte) s;
                position[parts[s][k]] = k;
            }
        }
        String name = file.path().getFileName().toString();
        String read = TableLoader.loadChunks(file.path(), file.format(), kinds, CHUNK_ROWS, (first, chunk) -> {
            if (first + chunk.rowCount() > rowCount) {
                throw new InvalidInputException(name + " changed while it was being prepared; prepare it again");
            }
            pre.transformInto(withTypeOverrides(spec, chunk), first, splitOf, position, features, targets);
        });
        if (sha != null && !sha.equals(read)) {
            throw new InvalidInputException(name + " changed while it was being prepared; prepare it again");
        }
        Matrix[] out = new Matrix[parts.length];
        for (int s = 0; s < parts.length; s++) {
            out[s] = new Matrix(features[s], parts[s].length, width, targets[s], tWidth, parts[s]);
        }
        return out;
    }

    /**
     * Splits a CSV like {@link #prepare(DataSpec, Path)} but transforms it with an already fitted preprocessing
     * instead of fitting one (fine-tuning a trained model on new rows): columns keep the model's kinds, classes
     * the model does not know are refused.
     */
    public static PreparedData prepareWith(DataSpec spec, Path baseDir, FittedPreprocessing fitted) {
        Path path = Path.of(spec.path());
        if (!path.isAbsolute() && baseDir != null) {
            path = baseDir.resolve(path);
        }
        CsvFormat format = CsvSniffer.detect(path);
        if (spec.delimiter() != null) {
            format = format.withDelimiter(spec.delimiter());
        }
        if (spec.header() != null) {
            format = format.withHeader(spec.header());
        }
        Table table = fitted.withGeneratedInputs(TableLoader.load(path, format, fitted.inputKinds()));
        for (String name : fitted.labelColumns()) {
            if (table.columnIndex(name) < 0) {
                throw new InvalidInputException("Target column '" + name + "' the model predicts not found in "
                        + table.displayName() + "; available columns: " + String.join(", ", table.columnNames()));
            }
        }
        Column target = table.column(fitted.targetColumn());
        List<Column> otherColumns = fitted.outputTargets().stream().map(t -> table.column(t.column())).toList();
        List<String> warnings = new ArrayList<>();
        if (target.missingCount() > 0) {
            warnings.add("Dropped " + target.missingCount() + " rows with no value in target column '" + target.name() + "'");
        }
        List<Integer> inputs = new ArrayList<>();
        DataSpec dropSpec = spec;
        for (FittedColumn c : fitted.columns()) {
            inputs.add(table.columnIndex(c.name()) < 0 ? -1 : table.columnIndex(c.name()));
            dropSpec = dropSpec.withColumn(c.name(), dropSpec.columnSpec(c.name()).withImpute(c.impute(), null));
        }
        if (inputs.contains(-1)) {
            fitted.transform(table, new int[0], false); // throws, naming the missing column
        }
        int[] eligible = eligibleRows(dropSpec, table, target, otherColumns, inputs, warnings);
        if (eligible.length < 3) {
            throw new InvalidInputException(table.displayName() + " has only " + eligible.length + " usable rows; at least 3 are needed");
        }
        int[][] parts = RowSplit.split(eligible, spec.splitOrDefault(), fitted.task().isClassification() ? target : null);
        return new PreparedData(fitted.task(), table, fitted.transform(table, parts[0], true),
                fitted.transform(table, parts[1], true), fitted.transform(table, parts[2], true), fitted,
                table.sha256(), warnings);
    }

    private static int[] eligibleRows(DataSpec spec, Table table, Column target, List<Column> otherTargets,
                                      List<Integer> inputs, List<String> warnings) {
        List<Column> dropColumns = new ArrayList<>();
        for (int i : inputs) {
            Column c = table.column(i);
            if (spec.columnSpec(c.name()).imputeOrDefault(c.kind()) == Imputation.DROP_ROW) {
                dropColumns.add(c);
            }
        }
        int[] rows = new int[table.rowCount()];
        int n = 0;
        int dropped = 0;
        outer:
        for (int r = 0; r < table.rowCount(); r++) {
            if (target.isMissing(r)) {
                continue;
            }
            for (Column c : otherTargets) {
                if (c.isMissing(r)) {
                    continue outer;
                }
            }
            for (Column c : dropColumns) {
                if (c.isMissing(r)) {
                    dropped++;
                    continue outer;
                }
            }
            rows[n++] = r;
        }
        if (dropped > 0) {
            warnings.add("Dropped " + dropped + " rows with missing values in drop-row columns");
        }
        return Arrays.copyOf(rows, n);
    }

    /**
     * What each column could be as an output's target, without fitting anything: its task (inferred as for the
     * main target) and, for classification, its classes. Leaves out the experiment's target and columns that
     * cannot be predicted (no values, constant). For editors offering a choice of target; center 0, scale 1.
     */
    public static List<FittedTarget> targetCandidates(DataSpec spec, Table table) {
        return TargetInference.targetCandidates(spec, table);
    }
}
