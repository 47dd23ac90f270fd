package dev.layerlab.export.codegen;

import dev.layerlab.data.ColumnSpec;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.Activation;
import dev.layerlab.model.ActivationLayer;
import dev.layerlab.model.BatchNormLayer;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.Initializer;
import dev.layerlab.model.LayerSpec;
import dev.layerlab.model.Loss;
import dev.layerlab.model.OutputSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.TrainingSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * A standalone Java class (DL4J + ND4J only, no LayerLab) that prepares the CSV as LayerLab does (same split
 * with Java's random generator, same imputation, one-hot encoding and scaling fitted on the training rows, same
 * target scaling) and builds and trains the same network with the same settings, batch order and early stopping.
 * A sequential network becomes a MultiLayerNetwork; a graph network a ComputationGraph ({@link Dl4jGraphGenerator}).
 */
public final class Dl4jGenerator {
    private Dl4jGenerator() {
    }

    /** @param className a Java identifier for the generated public class */
    public static String generate(Experiment experiment, String className) {
        Exportable.require(experiment);
        if (experiment.network() != null && experiment.network().isGraph()) {
            return Dl4jGraphGenerator.generate(experiment, className);
        }
        EarlyStoppingSpec es = experiment.training().earlyStopping();
        String monitor = "    /** loss, rmse, mae or accuracy on the validation rows (LayerLab: " + es.monitor() + "). */\n"
                + "    static final String MONITOR = " + J.str(monitor(es.monitor())) + ";\n";
        String source = (TEMPLATE + HELPERS).replace("%%NAME%%", experiment.name().replace("*/", "* /"))
                .replace("%%CLASS%%", className)
                .replace("%%SETTINGS%%", settings(experiment, monitor))
                .replace("%%NETWORK%%", network(experiment, experiment.training().optimizer()));
        return experiment.network().output().loss() == Loss.HUBER ? GeneratedHuberLoss.addTo(source) : source;
    }

    /**
     * The data and training settings as Java constants, shared by both kinds of class.
     *
     * @param monitor the lines declaring what early stopping watches
     */
    static String settings(Experiment experiment, String monitor) {
        DataSpec data = experiment.data();
        TrainingSpec t = experiment.training();
        SplitSpec split = data.split() == null ? SplitSpec.defaults() : data.split();
        EarlyStoppingSpec es = t.earlyStopping();
        StringBuilder s = new StringBuilder();
        s.append("    static final String DATA = ").append(J.str(data.path())).append(";\n");
        s.append("    /** null = detect from the first line. */\n");
        s.append("    static final Character DELIMITER = ").append(data.delimiter() == null ? "null" : J.chr(data.delimiter())).append(";\n");
        s.append("    static final boolean HEADER = ").append(data.header() == null || data.header()).append(";\n");
        s.append("    static final String TARGET = ").append(J.str(data.target())).append(";\n");
        s.append("    /** auto, regression or classification. */\n");
        s.append("    static final String TASK = ").append(J.str(KerasGenerator.taskOf(data.task()))).append(";\n");
        s.append("    static final boolean SCALE_TARGET = ").append(data.scaleTarget() == null || data.scaleTarget()).append(";\n");
        s.append("    /** Per-column settings: role, impute, constant, scaling, type (null = default; type categorical = numbers as categories). */\n");
        s.append("    static final Map<String, String[]> COLUMNS = new HashMap<>();\n");
        s.append("    static {\n");
        Map<String, ColumnSpec> columns = new TreeMap<>(data.columns() == null ? Map.of() : data.columns());
        for (Map.Entry<String, ColumnSpec> e : columns.entrySet()) {
            ColumnSpec c = e.getValue();
            s.append("        COLUMNS.put(").append(J.str(e.getKey())).append(", new String[] {")
                    .append(J.str(c.role() == null ? null : c.role().name().toLowerCase())).append(", ")
                    .append(J.str(c.impute() == null ? null : c.impute().name().toLowerCase())).append(", ")
                    .append(J.str(c.constant())).append(", ")
                    .append(J.str(c.scaling() == null ? null : c.scaling().name().toLowerCase())).append(", ")
                    .append(J.str(c.type() == null ? null : c.type().name().toLowerCase())).append("});\n");
        }
        s.append("    }\n");
        s.append("    static final double TRAIN = ").append(split.train()).append(", VALIDATION = ").append(split.validation())
                .append(", TEST = ").append(split.test()).append(";\n");
        s.append("    static final long SPLIT_SEED = ").append(split.seed()).append("L;\n");
        s.append("    static final boolean STRATIFY = ").append(split.stratify()).append(";\n");
        s.append("    static final long SEED = ").append(t.seed()).append("L;\n");
        s.append("    static final int BATCH_SIZE = ").append(t.batchSize()).append(";\n");
        s.append("    static final int EPOCHS = ").append(t.epochs()).append(";\n");
        s.append("    static final boolean EARLY_STOPPING = ").append(es.enabled()).append(";\n");
        s.append(monitor);
        s.append("    static final int PATIENCE = ").append(es.patience()).append(";\n");
        s.append("    static final double MIN_DELTA = ").append(es.minDelta()).append(";\n");
        s.append("    static final boolean RESTORE_BEST = ").append(es.restoreBest()).append(";\n");
        return s.toString();
    }

