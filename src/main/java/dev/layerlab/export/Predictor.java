package dev.layerlab.export;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.CsvFormat;
import dev.layerlab.data.CsvSniffer;
import dev.layerlab.data.FittedPreprocessing;
import dev.layerlab.data.FittedTarget;
import dev.layerlab.data.Matrix;
import dev.layerlab.data.Table;
import dev.layerlab.data.TableLoader;
import dev.layerlab.data.TaskType;
import dev.layerlab.training.GraphNetwork;
import dev.layerlab.training.Inference;
import dev.layerlab.training.Metrics;
import dev.layerlab.training.Trainer;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Applies a bundle to new rows: its preprocessing, then its network, reporting in the target's units. */
public final class Predictor {
    private final ModelBundle bundle;
    private final FittedPreprocessing prep;

    public Predictor(ModelBundle bundle) {
        this.bundle = bundle;
        this.prep = bundle.preprocessing();
    }

    /**
     * One head's predictions (a graph output other than the main one), in the units of the column it predicts.
     *
     * @param target        the column the head predicts
     * @param values        regression: prediction in the column's units; classification: predicted class index
     * @param probabilities classification: rows x classes probabilities (binary expanded to two columns); else null
     * @param classes       classification: the column's class labels; else null
     */
    public record HeadPredictions(String target, double[] values, float[] probabilities, List<String> classes) {
        /** Row i's prediction as text: a number in the column's units or a class label. */
        public String label(int i) {
            return classes == null ? Double.toString(values[i]) : classes.get((int) values[i]);
        }
    }

    /**
     * Predictions for the rows of a table.
     *
     * @param sourceRows    the table row each prediction belongs to (rows the preprocessing dropped are absent)
     * @param values        regression: prediction in target units; classification: predicted class index
     * @param probabilities classification: rows x classes probabilities (binary expanded to two columns)
     * @param otherOutputs  a graph network's other heads by output name, in output order (empty for one head)
     */
    public record Predictions(int[] sourceRows, double[] values, float[] probabilities, List<String> classes,
                              Map<String, HeadPredictions> otherOutputs) {
        public Predictions(int[] sourceRows, double[] values, float[] probabilities, List<String> classes) {
            this(sourceRows, values, probabilities, classes, Map.of());
        }

        public int size() {
            return sourceRows.length;
        }

        /** The prediction as text: a number in target units or a class label. */
        public String label(int i) {
            return classes == null ? Double.toString(values[i]) : classes.get((int) values[i]);
        }

        /** An auxiliary output's prediction for row i, as text in its own target's terms. */
        public String otherLabel(String output, int i) {
            return otherOutputs.get(output).label(i);
        }
    }

    /** Loads a CSV the way the model expects: the training columns keep their training types. */
    public Table load(Path csv) {
        CsvFormat format = CsvSniffer.detect(csv);
        return TableLoader.load(csv, format, prep.inputKinds());
    }

    public Predictions predict(Table table) {
        Matrix matrix = prep.transform(table, false);
        int rows = matrix.rows();
        float[][] heads = bundle.isEnsemble()
                ? new float[][] {Inference.meanOutput(bundle.members(), matrix.features(), rows, matrix.featureCount())}
                : bundle.network() instanceof GraphNetwork graph && graph.outputNames().size() > 1
                ? Inference.outputs(graph, matrix.features(), rows, matrix.featureCount())
                : new float[][] {Inference.output(bundle.network(), matrix.features(), rows, matrix.featureCount())};
        HeadPredictions main = head(prep.mainTarget(), heads[0], rows);
        Map<String, HeadPredictions> others = new java.util.LinkedHashMap<>();
        if (heads.length > 1) {
            GraphNetwork graph = (GraphNetwork) bundle.network();
            Trainer.Evaluator evaluator = new Trainer.Evaluator(prep);
            for (int o = 1; o < heads.length; o++) {
                others.put(graph.outputNames().get(o), head(evaluator.targetOf(graph.outputNodes().get(o)), heads[o], rows));
            }
        }
        return new Predictions(matrix.sourceRows(), main.values(), main.probabilities(), main.classes(), others);
    }

