package dev.layerlab.export;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.CsvFormat;
import dev.layerlab.data.CsvSniffer;
import dev.layerlab.data.FittedPreprocessing;
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
     * Predictions for the rows of a table.
     *
     * @param sourceRows    the table row each prediction belongs to (rows the preprocessing dropped are absent)
     * @param values        regression: prediction in target units; classification: predicted class index
     * @param probabilities classification: rows x classes probabilities (binary expanded to two columns)
     */
    public record Predictions(int[] sourceRows, double[] values, float[] probabilities, List<String> classes,
                              Map<String, double[]> otherOutputs) {
        public Predictions(int[] sourceRows, double[] values, float[] probabilities, List<String> classes) {
            this(sourceRows, values, probabilities, classes, Map.of());
        }

        public int size() {
            return sourceRows.length;
        }

        /** The prediction as text: a number in target units or a class label. */
        public String label(int i) {
            return text(values[i]);
        }

        private String text(double value) {
            return classes == null ? Double.toString(value) : classes.get((int) value);
        }

        /** An auxiliary output's prediction for row i, as text. */
        public String otherLabel(String output, int i) {
            return text(otherOutputs.get(output)[i]);
        }
    }

    /** Loads a CSV the way the model expects: the training columns keep their training types. */
    public Table load(Path csv) {
        CsvFormat format = CsvSniffer.detect(csv);
        return TableLoader.load(csv, format, prep.inputKinds());
    }

    public Predictions predict(Table table) {
        Matrix matrix = prep.transform(table, false);
        float[] output = Inference.output(bundle.network(), matrix.features(), matrix.rows(), matrix.featureCount());
        int rows = matrix.rows();
        double[] values = new double[rows];
        Map<String, double[]> others = otherOutputs(matrix);
        if (prep.task() == TaskType.REGRESSION) {
            for (int i = 0; i < rows; i++) {
                values[i] = prep.inverseTarget(output[i]);
            }
            return new Predictions(matrix.sourceRows(), values, null, null, others);
        }
        int width = output.length / Math.max(rows, 1);
        int[] predicted = Metrics.predictedClasses(output, width, rows);
        int classes = prep.classes().size();
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
        return new Predictions(matrix.sourceRows(), values, probabilities, prep.classes(), others);
    }

    /** Graph networks with several heads: every head after the main one, in target units or as class index. */
    private Map<String, double[]> otherOutputs(Matrix matrix) {
        if (!(bundle.network() instanceof GraphNetwork graph) || graph.outputNames().size() < 2) {
            return Map.of();
        }
        float[][] outputs = Inference.outputs(graph, matrix.features(), matrix.rows(), matrix.featureCount());
        Map<String, double[]> others = new java.util.LinkedHashMap<>();
        for (int o = 1; o < outputs.length; o++) {
            double[] values = new double[matrix.rows()];
            if (prep.task() == TaskType.REGRESSION) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = prep.inverseTarget(outputs[o][i]);
                }
            } else {
                int width = outputs[o].length / Math.max(matrix.rows(), 1);
                int[] predicted = Metrics.predictedClasses(outputs[o], width, matrix.rows());
                for (int i = 0; i < values.length; i++) {
                    values[i] = predicted[i];
                }
            }
            others.put(graph.outputNames().get(o), values);
        }
        return others;
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
        return new Trainer.Evaluator(prep).metrics(bundle.network(), matrix);
    }

    /**
     * Writes the table's rows with the predictions appended: a {@code prediction} column, and for
     * classification one {@code probability_<class>} column per class. Rows that could not be predicted (a
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
        for (String output : predictions.otherOutputs().keySet()) {
            header.add("prediction_" + output);
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
                    for (String output : predictions.otherOutputs().keySet()) {
                        row.add(p < 0 ? "" : predictions.otherLabel(output, p));
                    }
                    printer.printRecord(row);
                }
            }
        });
    }
}
