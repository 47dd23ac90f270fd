package dev.layerlab.data;

import dev.layerlab.InvalidInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
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
                            + firstText(column) + "'), not dates, and cannot be treated as a date");
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
        table = RatioFeatures.addTo(withTypeOverrides(spec, table), spec.ratiosOrEmpty());
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
        List<String> classes = targetValues(target, spec.task());
        TaskType task = checkTarget(target, classes, spec.task(), file, "Target column");

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
            List<String> otherDistinct = targetValues(other, null);
            otherColumns.add(other);
            otherTasks.add(checkTarget(other, otherDistinct, null, file, "Output target column"));
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
        int[][] parts = split(eligible, split, task.isClassification() ? target : null);

        List<FittedColumn> fitted = new ArrayList<>();
        for (int i : inputs) {
            Column c = table.column(i);
            fitted.add(fitColumn(c, spec.columnSpec(c.name()), advice.get(c.name()), parts[0], warnings));
        }
        double center = 0;
        double scale = 1;
        TargetTransform transform = spec.targetTransformOrDefault();
        if (transform != TargetTransform.NONE) {
            checkTransformable(transform, task, target, eligible, file);
        }
        if (task == TaskType.REGRESSION && spec.scaleTargetOrDefault()) {
            double[] ms = meanStd((NumericColumn) target, parts[0], transform);
            center = ms[0];
            scale = ms[1] > 0 ? ms[1] : 1;
        }
        List<FittedTarget> others = new ArrayList<>();
        for (int t = 0; t < otherColumns.size(); t++) {
            others.add(fitTarget(otherColumns.get(t), otherTasks.get(t), otherClasses.get(t), parts[0],
                    spec.scaleTargetOrDefault()));
        }
        List<Double> weights = null;
        if (task.isClassification()) {
            int[] counts = classCounts(target, classes, parts[0]);
            double[] w = spec.classWeightsOrDefault().weights(classes, counts);
            weights = w == null ? null : Arrays.stream(w).boxed().toList();
            String imbalance = DatasetReport.imbalance(target);
            if (imbalance != null && w == null) {
                warnings.add(imbalance.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + imbalance.substring(1));
            }
        }
        FittedPreprocessing pre = new FittedPreprocessing(task, targetName, fitted,
                task.isClassification() ? classes : List.of(), center, scale, others, weights, transform,
                spec.ratiosOrEmpty());
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
        Supplier<Table> reload = () -> RatioFeatures.addTo(withTypeOverrides(spec,
                TableLoader.load(source.path(), source.format(), loadedKinds)), spec.ratiosOrEmpty());
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
        Table table = RatioFeatures.addTo(TableLoader.load(path, format, fitted.inputKinds()), fitted.ratios());
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
        int[][] parts = split(eligible, spec.splitOrDefault(), fitted.task().isClassification() ? target : null);
        return new PreparedData(fitted.task(), table, fitted.transform(table, parts[0], true),
                fitted.transform(table, parts[1], true), fitted.transform(table, parts[2], true), fitted,
                table.sha256(), warnings);
    }

    /**
     * A target's task, refusing a target with nothing to predict (constant, or a single class).
     *
     * @param what how messages name the column ("Target column", "Output target column")
     */
    private static TaskType checkTarget(Column target, List<String> classes, TaskChoice choice, String file, String what) {
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
    private static FittedTarget fitTarget(Column column, TaskType task, List<String> classes, int[] trainRows,
                                          boolean scale) {
        if (task.isClassification()) {
            return new FittedTarget(column.name(), task, classes, 0, 1);
        }
        double center = 0;
        double spread = 1;
        if (scale) {
            double[] ms = meanStd((NumericColumn) column, trainRows);
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
    public static List<FittedTarget> targetCandidates(DataSpec spec, Table table) {
        table = withTypeOverrides(spec, table);
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
    private static TaskType chooseTask(TaskChoice choice, Column target, List<String> classes, String file) {
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
    private static List<String> targetValues(Column target, TaskChoice choice) {
        return target instanceof NumericColumn n && choice != TaskChoice.CLASSIFICATION ? fewDistinct(n, 3)
                : sortedDistinct(target);
    }

    /** Up to {@code limit} distinct present values, sorted, as text (a cheap look at a long numeric column). */
    private static List<String> fewDistinct(NumericColumn n, int limit) {
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
     * Seeded shuffle, then cut; stratified cuts each class separately so class shares match in every part.
     * On int arrays (a million rows boxed into lists cost ~40 MB of heap), drawing exactly the numbers
     * {@code Collections.shuffle} drew on lists, so splits are the same as before.
     */
    static int[][] split(int[] rows, SplitSpec s, Column classColumn) {
        Random random = new Random(s.seed());
        List<int[]> groups = new ArrayList<>();
        if (classColumn != null && s.stratify()) {
            Map<String, int[]> byClass = new java.util.TreeMap<>();
            Map<String, Integer> filled = new HashMap<>();
            String[] label = new String[rows.length];
            for (int i = 0; i < rows.length; i++) {
                label[i] = classColumn.text(rows[i]);
                filled.merge(label[i], 1, Integer::sum);
            }
            filled.forEach((k, n) -> byClass.put(k, new int[n]));
            filled.replaceAll((k, n) -> 0);
            for (int i = 0; i < rows.length; i++) {
                int at = filled.merge(label[i], 1, Integer::sum) - 1;
                byClass.get(label[i])[at] = rows[i];
            }
            groups.addAll(byClass.values());
        } else {
            groups.add(rows.clone());
        }
        int total = rows.length;
        int[] train = new int[total];
        int[] validation = new int[total];
        int[] test = new int[total];
        int nt = 0;
        int nv = 0;
        int ns = 0;
        for (int[] g : groups) {
            shuffle(g, g.length, random);
            int n = g.length;
            int nTrain = Math.max(1, (int) Math.round(n * s.train()));
            int nVal = Math.min(n - nTrain, (int) Math.round(n * s.validation()));
            if (s.test() == 0) {
                nVal = n - nTrain;
            }
            System.arraycopy(g, 0, train, nt, nTrain);
            nt += nTrain;
            System.arraycopy(g, nTrain, validation, nv, nVal);
            nv += nVal;
            System.arraycopy(g, nTrain + nVal, test, ns, n - nTrain - nVal);
            ns += n - nTrain - nVal;
        }
        // Mix the classes again so batches taken in order are not sorted by class.
        shuffle(train, nt, random);
        shuffle(validation, nv, random);
        shuffle(test, ns, random);
        return new int[][]{Arrays.copyOf(train, nt), Arrays.copyOf(validation, nv), Arrays.copyOf(test, ns)};
    }

    /** {@code Collections.shuffle(list, random)} on the first {@code n} entries of an array (same draws, same result). */
    private static void shuffle(int[] a, int n, Random random) {
        for (int i = n; i > 1; i--) {
            int j = random.nextInt(i);
            int t = a[i - 1];
            a[i - 1] = a[j];
            a[j] = t;
        }
    }

    /** Rows of each class (index into {@code classes}) among {@code rows}. */
    private static int[] classCounts(Column target, List<String> classes, int[] rows) {
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

    private static String firstText(Column c) {
        for (int r = 0; r < c.size(); r++) {
            if (!c.isMissing(r)) {
                return c.text(r);
            }
        }
        return "";
    }

    private static FittedColumn fitColumn(Column column, ColumnSpec spec, ColumnAdvice advice, int[] trainRows,
                                          List<String> warnings) {
        String name = column.name();
        if (column instanceof CategoricalColumn c && (spec.type() == ColumnKind.DATE
                || (spec.type() == null && advice != null && advice.dateFormat() != null))) {
            return fitDate(c, spec, advice, trainRows, warnings);
        }
        Imputation impute = spec.imputeOrDefault(column.kind());
        boolean log1p = spec.log1pOrDefault();
        if (log1p && !(column instanceof NumericColumn)) {
            throw new InvalidInputException("Column '" + name + "' holds text: log1p needs numbers");
        }
        if (column instanceof NumericColumn n) {
            float[] values = new float[trainRows.length];
            int k = 0;
            for (int r : trainRows) {
                if (!n.isMissing(r)) {
                    values[k++] = n.value(r);
                }
            }
            values = Arrays.copyOf(values, k);
            if (k == 0) {
                warnings.add("Column '" + name + "' has no values in the training rows; it is filled with 0");
            }
            // The fill value is in the column's own units; the scaling is fitted on what the network sees.
            float[] seen = log1p ? log1p(values) : values;
            double fill = switch (impute) {
                case MEAN, DROP_ROW -> k == 0 ? 0 : meanStd(values)[0];
                case MEDIAN -> median(values);
                case MOST_FREQUENT -> mostFrequent(values);
                case CONSTANT -> parseConstant(name, spec.constant());
            };
            double center = 0;
            double scale = 1;
            Scaling scaling = spec.scalingOrDefault();
            if (k > 0 && scaling == Scaling.STANDARDIZE) {
                double[] ms = meanStd(seen);
                center = ms[0];
                scale = ms[1] > 0 ? ms[1] : 1; // constant in train: centre only, avoid dividing by zero
            } else if (k > 0 && scaling == Scaling.MINMAX) {
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (float v : seen) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                center = min;
                scale = max > min ? (double) max - min : 1;
            }
            if (k > 0 && scaling == Scaling.QUANTILE) {
                double[] quantiles = QuantileTransform.fit(seen);
                return new FittedColumn(name, ColumnKind.NUMERIC, impute, fill, null, median(values), 1, List.of(), null,
                        false, false, log1p, Arrays.stream(quantiles).boxed().toList());
            }
            return new FittedColumn(name, ColumnKind.NUMERIC, impute, fill, null, center, scale, List.of(), null,
                    false, false, log1p);
        }
        CategoricalColumn c = (CategoricalColumn) column;
        int[] counts = new int[c.levels().size()];
        for (int r : trainRows) {
            if (c.code(r) >= 0) {
                counts[c.code(r)]++;
            }
        }
        TreeSet<String> categories = new TreeSet<>();
        int best = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                categories.add(c.levels().get(i));
                if (best < 0 || counts[i] > counts[best]
                        || (counts[i] == counts[best] && c.levels().get(i).compareTo(c.levels().get(best)) < 0)) {
                    best = i;
                }
            }
        }
        String fillCategory = switch (impute) {
            case MOST_FREQUENT -> best < 0 ? null : c.levels().get(best);
            case CONSTANT -> {
                if (spec.constant() == null) {
                    throw new InvalidInputException("Column '" + name + "' is set to constant imputation but no constant is given");
                }
                categories.add(spec.constant()); // an unseen fill value becomes its own category
                yield spec.constant();
            }
            case DROP_ROW -> null;
            case MEAN, MEDIAN -> throw new InvalidInputException("Column '" + name + "' is categorical: "
                    + impute.name().toLowerCase() + " imputation needs numbers; use most_frequent, constant or drop_row");
        };
        if (spec.encoding() == Encoding.EMBEDDING
                || (spec.encoding() == null && categories.size() > Embeddings.EMBED_ABOVE)) {
            return fitEmbedding(c, counts, categories, impute, fillCategory);
        }
        // Two categories (yes/no, true/false): one 0/1 input carries the same information as two one-hot inputs.
        boolean binary = categories.size() == 2;
        return new FittedColumn(name, ColumnKind.CATEGORICAL, impute, 0, fillCategory, 0, 1, List.copyOf(categories),
                null, false, binary, false);
    }

    /**
     * An embedded column: categories with at least {@link Embeddings#MIN_ROWS} training rows (and a constant fill
     * value) keep their own vector, sorted; the rest pool into "other".
     */
    private static FittedColumn fitEmbedding(CategoricalColumn c, int[] counts, TreeSet<String> categories,
                                             Imputation impute, String fillCategory) {
        Map<String, Integer> rows = new HashMap<>();
        for (int i = 0; i < counts.length; i++) {
            rows.put(c.levels().get(i), counts[i]);
        }
        List<String> kept = new ArrayList<>();
        List<String> rare = new ArrayList<>();
        for (String category : categories) {
            int n = rows.getOrDefault(category, 0);
            if (n >= Embeddings.MIN_ROWS || (impute == Imputation.CONSTANT && category.equals(fillCategory))) {
                kept.add(category);
            } else {
                rare.add(category);
            }
        }
        int dimension = Embeddings.dimension(Embeddings.FIRST + kept.size());
        return FittedColumn.embedded(c.name(), impute, fillCategory, kept, rare, dimension);
    }

    /** sign(x)·ln(1+|x|): defined for every number, the identity's shape near 0, a logarithm's for large values. */
    static float[] log1p(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) log1p((double) values[i]);
        }
        return out;
    }

    static double log1p(double v) {
        return Math.signum(v) * Math.log1p(Math.abs(v));
    }

    /**
     * A date column: its format (detected, or from the advice), whether it has times, and the mean and std of its
     * fractional year on the training rows. Unreadable cells count as missing.
     */
    private static FittedColumn fitDate(CategoricalColumn c, ColumnSpec spec, ColumnAdvice advice, int[] trainRows,
                                        List<String> warnings) {
        String name = c.name();
        DateFormat format = advice != null ? advice.dateFormat() : null;
        List<String> levels = c.levels();
        if (format == null) {
            format = DateFormat.detect(levels.subList(0, Math.min(ColumnAdvice.DATE_SAMPLES, levels.size())));
        }
        if (format == null) {
            throw new InvalidInputException("Column '" + name + "' is set to date but values like '"
                    + (levels.isEmpty() ? "" : levels.get(0)) + "' are not dates LayerLab reads (2021-03-04, "
                    + "2021-03-04T13:45, 04/03/2021, 03/04/2021, 04.03.2021, 2021/03/04)");
        }
        java.time.LocalDateTime[] parsed = new java.time.LocalDateTime[levels.size()];
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = format.parse(levels.get(i));
        }
        double[] years = new double[trainRows.length];
        int k = 0;
        int unreadable = 0;
        boolean hour = false;
        for (int r : trainRows) {
            int code = c.code(r);
            if (code < 0) {
                continue;
            }
            java.time.LocalDateTime t = parsed[code];
            if (t == null) {
                unreadable++;
                continue;
            }
            years[k++] = DateFeatures.fractionalYear(t);
            hour |= !t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
        }
        if (unreadable > 0) {
            warnings.add("Column '" + name + "': " + unreadable + " training value(s) are not dates in the form "
                    + format.datePattern + "; read as missing");
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += years[i];
        }
        double mean = k == 0 ? 0 : sum / k;
        double sq = 0;
        for (int i = 0; i < k; i++) {
            sq += (years[i] - mean) * (years[i] - mean);
        }
        double std = k == 0 ? 0 : Math.sqrt(sq / k);
        Imputation impute = spec.impute() == Imputation.DROP_ROW ? Imputation.DROP_ROW : Imputation.MEAN;
        return new FittedColumn(name, ColumnKind.DATE, impute, mean, null, mean, std > 0 ? std : 1, List.of(),
                format, hour, false, false);
    }

    private static double parseConstant(String column, String constant) {
        double v = constant == null ? Double.NaN : NumberParsing.parse(constant.trim());
        if (Double.isNaN(v)) {
            throw new InvalidInputException("Column '" + column + "' is numeric, so its constant fill value must be a number (got "
                    + (constant == null ? "none" : "'" + constant + "'") + ")");
        }
        return v;
    }

    private static double[] meanStd(NumericColumn c, int[] rows) {
        return meanStd(c, rows, TargetTransform.NONE);
    }

    /** Mean and std of a column's present values on these rows, each transformed first. */
    private static double[] meanStd(NumericColumn c, int[] rows, TargetTransform transform) {
        float[] v = new float[rows.length];
        int k = 0;
        for (int r : rows) {
            if (!c.isMissing(r)) {
                v[k++] = (float) transform.apply(c.value(r));
            }
        }
        return meanStd(Arrays.copyOf(v, k));
    }

    /** A target transform needs a regression target in its domain (log1p: no value below 0) on every usable row. */
    private static void checkTransformable(TargetTransform transform, TaskType task, Column target, int[] rows, String file) {
        if (task != TaskType.REGRESSION) {
            throw new InvalidInputException("the " + transform.name().toLowerCase(java.util.Locale.ROOT)
                    + " target transform is for regression targets; '" + target.name() + "' is a classification target");
        }
        NumericColumn n = (NumericColumn) target;
        for (int r : rows) {
            if (!n.isMissing(r) && n.value(r) < 0) {
                throw new InvalidInputException("the log1p target transform needs a target of at least 0, but '" + target.name()
                        + "' in " + file + " row " + (r + 1) + " is " + n.text(r));
            }
        }
    }

    /** Mean and population std (what the scaler divides by). */
    static double[] meanStd(float[] v) {
        if (v.length == 0) {
            return new double[]{0, 1};
        }
        double sum = 0;
        for (float x : v) {
            sum += x;
        }
        double mean = sum / v.length;
        double sq = 0;
        for (float x : v) {
            sq += (x - mean) * (x - mean);
        }
        return new double[]{mean, Math.sqrt(sq / v.length)};
    }

    private static double median(float[] v) {
        if (v.length == 0) {
            return 0;
        }
        float[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : ((double) s[m - 1] + s[m]) / 2;
    }

    private static double mostFrequent(float[] v) {
        if (v.length == 0) {
            return 0;
        }
        float[] s = v.clone();
        Arrays.sort(s);
        float best = s[0];
        int bestCount = 0;
        for (int i = 0; i < s.length; ) {
            int j = i;
            while (j < s.length && s[j] == s[i]) {
                j++;
            }
            if (j - i > bestCount) {
                bestCount = j - i;
                best = s[i];
            }
            i = j;
        }
        return best;
    }
}
