package dev.layerlab.data;

import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The result of {@link DataPipeline#prepare}: split, preprocessed matrices and what was fitted.
 *
 * <p>Data prepared from a file does not hold the parsed {@link Table}: it is as large as the matrices, and
 * keeping both doubled the memory a large file needs. {@link #table()} reads the file again when asked (and
 * keeps it while memory allows); what later steps need without it is here ({@link #rowCount()},
 * {@link #source()}).
 */
public final class PreparedData {
    private final TaskType task;
    /** The table itself (in-memory data), or null when it is read again on demand. */
    private final Table table;
    private final Supplier<Table> reload;
    private volatile SoftReference<Table> reloaded;
    private final int rowCount;
    private final Path source;
    private final Matrix train;
    private final Matrix validation;
    private final Matrix test;
    private final FittedPreprocessing preprocessing;
    private final String dataSha256;
    private final List<String> warnings;

    PreparedData(TaskType task, Table table, Matrix train, Matrix validation, Matrix test,
                 FittedPreprocessing preprocessing, String dataSha256, List<String> warnings) {
        this(task, table, null, table.rowCount(), table.source(), train, validation, test, preprocessing, dataSha256,
                warnings);
    }

    /** @param reload reads the table again (for data prepared from a file without keeping it) */
    PreparedData(TaskType task, Supplier<Table> reload, int rowCount, Path source, Matrix train, Matrix validation,
                 Matrix test, FittedPreprocessing preprocessing, String dataSha256, List<String> warnings) {
        this(task, null, reload, rowCount, source, train, validation, test, preprocessing, dataSha256, warnings);
    }

    private PreparedData(TaskType task, Table table, Supplier<Table> reload, int rowCount, Path source, Matrix train,
                         Matrix validation, Matrix test, FittedPreprocessing preprocessing, String dataSha256,
                         List<String> warnings) {
        this.task = task;
        this.table = table;
        this.reload = reload;
        this.rowCount = rowCount;
        this.source = source;
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.preprocessing = preprocessing;
        this.dataSha256 = dataSha256;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Prepared data rebuilt from its matrices and fitted preprocessing alone, without the table they came from
     * ({@link #table()} then fails): how a trial running in another process (a Spark task) receives it.
     */
    public static PreparedData ofMatrices(TaskType task, FittedPreprocessing preprocessing, Matrix train,
                                          Matrix validation, Matrix test, int rowCount, String dataSha256) {
        Supplier<Table> none = () -> {
            throw new IllegalStateException("prepared data rebuilt from its matrices has no table");
        };
        return new PreparedData(task, null, none, rowCount, null, train, validation, test, preprocessing, dataSha256,
                List.of());
    }

    /** The same data and fitted preprocessing with other splits (cross-validation folds, a final refit). */
    public PreparedData withSplits(Matrix newTrain, Matrix newValidation, Matrix newTest) {
        return new PreparedData(task, table, reload, rowCount, source, newTrain, newValidation, newTest, preprocessing,
                dataSha256, warnings);
    }

    /**
     * The same rows with only the experiment's target as labels (no other targets' blocks, and a preprocessing
     * without them): what a network with a single output trains on. Itself when there are no other targets.
     */
    public PreparedData withMainTargetOnly() {
        if (preprocessing.outputTargets().isEmpty()) {
            return this;
        }
        FittedPreprocessing p = preprocessing;
        FittedPreprocessing main = new FittedPreprocessing(p.task(), p.targetColumn(), p.columns(), p.classes(),
                p.targetCenter(), p.targetScale(), List.of(), p.classWeights(), p.targetTransform(), p.ratios(), p.rotations());
        int width = p.targetWidth();
        return new PreparedData(task, table, reload, rowCount, source, mainOnly(train, width),
                mainOnly(validation, width), mainOnly(test, width), main, dataSha256, warnings);
    }

    private static Matrix mainOnly(Matrix m, int width) {
        if (m.targets() == null || m.targetWidth() == width) {
            return m;
        }
        float[] targets = new float[m.rows() * width];
        for (int r = 0; r < m.rows(); r++) {
            System.arraycopy(m.targets(), r * m.targetWidth(), targets, r * width, width);
        }
        return new Matrix(m.features(), m.rows(), m.featureCount(), targets, width, m.sourceRows());
    }

    public TaskType task() {
        return task;
    }

    /**
     * The loaded data the matrices came from ({@link Matrix#sourceRows()} index its rows). For data prepared from
     * a file this reads the file again (the same way: format, column kinds and type settings) unless a previous
     * call's table is still in memory; it fails if the file changed since.
     */
    public Table table() {
        if (table != null) {
            return table;
        }
        SoftReference<Table> ref = reloaded;
        Table t = ref == null ? null : ref.get();
        if (t == null) {
            t = reload.get();
            if (dataSha256 != null && !dataSha256.equals(t.sha256())) {
                throw new dev.layerlab.InvalidInputException(t.displayName() + " changed since it was prepared; prepare it again");
            }
            reloaded = new SoftReference<>(t);
        }
        return t;
    }

    /** Data rows the file (or in-memory table) had, before any were dropped. */
    public int rowCount() {
        return rowCount;
    }

    /** The data file; null for in-memory tables. */
    public Path source() {
        return source;
    }

    public Matrix train() {
        return train;
    }

    public Matrix validation() {
        return validation;
    }

    public Matrix test() {
        return test;
    }

    public FittedPreprocessing preprocessing() {
        return preprocessing;
    }

    /** Hex SHA-256 of the data file's bytes; null for in-memory tables. */
    public String dataSha256() {
        return dataSha256;
    }

    /** Plain-language notes, e.g. rows dropped for a missing target. */
    public List<String> warnings() {
        return warnings;
    }
}