    static String monitor(String monitor) {
        String name = monitor.replaceFirst("^(val_|train_)", "");
        return switch (name) {
            case "rmse", "mae", "accuracy" -> name;
            default -> "loss";
        };
    }

    /** The learning-rate schedule and the updater as Java expressions (the updater reads a variable {@code rate}). */
    static String[] rateAndUpdater(OptimizerSpec o) {
        String rate = switch (o.schedule()) {
            case CONSTANT -> "new ExponentialSchedule(ScheduleType.EPOCH, " + o.learningRate() + ", 1.0)";
            case EXPONENTIAL -> "new ExponentialSchedule(ScheduleType.EPOCH, " + o.learningRate() + ", " + o.decay() + ")";
            case STEP -> "new StepSchedule(ScheduleType.EPOCH, " + o.learningRate() + ", " + o.decay() + ", " + o.stepEpochs() + ")";
            // refused before generation (Exportable)
            case COSINE, ONE_CYCLE, PLATEAU -> throw new IllegalStateException("schedule " + o.schedule().id() + " is not exported");
        };
        String updater = switch (o.kind()) {
            case SGD -> o.momentum() > 0 ? "new Nesterovs(rate, " + o.momentum() + ")" : "new Sgd(rate)";
            case ADAM -> "new Adam(rate)";
            case NADAM -> "new Nadam(rate)";
            case ADAMAX -> "new AdaMax(rate)";
            case RMSPROP -> "new RmsProp(rate)";
            case ADAGRAD -> "new AdaGrad(rate)";
        };
        return new String[] {rate, updater};
    }

    private static String network(Experiment experiment, OptimizerSpec o) {
        StringBuilder b = new StringBuilder();
        String rate = rateAndUpdater(o)[0];
        String updater = rateAndUpdater(o)[1];
        b.append("        ISchedule rate = ").append(rate).append(";\n");
        b.append("        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()\n")
                .append("                .seed(SEED)\n")
                .append("                .updater(").append(updater).append(")\n")
                .append("                .dataType(DataType.FLOAT)\n")
                .append("                .list();\n");
        b.append("        long width = nIn;\n");
        for (LayerSpec layer : experiment.network().layers()) {
            String name = J.str(layer.name());
            if (layer instanceof DenseLayer d) {
                boolean prelu = d.activation() == Activation.PRELU;
                b.append("        list.layer(new DenseLayer.Builder().name(").append(name).append(").nOut(").append(d.units())
                        .append(").activation(Activation.").append(prelu ? "IDENTITY" : activation(d.activation()))
                        .append(").weightInit(WeightInit.").append(init(d.weightInit())).append(").biasInit(").append(d.biasInit())
                        .append(").l1(").append(d.l1()).append(").l2(").append(2 * d.l2()).append(").build()); // l2 doubled: Keras meaning\n");
                if (prelu) {
                    b.append("        list.layer(new PReLULayer.Builder().name(").append(J.str(d.name() + "_prelu"))
                            .append(").inputShape(").append(d.units()).append(").build());\n");
                }
                b.append("        width = ").append(d.units()).append(";\n");
            } else if (layer instanceof DropoutLayer d) {
                b.append("        list.layer(new DropoutLayer.Builder(").append(d.rate() > 0 ? "new Dropout(" + (1.0 - d.rate()) + ")" : "")
                        .append(").name(").append(name).append(").build()); // DL4J takes the probability to keep\n");
            } else if (layer instanceof BatchNormLayer) {
                b.append("        list.layer(new BatchNormalization.Builder().name(").append(name).append(").build());\n");
            } else if (layer instanceof ActivationLayer a) {
                if (a.activation() == Activation.PRELU) {
                    b.append("        list.layer(new PReLULayer.Builder().name(").append(name).append(").inputShape(width).build());\n");
                } else {
                    b.append("        list.layer(new ActivationLayer.Builder().name(").append(name).append(").activation(Activation.")
                            .append(activation(a.activation())).append(").build());\n");
                }
            }
        }
        OutputSpec out = experiment.network().output();
        b.append("        Activation outputActivation = ").append(out.activation() != null ? "Activation." + activation(out.activation())
                : "task.equals(\"regression\") ? Activation.IDENTITY : task.equals(\"binary\") ? Activation.SIGMOID : Activation.SOFTMAX").append(";\n");
        String loss = out.loss() != null ? lossExpression(out.loss())
                : "task.equals(\"regression\") ? new LossMSE() : task.equals(\"binary\") ? new LossBinaryXENT() : new LossMCXENT()";
        b.append("        ILossFunction loss = ").append(loss).append(";\n");
        b.append("        list.layer(new OutputLayer.Builder().name(\"output\").nOut(nOut).activation(outputActivation)\n")
                .append("                .weightInit(WeightInit.").append(init(out.resolvedWeightInit())).append(").l1(").append(out.l1())
                .append(").l2(").append(2 * out.l2()).append(").lossFunction(loss).build());\n");
        b.append("        list.setInputType(InputType.feedForward(nIn));\n");
        b.append("        return list.build();\n");
        return b.toString();
    }

