package dev.layerlab.data;

import java.util.List;

/** The result of {@link DataPipeline#prepare}: split, preprocessed matrices and what was fitted. */
public final class PreparedData {
    private final TaskType task;
    private final Table table;
    private final Matrix train;
    private final Matrix validation;
    private final Matrix test;
    private final FittedPreprocessing preprocessing;
    private final String dataSha256;
    private final List<String> warnings;

    PreparedData(TaskType task, Table table, Matrix train, Matrix validation, Matrix test,
                 FittedPreprocessing preprocessing, String dataSha256, List<String> warnings) {
        this.task = task;
        this.table = table;
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.preprocessing = preprocessing;
        this.dataSha256 = dataSha256;
        this.warnings = List.copyOf(warnings);
    }

    /** The same data and fitted preprocessing with other splits (cross-validation folds, a final refit). */
    public PreparedData withSplits(Matrix newTrain, Matrix newValidation, Matrix newTest) {
        return new PreparedData(task, table, newTrain, newValidation, newTest, preprocessing, dataSha256, warnings);
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
                p.targetCenter(), p.targetScale());
        int width = p.targetWidth();
        return new PreparedData(task, table, mainOnly(train, width), mainOnly(validation, width),
                mainOnly(test, width), main, dataSha256, warnings);
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

    public Table table() {
        return table;
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
