package dev.layerlab.explain;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.ColumnKind;
import dev.layerlab.data.FittedColumn;
import dev.layerlab.data.FittedPreprocessing;
import dev.layerlab.data.FittedTarget;
import dev.layerlab.data.Matrix;
import dev.layerlab.data.Table;
import dev.layerlab.data.TaskType;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.training.GraphNetwork;
import dev.layerlab.training.Inference;
import dev.layerlab.training.Metrics;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.TrainableNetwork;
import dev.layerlab.training.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * What a trained model relies on. Permutation importance: how much the model's headline metric (RMSE in the target's
 * units, or accuracy) gets worse when one input column's values are shuffled among the rows, averaged over several
 * shuffles; a categorical column is shuffled as a whole (all its one-hot inputs together). Partial dependence: the
 * mean prediction when every row's value of a column is set to each value of a grid. For a graph network with
 * several outputs, each output gets its own importance and partial dependence.
 */
public final class Explainer {
    public static final String IMPORTANCE_FILE = "importance.csv";
    public static final String DEPENDENCE_FILE = "partial_dependence.csv";
    /** Grid points of a numeric column's partial dependence. */
    static final int GRID = 20;

    /** One column's importance for one output: mean and standard deviation of the metric's loss over the shuffles. */
    public record Importance(String output, String column, double importance, double std) {
    }

    /** One point of a partial-dependence curve; {@code className} is set for multi-class outputs (one curve per class). */
    public record Dependence(String output, String column, String value, double numericValue, double prediction,
                             String className) {
    }

    /** Everything about one output. */
    public record OutputExplanation(String output, String metric, boolean higherIsBetter, double baseline,
                                    List<Importance> importance, List<Dependence> dependence) {
        public String importanceCsv() {
            StringBuilder csv = new StringBuilder("column,importance,std\n");
            for (Importance i : importance) {
                csv.append(csvText(i.column())).append(',').append(num(i.importance())).append(',').append(num(i.std())).append('\n');
            }
            return csv.toString();
        }

        public String dependenceCsv() {
            boolean classes = dependence.stream().anyMatch(d -> d.className() != null);
            StringBuilder csv = new StringBuilder(classes ? "column,value,prediction,class\n" : "column,value,prediction\n");
            for (Dependence d : dependence) {
                csv.append(csvText(d.column())).append(',').append(csvText(d.value())).append(',').append(num(d.prediction()));
                if (classes) {
                    csv.append(',').append(csvText(d.className()));
                }
                csv.append('\n');
            }
            return csv.toString();
        }
    }

    private final int repeats;
    private final int dependenceColumns;
    private final int maxRows;
    private final long seed;

    /**
     * @param repeats           shuffles per column (at least 5)
     * @param dependenceColumns partial dependence for this many of the most important columns
     * @param maxRows           a sample of at most this many rows is used (seeded), to bound the time on big files
     */
    public Explainer(int repeats, int dependenceColumns, int maxRows, long seed) {
        if (repeats < 5) {
            throw new InvalidInputException("permutation importance needs at least 5 repeats, got " + repeats);
        }
        if (maxRows < 10) {
            throw new InvalidInputException("explaining needs at least 10 rows, got --rows " + maxRows);
        }
        this.repeats = repeats;
        this.dependenceColumns = Math.max(0, dependenceColumns);
        this.maxRows = maxRows;
        this.seed = seed;
    }

    public static Explainer defaults() {
        return new Explainer(5, 4, 5000, 42);
    }

    /** Explains the model on the rows of {@code table} (which must have the target column(s)); one entry per output. */
    public List<OutputExplanation> explain(ModelBundle bundle, Table table, RunControl control) {
        FittedPreprocessing prep = bundle.preprocessing();
        if (table.columnIndex(prep.targetColumn()) < 0) {
            throw new InvalidInputException("the data has no target column '" + prep.targetColumn()
                    + "': permutation importance needs the true values");
        }
        return explain(bundle, prep.transform(table, true), control);
    }