    static String lossExpression(Loss loss) {
        return switch (loss) {
            case MSE -> "new LossMSE()";
            case MAE -> "new LossMAE()";
            case HUBER -> "new HuberLoss()";
            case BINARY_CROSSENTROPY -> "new LossBinaryXENT()";
            case CATEGORICAL_CROSSENTROPY -> "new LossMCXENT()";
        };
    }

    static String activation(Activation a) {
        return switch (a) {
            case PRELU -> "IDENTITY";
            default -> a.name();
        };
    }

    static String init(Initializer i) {
        return switch (i) {
            case GLOROT_UNIFORM -> "XAVIER_UNIFORM";
            case GLOROT_NORMAL -> "XAVIER";
            case HE_NORMAL -> "RELU";
            case HE_UNIFORM -> "RELU_UNIFORM";
            case LECUN_NORMAL -> "LECUN_NORMAL";
            case LECUN_UNIFORM -> "LECUN_UNIFORM";
            case RANDOM_UNIFORM -> "UNIFORM";
            case ZEROS -> "ZERO";
        };
    }

    /** Java literals. */
    static final class J {
        private J() {
        }

        static String str(String s) {
            if (s == null) {
                return "null";
            }
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            return b.append('"').toString();
        }

        static String chr(char c) {
            return c == '\'' || c == '\\' ? "'\\" + c + "'" : c < 0x20 || c > 0x7e ? String.format("'\\u%04x'", (int) c) : "'" + c + "'";
        }
    }

