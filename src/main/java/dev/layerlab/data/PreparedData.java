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