    /** One head's raw output as values in its target's units, or as classes with their probabilities. */
    private static HeadPredictions head(FittedTarget target, float[] output, int rows) {
        double[] values = new double[rows];
        if (target.task() == TaskType.REGRESSION) {
            for (int i = 0; i < rows; i++) {
                values[i] = target.inverse(output[i]);
            }
            return new HeadPredictions(target.column(), values, null, null);
        }
        int width = output.length / Math.max(rows, 1);
        int[] predicted = Metrics.predictedClasses(output, width, rows);
        int classes = target.classes().size();
        float[] probabilities = new float[rows * classes];
        for (int i = 0; i < rows; i++) {
            values[i] = predicted[i];
            if (width == 1) {
                probabilities[i * 2] = 1 - output[i];
                probabilities[i * 2 + 1] = output[i];
            } else {
                System.arraycopy(output, i * width, probabilities, i * classes, classes);
            }
        }
        return new HeadPredictions(target.column(), values, probabilities, target.classes());
    }

    /** Metrics on a table that has the target column, in the same terms as training reported them. */
    public Map<String, Double> evaluate(Table table) {
        if (table.columnIndex(prep.targetColumn()) < 0) {
            throw new InvalidInputException("the data has no target column '" + prep.targetColumn() + "' to evaluate against");
        }
        Matrix matrix = prep.transform(table, true);
        if (matrix.rows() == 0) {
            throw new InvalidInputException("no rows left to evaluate (every row lacks the target or a required value)");
        }
        return new Trainer.Evaluator(prep).metrics(bundle.members(), matrix);
    }

    /**
     * Writes the table's rows with the predictions appended: a {@code prediction} column, and for
     * classification one {@code probability_<class>} column per class; then, for each other output of a graph
     * network, {@code prediction_<output>} in its own target's units (or its class label, followed by one
     * {@code probability_<output>_<class>} column per class). Rows that could not be predicted (a
     * missing value the preprocessing drops) get empty cells.
     */
    public void writeCsv(Table table, Predictions predictions, Path out) throws IOException {
        int[] lookup = new int[table.rowCount()];
        Arrays.fill(lookup, -1);
        for (int i = 0; i < predictions.size(); i++) {
            lookup[predictions.sourceRows()[i]] = i;
        }
        List<String> header = new ArrayList<>(table.columnNames());
        header.add("prediction");
        if (predictions.classes() != null) {
            for (String c : predictions.classes()) {
                header.add("probability_" + c);
            }
        }
        for (Map.Entry<String, HeadPredictions> e : predictions.otherOutputs().entrySet()) {
            header.add("prediction_" + e.getKey());
            if (e.getValue().classes() != null) {
                for (String c : e.getValue().classes()) {
                    header.add("probability_" + e.getKey() + "_" + c);
                }
            }
        }
        dev.layerlab.AtomicFiles.write(out, temp -> {
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                 CSVPrinter printer = CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                         .setHeader(header.toArray(String[]::new)).build().print(writer)) {
                int columns = table.columnNames().size();
                List<String> row = new ArrayList<>(header.size());
                for (int r = 0; r < table.rowCount(); r++) {
                    row.clear();
                    for (int c = 0; c < columns; c++) {
                        row.add(table.column(c).text(r));
                    }
                    int p = lookup[r];
                    row.add(p < 0 ? "" : predictions.label(p));
                    if (predictions.classes() != null) {
                        int k = predictions.classes().size();
                        for (int c = 0; c < k; c++) {
                            row.add(p < 0 ? "" : Float.toString(predictions.probabilities()[p * k + c]));
                        }
                    }
                    for (HeadPredictions head : predictions.otherOutputs().values()) {
                        row.add(p < 0 ? "" : head.label(p));
                        if (head.classes() != null) {
                            int k = head.classes().size();
                            for (int c = 0; c < k; c++) {
                                row.add(p < 0 ? "" : Float.toString(head.probabilities()[p * k + c]));
                            }
                        }
                    }
                    printer.printRecord(row);
                }
            }
        });
    }
}