    private static final String TEMPLATE = """
            // Generated by LayerLab from the experiment "%%NAME%%".
            // Prepares the CSV as LayerLab does (same split, imputation, one-hot encoding and scaling fitted on the
            // training rows, same target scaling) and trains the same network with the same settings, batch order
            // and early stopping. Needs only DL4J + ND4J 1.0.0-M2.1 (deeplearning4j-core, nd4j-native-platform).
            // Run: java -cp <dl4j jars>:. %%CLASS%% [data.csv] [epochs] [model-out.zip]
            import java.io.File;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.ArrayList;
            import java.util.Arrays;
            import java.util.Collections;
            import java.util.Comparator;
            import java.util.HashMap;
            import java.util.LinkedHashMap;
            import java.util.List;
            import java.util.Locale;
            import java.util.Map;
            import java.util.Random;
            import java.util.SplittableRandom;
            import java.util.TreeMap;
            import java.util.TreeSet;
            import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
            import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
            import org.deeplearning4j.nn.conf.dropout.Dropout;
            import org.deeplearning4j.nn.conf.inputs.InputType;
            import org.deeplearning4j.nn.conf.layers.ActivationLayer;
            import org.deeplearning4j.nn.conf.layers.BatchNormalization;
            import org.deeplearning4j.nn.conf.layers.DenseLayer;
            import org.deeplearning4j.nn.conf.layers.DropoutLayer;
            import org.deeplearning4j.nn.conf.layers.OutputLayer;
            import org.deeplearning4j.nn.conf.layers.PReLULayer;
            import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
            import org.deeplearning4j.nn.weights.WeightInit;
            import org.deeplearning4j.util.ModelSerializer;
            import org.nd4j.linalg.activations.Activation;
            import org.nd4j.linalg.api.buffer.DataType;
            import org.nd4j.linalg.api.ndarray.INDArray;
            import org.nd4j.linalg.dataset.DataSet;
            import org.nd4j.linalg.factory.Nd4j;
            import org.nd4j.linalg.learning.config.AdaGrad;
            import org.nd4j.linalg.learning.config.AdaMax;
            import org.nd4j.linalg.learning.config.Adam;
            import org.nd4j.linalg.learning.config.Nadam;
            import org.nd4j.linalg.learning.config.Nesterovs;
            import org.nd4j.linalg.learning.config.RmsProp;
            import org.nd4j.linalg.learning.config.Sgd;
            import org.nd4j.linalg.lossfunctions.ILossFunction;
            import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
            import org.nd4j.linalg.lossfunctions.impl.LossMAE;
            import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
            import org.nd4j.linalg.lossfunctions.impl.LossMSE;
            import org.nd4j.linalg.schedule.ExponentialSchedule;
            import org.nd4j.linalg.schedule.ISchedule;
            import org.nd4j.linalg.schedule.ScheduleType;
            import org.nd4j.linalg.schedule.StepSchedule;

            public class %%CLASS%% {
                // ---- settings (from the experiment) -------------------------------------------------------------
            %%SETTINGS%%
                static final List<String> MISSING = List.of("", "na", "n/a", "nan", "null", "?");

                static MultiLayerConfiguration network(int nIn, int nOut, String task) {
            %%NETWORK%%
                }

                public static void main(String[] args) throws Exception {
                    Path path = Path.of(args.length > 0 ? args[0] : DATA);
                    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : EPOCHS;
                    File modelOut = new File(args.length > 2 ? args[2] : "model-dl4j.zip");

                    // ---- load: text cells, then numeric columns as floats (NaN = missing) -------------------------
                    List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
                    lines.removeIf(l -> l.isBlank());
                    char delimiter = DELIMITER != null ? DELIMITER : detect(lines.get(0));
                    List<String[]> cells = new ArrayList<>();
                    for (String line : lines) {
                        cells.add(parse(line, delimiter));
                    }
                    String[] names = cells.get(0).clone();
                    if (HEADER) {
                        cells.remove(0);
                    } else {
                        for (int c = 0; c < names.length; c++) {
                            names[c] = "column_" + (c + 1);
                        }
                    }
                    int rows = cells.size();
                    int width = names.length;
                    int targetIndex = Arrays.asList(names).indexOf(TARGET);
                    if (targetIndex < 0) {
                        throw new IllegalArgumentException("no column " + TARGET + " in " + path);
                    }
                    String taskChoice = TASK;
                    boolean[] numeric = new boolean[width];
                    float[][] numbers = new float[width][rows];
                    for (int c = 0; c < width; c++) {
                        numeric[c] = !(c == targetIndex && taskChoice.equals("classification"))
                                && !"categorical".equals(setting(names[c], 4));
                        for (int r = 0; r < rows && numeric[c]; r++) {
                            String v = cells.get(r)[c];
                            if (isMissing(v)) {
                                numbers[c][r] = Float.NaN;
                            } else {
                                try {
                                    numbers[c][r] = (float) Double.parseDouble(v);
                                } catch (NumberFormatException e) {
                                    numeric[c] = false;
                                }
                            }
                        }
                    }

                    // ---- target and task --------------------------------------------------------------------------
                    List<String> classes = distinct(cells, targetIndex, numeric[targetIndex], numbers[targetIndex]);
                    boolean classification = taskChoice.equals("auto") ? !numeric[targetIndex] || classes.size() == 2
                            : taskChoice.equals("classification");
                    String task = !classification ? "regression" : classes.size() <= 2 ? "binary" : "multiclass";

                    // ---- inputs and usable rows -------------------------------------------------------------------
                    List<Integer> inputs = new ArrayList<>();
                    for (int c = 0; c < width; c++) {
                        if (c != targetIndex && !"ignore".equals(setting(names[c], 0)) && missingCount(cells, c) < rows) {
                            inputs.add(c);
                        }
                    }
                    List<Integer> eligible = new ArrayList<>();
                    rowLoop:
                    for (int r = 0; r < rows; r++) {
                        if (isMissing(cells.get(r)[targetIndex])) {
                            continue;
                        }
                        for (int c : inputs) {
                            if ("drop_row".equals(setting(names[c], 1)) && isMissing(cells.get(r)[c])) {
                                continue rowLoop;
                            }
                        }
                        eligible.add(r);
                    }

                    // ---- split: seeded shuffle, stratified per class ---------------------------------------------
                    Random random = new Random(SPLIT_SEED);
                    List<List<Integer>> groups = new ArrayList<>();
                    if (classification && STRATIFY) {
                        Map<String, List<Integer>> byClass = new TreeMap<>();
                        for (int r : eligible) {
                            byClass.computeIfAbsent(label(cells, r, targetIndex, numeric[targetIndex], numbers[targetIndex]),
                                    k -> new ArrayList<>()).add(r);
                        }
                        groups.addAll(byClass.values());
                    } else {
                        groups.add(new ArrayList<>(eligible));
                    }
                    List<Integer> train = new ArrayList<>();
                    List<Integer> validation = new ArrayList<>();
                    List<Integer> test = new ArrayList<>();
                    for (List<Integer> g : groups) {
                        Collections.shuffle(g, random);
                        int n = g.size();
                        int nTrain = Math.max(1, (int) Math.round(n * TRAIN));
                        int nVal = TEST == 0 ? n - nTrain : Math.min(n - nTrain, (int) Math.round(n * VALIDATION));
                        train.addAll(g.subList(0, nTrain));
                        validation.addAll(g.subList(nTrain, nTrain + nVal));
                        test.addAll(g.subList(nTrain + nVal, n));
                    }
                    Collections.shuffle(train, random);
                    Collections.shuffle(validation, random);
                    Collections.shuffle(test, random);

                    // ---- preprocessing fitted on the training rows ------------------------------------------------
                    List<double[]> numericSteps = new ArrayList<>(); // fill, center, scale (null entry for categorical)
                    List<List<String>> categorySteps = new ArrayList<>();
                    List<String> categoryFill = new ArrayList<>();
                    int features = 0;
                    for (int c : inputs) {
                        String impute = setting(names[c], 1);
                        if (numeric[c]) {
                            float[] v = new float[train.size()];
                            int k = 0;
                            for (int r : train) {
                                if (!Float.isNaN(numbers[c][r])) {
                                    v[k++] = numbers[c][r];
                                }
                            }
                            v = Arrays.copyOf(v, k);
                            double[] ms = meanStd(v);
                            String mode = impute == null ? "mean" : impute;
                            double fill = switch (mode) {
                                case "median" -> median(v);
                                case "most_frequent" -> mostFrequent(v);
                                case "constant" -> Double.parseDouble(setting(names[c], 2).trim());
                                default -> k == 0 ? 0 : ms[0];
                            };
                            String scaling = setting(names[c], 3) == null ? "standardize" : setting(names[c], 3);
                            double center = 0;
                            double scale = 1;
                            if (k > 0 && scaling.equals("standardize")) {
                                center = ms[0];
                                scale = ms[1] > 0 ? ms[1] : 1;
                            } else if (k > 0 && scaling.equals("minmax")) {
                                float min = Float.POSITIVE_INFINITY;
                                float max = Float.NEGATIVE_INFINITY;
                                for (float x : v) {
                                    min = Math.min(min, x);
                                    max = Math.max(max, x);
                                }
                                center = min;
                                scale = max > min ? (double) max - min : 1;
                            }
                            numericSteps.add(new double[] {fill, center, scale});
                            categorySteps.add(null);
                            categoryFill.add(null);
                            features++;
                        } else {
                            Map<String, Integer> counts = new TreeMap<>();
                            for (int r : train) {
                                String v = cells.get(r)[c];
                                if (!isMissing(v)) {
                                    counts.merge(v, 1, Integer::sum);
                                }
                            }
                            TreeSet<String> categories = new TreeSet<>(counts.keySet());
                            String fill = null;
                            String mode = impute == null ? "most_frequent" : impute;
                            if (mode.equals("most_frequent")) {
                                int best = -1;
                                for (Map.Entry<String, Integer> e : counts.entrySet()) {
                                    if (e.getValue() > best) {
                                        best = e.getValue();
                                        fill = e.getKey();
                                    }
                                }
                            } else if (mode.equals("constant")) {
                                fill = setting(names[c], 2);
                                categories.add(fill);
                            }
                            numericSteps.add(null);
                            categorySteps.add(new ArrayList<>(categories));
                            categoryFill.add(fill);
                            features += categories.size();
                        }
                    }
                    double targetCenter = 0;
                    double targetScale = 1;
                    if (task.equals("regression") && SCALE_TARGET) {
                        float[] v = new float[train.size()];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = numbers[targetIndex][train.get(i)];
                        }
                        double[] ms = meanStd(v);
                        targetCenter = ms[0];
                        targetScale = ms[1] > 0 ? ms[1] : 1;
                    }
                    int outputs = task.equals("multiclass") ? classes.size() : 1;

                    // ---- matrices ----------------------------------------------------------------------------------
                    float[][] x = new float[3][];
                    float[][] y = new float[3][];
                    List<List<Integer>> parts = List.of(train, validation, test);
                    for (int p = 0; p < 3; p++) {
                        List<Integer> part = parts.get(p);
                        x[p] = new float[part.size() * features];
                        y[p] = new float[part.size() * outputs];
                        for (int i = 0; i < part.size(); i++) {
                            int r = part.get(i);
                            int offset = i * features;
                            for (int s = 0; s < inputs.size(); s++) {
                                int c = inputs.get(s);
                                if (numericSteps.get(s) != null) {
                                    double[] step = numericSteps.get(s);
                                    double v = Float.isNaN(numbers[c][r]) ? step[0] : numbers[c][r];
                                    x[p][offset++] = (float) ((v - step[1]) / step[2]);
                                } else {
                                    List<String> categories = categorySteps.get(s);
                                    String v = isMissing(cells.get(r)[c]) ? categoryFill.get(s) : cells.get(r)[c];
                                    int index = v == null ? -1 : categories.indexOf(v);
                                    if (index >= 0) {
                                        x[p][offset + index] = 1f;
                                    }
                                    offset += categories.size();
                                }
                            }
                            if (task.equals("regression")) {
                                y[p][i] = (float) ((numbers[targetIndex][r] - targetCenter) / targetScale);
                            } else {
                                int cls = classes.indexOf(label(cells, r, targetIndex, numeric[targetIndex], numbers[targetIndex]));
                                if (task.equals("binary")) {
                                    y[p][i] = cls;
                                } else {
                                    y[p][i * outputs + cls] = 1f;
                                }
                            }
                        }
                    }
                    System.out.printf(Locale.ROOT, "%s: %d training, %d validation, %d test rows; %d input features%n",
                            task, train.size(), validation.size(), test.size(), features);

                    // ---- train ---------------------------------------------------------------------------------------
                    MultiLayerNetwork net = new MultiLayerNetwork(network(features, outputs, task));
                    net.init();
                    int batch = Math.min(BATCH_SIZE, train.size());
                    int steps = (train.size() + batch - 1) / batch;
                    boolean hasValidation = !validation.isEmpty();
                    double best = Double.NaN;
                    int bestEpoch = 0;
                    int waited = 0;
                    INDArray bestParams = null;
                    for (int epoch = 1; epoch <= epochs; epoch++) {
                        // The same per-epoch seeds as LayerLab: batch order and dropout masks.
                        Nd4j.getRandom().setSeed(SEED * 1_000_003L + epoch);
                        int[] order = new int[train.size()];
                        for (int i = 0; i < order.length; i++) {
                            order[i] = i;
                        }
                        SplittableRandom shuffle = new SplittableRandom(SEED * 1_000_003L + epoch);
                        for (int i = order.length - 1; i > 0; i--) {
                            int j = shuffle.nextInt(i + 1);
                            int tmp = order[i];
                            order[i] = order[j];
                            order[j] = tmp;
                        }
                        double lossSum = 0;
                        for (int step = 0; step < steps; step++) {
                            int from = step * batch;
                            int n = Math.min(batch, train.size() - from);
                            float[] bx = new float[n * features];
                            float[] by = new float[n * outputs];
                            for (int i = 0; i < n; i++) {
                                System.arraycopy(x[0], order[from + i] * features, bx, i * features, features);
                                System.arraycopy(y[0], order[from + i] * outputs, by, i * outputs, outputs);
                            }
                            net.fit(Nd4j.create(bx, new long[] {n, features}, DataType.FLOAT),
                                    Nd4j.create(by, new long[] {n, outputs}, DataType.FLOAT));
                            lossSum += net.score();
                        }
                        net.incrementEpochCount();
                        double value = hasValidation ? monitored(net, x[1], y[1], features, outputs, task, targetScale)
                                : lossSum / steps;
                        boolean higherIsBetter = hasValidation && MONITOR.equals("accuracy");
                        System.out.printf(Locale.ROOT, "epoch %d: loss %.5f, %s %s %.5f%n", epoch, lossSum / steps,
                                hasValidation ? "val" : "train", hasValidation ? MONITOR : "loss", value);
                        boolean improved = bestEpoch == 0 || (higherIsBetter ? value > best + MIN_DELTA : value < best - MIN_DELTA);
                        if (improved) {
                            best = value;
                            bestEpoch = epoch;
                            bestParams = net.params().dup();
                            waited = 0;
                        } else {
                            waited++;
                        }
                        if (EARLY_STOPPING && waited >= PATIENCE && epoch < epochs) {
                            System.out.println("Early stopping after epoch " + epoch + " (best epoch " + bestEpoch + ")");
                            break;
                        }
                    }
                    if (RESTORE_BEST && bestParams != null) {
                        net.setParams(bestParams);
                    }

                    // ---- evaluate in the target's units and save -----------------------------------------------------
                    String[] partNames = {"train", "validation", "test"};
                    for (int p = 0; p < 3; p++) {
                        if (parts.get(p).isEmpty()) {
                            continue;
                        }
                        int n = parts.get(p).size();
                        if (task.equals("regression")) {
                            System.out.printf(Locale.ROOT, "%s: rmse %.5f%n", partNames[p],
                                    rmse(net, x[p], y[p], n, features, targetScale));
                        } else {
                            System.out.printf(Locale.ROOT, "%s: accuracy %.5f%n", partNames[p],
                                    accuracy(net, x[p], y[p], n, features, outputs));
                        }
                    }
                    ModelSerializer.writeModel(net, modelOut, true);
                    System.out.println("Saved " + modelOut + (classification ? "; classes " + classes : "")
                            + (task.equals("regression") ? String.format(Locale.ROOT,
                            "; predictions * %s + %s give the target's units", targetScale, targetCenter) : ""));
                }

                static double monitored(MultiLayerNetwork net, float[] x, float[] y, int features, int outputs, String task,
                                        double targetScale) {
                    int n = y.length / outputs;
                    return switch (MONITOR) {
                        case "rmse" -> rmse(net, x, y, n, features, targetScale);
                        case "mae" -> {
                            float[] out = net.output(Nd4j.create(x, new long[] {n, features}, DataType.FLOAT), false)
                                    .dup('c').data().asFloat();
                            double sum = 0;
                            for (int i = 0; i < n; i++) {
                                sum += Math.abs(out[i] - y[i]) * targetScale;
                            }
                            yield sum / n;
                        }
                        case "accuracy" -> accuracy(net, x, y, n, features, outputs);
                        default -> net.score(new DataSet(Nd4j.create(x, new long[] {n, features}, DataType.FLOAT),
                                Nd4j.create(y, new long[] {n, outputs}, DataType.FLOAT)), false);
                    };
                }

                static double rmse(MultiLayerNetwork net, float[] x, float[] y, int n, int features, double targetScale) {
                    float[] out = net.output(Nd4j.create(x, new long[] {n, features}, DataType.FLOAT), false).dup('c').data().asFloat();
                    double sum = 0;
                    for (int i = 0; i < n; i++) {
                        double e = (out[i] - y[i]) * targetScale;
                        sum += e * e;
                    }
                    return Math.sqrt(sum / n);
                }

                static double accuracy(MultiLayerNetwork net, float[] x, float[] y, int n, int features, int outputs) {
                    float[] out = net.output(Nd4j.create(x, new long[] {n, features}, DataType.FLOAT), false).dup('c').data().asFloat();
                    int right = 0;
                    for (int i = 0; i < n; i++) {
                        if (outputs == 1) {
                            right += (out[i] >= 0.5f ? 1 : 0) == (int) y[i] ? 1 : 0;
                        } else {
                            int guess = 0;
                            int truth = 0;
                            for (int c = 1; c < outputs; c++) {
                                guess = out[i * outputs + c] > out[i * outputs + guess] ? c : guess;
                                truth = y[i * outputs + c] > y[i * outputs + truth] ? c : truth;
                            }
                            right += guess == truth ? 1 : 0;
                        }
                    }
                    return (double) right / n;
                }

            """;