    /** Explains the model on rows already transformed by its preprocessing (e.g. a run's held-out test split). */
    public List<OutputExplanation> explain(ModelBundle bundle, Matrix all, RunControl control) {
        FittedPreprocessing prep = bundle.preprocessing();
        if (all.rows() < 2) {
            throw new InvalidInputException("fewer than 2 usable rows to explain on (rows need the target and every required value)");
        }
        Matrix rows = sample(all, maxRows, new Random(seed));
        TrainableNetwork net = bundle.network();
        Trainer.Evaluator evaluator = new Trainer.Evaluator(prep);
        List<String> outputs = new ArrayList<>();
        List<String> metricKeys = new ArrayList<>();
        List<FittedTarget> targets = new ArrayList<>();
        if (net instanceof GraphNetwork graph && graph.outputNames().size() > 1) {
            for (int o = 0; o < graph.outputNames().size(); o++) {
                FittedTarget target = evaluator.targetOf(graph.outputNodes().get(o));
                String headline = Metrics.headline(target.task());
                outputs.add(graph.outputNames().get(o));
                metricKeys.add(o == 0 ? headline : graph.outputNames().get(o) + "_" + headline);
                targets.add(target);
            }
        } else {
            outputs.add(prep.targetColumn());
            metricKeys.add(Metrics.headline(prep.task()));
            targets.add(prep.mainTarget());
        }
        Map<String, Double> base = evaluator.metrics(net, rows);
        List<String> columns = prep.inputColumns();
        int[][] blocks = featureBlocks(prep);
        double[][][] losses = new double[outputs.size()][columns.size()][repeats];
        Random random = new Random(seed + 1);
        for (int c = 0; c < columns.size(); c++) {
            for (int r = 0; r < repeats; r++) {
                if (control != null && control.isCancelled()) {
                    throw new InvalidInputException("explaining was stopped");
                }
                Matrix shuffled = permuteBlock(rows, blocks[c], random);
                Map<String, Double> metrics = evaluator.metrics(net, shuffled);
                for (int o = 0; o < outputs.size(); o++) {
                    String key = metricKeys.get(o);
                    double loss = metrics.get(key) - base.get(key);
                    losses[o][c][r] = higherIsBetter(key) ? -loss : loss;
                }
            }
        }
        List<OutputExplanation> result = new ArrayList<>();
        for (int o = 0; o < outputs.size(); o++) {
            List<Importance> importance = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                importance.add(new Importance(outputs.get(o), columns.get(c), mean(losses[o][c]), std(losses[o][c])));
            }
            importance.sort(Comparator.comparingDouble(Importance::importance).reversed());
            List<Dependence> dependence = new ArrayList<>();
            for (int k = 0; k < Math.min(dependenceColumns, importance.size()); k++) {
                String column = importance.get(k).column();
                int c = columns.indexOf(column);
                dependence.addAll(partialDependence(net, prep, rows, o, targets.get(o), outputs.get(o),
                        prep.columns().get(c), blocks[c]));
            }
            String key = metricKeys.get(o);
            result.add(new OutputExplanation(outputs.get(o), key, higherIsBetter(key), base.get(key), importance, dependence));
        }
        return result;
    }

    private static boolean higherIsBetter(String metricKey) {
        return metricKey.endsWith(Metrics.ACCURACY) || metricKey.endsWith(Metrics.R2) || metricKey.endsWith(Metrics.AUC)
                || metricKey.endsWith(Metrics.F1_MACRO);
    }

    /**
     * The model inputs each input column becomes, in order: a numeric column's own input, a categorical column's
     * one-hot inputs ("column=category").
     */
    static int[][] featureBlocks(FittedPreprocessing prep) {
        List<String> features = prep.featureNames();
        List<String> columns = prep.inputColumns();
        int[][] blocks = new int[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c);
            List<Integer> mine = new ArrayList<>();
            for (int f = 0; f < features.size(); f++) {
                if (features.get(f).equals(name) || features.get(f).startsWith(name + "=")
                        || features.get(f).equals("log1p(" + name + ")")
                        || features.get(f).equals(name + FittedPreprocessing.EMBEDDING_SUFFIX)) {
                    mine.add(f);
                }
            }
            blocks[c] = mine.stream().mapToInt(Integer::intValue).toArray();
        }
        return blocks;
    }

    /** The rows with the inputs of one column shuffled together (the same permutation for all of them). */
    static Matrix permuteBlock(Matrix rows, int[] block, Random random) {
        int n = rows.rows();
        int width = rows.featureCount();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[] features = rows.features().clone();
        for (int i = 0; i < n; i++) {
            for (int f : block) {
                features[i * width + f] = rows.features()[order[i] * width + f];
            }
        }
        return new Matrix(features, n, width, rows.targets(), rows.targetWidth(), rows.sourceRows());
    }

    private List<Dependence> partialDependence(TrainableNetwork net, FittedPreprocessing prep, Matrix rows, int output,
                                               FittedTarget target, String outputName, FittedColumn column, int[] block) {
        List<Dependence> points = new ArrayList<>();
        int width = rows.featureCount();
        List<float[]> settings = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> numeric = new ArrayList<>();
        if (column.kind() == ColumnKind.NUMERIC && block.length == (column.zeroIndicator() ? 2 : 1)) {
            float[] values = new float[rows.rows()];
            // With an "is 0" input: every zero has the same scaled value; a grid point there sets the input to 1.
            float zeroScaled = Float.NaN;
            for (int i = 0; i < values.length; i++) {
                values[i] = rows.features()[i * width + block[0]];
                if (block.length == 2 && rows.features()[i * width + block[1]] == 1f) {
                    zeroScaled = values[i];
                }
            }
            Arrays.sort(values);
            float low = values[(int) (0.05 * (values.length - 1))];
            float high = values[(int) (0.95 * (values.length - 1))];
            int steps = high > low ? GRID : 1;
            for (int g = 0; g < steps; g++) {
                float scaled = steps == 1 ? low : low + (high - low) * g / (steps - 1);
                settings.add(block.length == 1 ? new float[] {scaled} : new float[] {scaled, scaled == zeroScaled ? 1f : 0f});
                double raw = scaled * column.scale() + column.center();
                numeric.add(raw);
                labels.add(String.format(Locale.ROOT, "%.6g", raw));
            }
        } else if (column.embedding() && block.length == 1) {
            // An embedded column: its most frequent categories among these rows, each set as every row's index.
            Map<Integer, Integer> counts = new java.util.HashMap<>();
            for (int i = 0; i < rows.rows(); i++) {
                counts.merge((int) rows.features()[i * width + block[0]], 1, Integer::sum);
            }
            counts.entrySet().stream()
                    .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(GRID)
                    .forEach(e -> {
                        int index = e.getKey();
                        settings.add(new float[] {index});
                        labels.add(index == dev.layerlab.data.Embeddings.OTHER ? "other"
                                : index < dev.layerlab.data.Embeddings.FIRST ? "unseen"
                                : column.categories().get(index - dev.layerlab.data.Embeddings.FIRST));
                        numeric.add(Double.NaN);
                    });
        } else {
            for (int k = 0; k < block.length; k++) {
                float[] oneHot = new float[block.length];
                oneHot[k] = 1;
                settings.add(oneHot);
                String feature = prep.featureNames().get(block[k]);
                labels.add(feature.substring(Math.min(feature.length(), column.name().length() + 1)));
                numeric.add(Double.NaN);
            }
        }
        for (int s = 0; s < settings.size(); s++) {
            float[] features = rows.features().clone();
            for (int i = 0; i < rows.rows(); i++) {
                for (int k = 0; k < block.length; k++) {
                    features[i * width + block[k]] = settings.get(s)[k];
                }
            }
            float[] head = predict(net, features, rows.rows(), width, output);
            int headWidth = head.length / rows.rows();
            if (target.task() == TaskType.REGRESSION) {
                double sum = 0;
                for (int i = 0; i < rows.rows(); i++) {
                    sum += target.inverse(head[i * headWidth]);
                }
                points.add(new Dependence(outputName, column.name(), labels.get(s), numeric.get(s), sum / rows.rows(), null));
            } else if (headWidth == 1) {
                double sum = 0;
                for (int i = 0; i < rows.rows(); i++) {
                    sum += head[i];
                }
                // Binary: the probability of the second class.
                points.add(new Dependence(outputName, column.name(), labels.get(s), numeric.get(s), sum / rows.rows(), null));
            } else {
                for (int k = 0; k < headWidth; k++) {
                    double sum = 0;
                    for (int i = 0; i < rows.rows(); i++) {
                        sum += head[i * headWidth + k];
                    }
                    points.add(new Dependence(outputName, column.name(), labels.get(s), numeric.get(s), sum / rows.rows(),
                            target.classes().get(k)));
                }
            }
        }
        return points;
    }

    private static float[] predict(TrainableNetwork net, float[] features, int rows, int width, int output) {
        if (net instanceof GraphNetwork graph && graph.outputNames().size() > 1) {
            return Inference.outputs(graph, features, rows, width)[output];
        }
        return Inference.output(net, features, rows, width);
    }

    private static Matrix sample(Matrix all, int max, Random random) {
        if (all.rows() <= max) {
            return all;
        }
        int[] order = new int[all.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] picked = Arrays.copyOf(order, max);
        Arrays.sort(picked);
        int w = all.featureCount();
        int tw = all.targetWidth();
        float[] features = new float[max * w];
        float[] targets = new float[max * tw];
        int[] source = new int[max];
        for (int i = 0; i < max; i++) {
            System.arraycopy(all.features(), picked[i] * w, features, i * w, w);
            System.arraycopy(all.targets(), picked[i] * tw, targets, i * tw, tw);
            source[i] = all.sourceRows()[picked[i]];
        }
        return new Matrix(features, max, w, targets, tw, source);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double std(double[] values) {
        double m = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - m) * (v - m);
        }
        return Math.sqrt(sum / Math.max(1, values.length - 1));
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }

    private static String csvText(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