    /** Static helpers shared by the sequential and the graph classes: settings, missing values, statistics, CSV. */
    static final String HELPERS = """
                static String setting(String column, int index) {
                    String[] s = COLUMNS.get(column);
                    return s == null ? null : s[index];
                }

                static boolean isMissing(String v) {
                    return v == null || MISSING.contains(v.trim().toLowerCase(Locale.ROOT));
                }

                static int missingCount(List<String[]> cells, int c) {
                    int n = 0;
                    for (String[] row : cells) {
                        n += isMissing(row[c]) ? 1 : 0;
                    }
                    return n;
                }

                /** A class label as LayerLab writes it: whole numbers without ".0". */
                static String label(List<String[]> cells, int r, int c, boolean numeric, float[] numbers) {
                    if (!numeric) {
                        return cells.get(r)[c];
                    }
                    float v = numbers[r];
                    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Float.toString(v);
                }

                static List<String> distinct(List<String[]> cells, int c, boolean numeric, float[] numbers) {
                    if (numeric) {
                        TreeSet<Float> set = new TreeSet<>();
                        for (int r = 0; r < cells.size(); r++) {
                            if (!Float.isNaN(numbers[r])) {
                                set.add(numbers[r]);
                            }
                        }
                        List<String> out = new ArrayList<>();
                        for (float v : set) {
                            out.add(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Float.toString(v));
                        }
                        return out;
                    }
                    TreeSet<String> set = new TreeSet<>();
                    for (String[] row : cells) {
                        if (!isMissing(row[c])) {
                            set.add(row[c]);
                        }
                    }
                    List<String> out = new ArrayList<>(set);
                    boolean allNumbers = out.stream().allMatch(s -> s.matches("[-+]?[0-9]*[.]?[0-9]+([eE][-+]?[0-9]+)?"));
                    if (allNumbers) {
                        out.sort(Comparator.comparingDouble(Double::parseDouble));
                    }
                    return out;
                }

                static double[] meanStd(float[] v) {
                    if (v.length == 0) {
                        return new double[] {0, 1};
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
                    return new double[] {mean, Math.sqrt(sq / v.length)};
                }

                static double median(float[] v) {
                    if (v.length == 0) {
                        return 0;
                    }
                    float[] s = v.clone();
                    Arrays.sort(s);
                    int m = s.length / 2;
                    return s.length % 2 == 1 ? s[m] : ((double) s[m - 1] + s[m]) / 2;
                }

                static double mostFrequent(float[] v) {
                    if (v.length == 0) {
                        return 0;
                    }
                    Map<Float, Integer> counts = new TreeMap<>();
                    for (float x : v) {
                        counts.merge(x, 1, Integer::sum);
                    }
                    float best = v[0];
                    int bestCount = 0;
                    for (Map.Entry<Float, Integer> e : counts.entrySet()) {
                        if (e.getValue() > bestCount) {
                            bestCount = e.getValue();
                            best = e.getKey();
                        }
                    }
                    return best;
                }

                static char detect(String header) {
                    char best = ',';
                    long bestCount = -1;
                    for (char d : new char[] {',', ';', (char) 9, '|'}) {
                        long count = header.chars().filter(ch -> ch == d).count();
                        if (count > bestCount) {
                            best = d;
                            bestCount = count;
                        }
                    }
                    return best;
                }

                /** One CSV line: quoted fields may hold the delimiter and doubled quotes; spaces around fields trimmed. */
                static String[] parse(String line, char delimiter) {
                    List<String> fields = new ArrayList<>();
                    StringBuilder field = new StringBuilder();
                    boolean quoted = false;
                    for (int i = 0; i < line.length(); i++) {
                        char ch = line.charAt(i);
                        if (quoted) {
                            if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                                field.append('"');
                                i++;
                            } else if (ch == '"') {
                                quoted = false;
                            } else {
                                field.append(ch);
                            }
                        } else if (ch == '"') {
                            quoted = true;
                        } else if (ch == delimiter) {
                            fields.add(field.toString().trim());
                            field.setLength(0);
                        } else {
                            field.append(ch);
                        }
                    }
                    fields.add(field.toString().trim());
                    return fields.toArray(new String[0]);
                }
            }
            """;
}
