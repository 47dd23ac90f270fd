package dev.layerlab.export.codegen;

import dev.layerlab.experiment.Experiment;
import dev.layerlab.export.codegen.Dl4jGenerator.J;
import dev.layerlab.model.Activation;
import dev.layerlab.model.ActivationLayer;
import dev.layerlab.model.BatchNormLayer;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.InputNode;
import dev.layerlab.model.LayerSpec;
import dev.layerlab.model.Loss;
import dev.layerlab.model.MergeLayer;
import dev.layerlab.model.NetworkGraph;
import dev.layerlab.model.OutputNode;
import dev.layerlab.model.OutputSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DL4J class for a graph network: a {@code ComputationGraph} built with
 * {@code ComputationGraphConfiguration.GraphBuilder} as LayerLab's translator builds it (the same layer names,
 * merge vertices, output layers with their losses, loss weights by wrapping each weighted output's loss, as
 * LayerLab's {@code WeightedLoss} does), fed with the same prepared rows: each input takes its columns' features,
 * each output its own target's labels (scaled regression targets, 0/1 or one-hot classes). Per-output metrics are
 * printed in each target's units.
 */
final class Dl4jGraphGenerator {
    private Dl4jGraphGenerator() {
    }

    static String generate(Experiment experiment, String className) {
        GraphExport graph = GraphExport.of(experiment, "DL4J");
        EarlyStoppingSpec es = experiment.training().earlyStopping();
        GraphExport.Monitor m = graph.monitor(es.monitor());
        // The generated class computes rmse, mae and accuracy; AUC falls back to the loss, as in the sequential class.
        boolean known = !m.fallback() && !m.metric().equals("auc");
        String monitor = "    /** What early stopping watches (LayerLab: " + es.monitor() + "): MONITOR (loss, rmse, mae or accuracy) of"
                + " output MONITOR_OUTPUT, or the total loss when MONITOR_OUTPUT is -1; on the training rows when"
                + " MONITOR_TRAINING_ROWS. */\n"
                + "    static final String MONITOR = " + J.str(known ? m.metric() : "loss") + ";\n"
                + "    static final int MONITOR_OUTPUT = " + (known ? m.output() : -1) + ";\n"
                + "    static final boolean MONITOR_TRAINING_ROWS = " + !m.validation() + ";\n";
        boolean huber = graph.outputs.stream().anyMatch(o -> o.settings().loss() == Loss.HUBER);
        String source = (GRAPH + Dl4jGenerator.HELPERS).replace("%%NAME%%", experiment.name().replace("*/", "* /"))
                .replace("%%CLASS%%", className)
                .replace("%%SETTINGS%%", Dl4jGenerator.settings(experiment, monitor) + graphSettings(graph, experiment))
                .replace("%%NETWORK%%", network(graph, experiment))
                .replace("%%HUBER_CASE%%", huber ? "                        case \"huber\" -> new HuberLoss();\n" : "");
        return huber ? GeneratedHuberLoss.addTo(source) : source;
    }

    private static String graphSettings(GraphExport graph, Experiment experiment) {
        String mainTarget = experiment.data().target();
        StringBuilder b = new StringBuilder();
        b.append("    /** The graph's inputs, each taking the features of its columns in the data's column order ({} = every feature). */\n");
        b.append("    static final String[] INPUT_NAMES = {")
                .append(String.join(", ", graph.inputs.stream().map(i -> J.str(i.name())).toList())).append("};\n");
        b.append("    static final String[][] INPUT_COLUMNS = {\n");
        for (InputNode input : graph.inputs) {
            b.append("        {").append(String.join(", ", input.columns().stream().map(J::str).toList())).append("},\n");
        }
        b.append("    };\n");
        b.append("    /** The outputs (the first is the main one): the column each predicts (null = TARGET) and the weight of its loss. */\n");
        b.append("    static final String[] OUTPUT_NAMES = {")
                .append(String.join(", ", graph.outputs.stream().map(o -> J.str(o.name())).toList())).append("};\n");
        b.append("    static final String[] OUTPUT_TARGETS = {")
                .append(String.join(", ", graph.outputs.stream().map(o -> J.str(GraphExport.targetOf(o, mainTarget))).toList()))
                .append("};\n");
        b.append("    static final double[] LOSS_WEIGHTS = {")
                .append(String.join(", ", graph.outputs.stream().map(o -> Double.toString(o.lossWeight())).toList()))
                .append("};\n");
        b.append("    /** Each output's activation (a DL4J Activation) and loss; null = from its target's task. */\n");
        b.append("    static final String[] OUTPUT_ACTIVATIONS = {")
                .append(String.join(", ", graph.outputs.stream().map(o -> J.str(o.settings().activation() == null ? null
                        : Dl4jGenerator.activation(o.settings().activation()))).toList()))
                .append("};\n");
        b.append("    static final String[] OUTPUT_LOSSES = {")
                .append(String.join(", ", graph.outputs.stream().map(o -> J.str(o.settings().loss() == null ? null
                        : o.settings().loss().jsonName())).toList()))
                .append("};\n");
        return b.toString();
    }

    private static String network(GraphExport graph, Experiment experiment) {
        String[] rateAndUpdater = Dl4jGenerator.rateAndUpdater(experiment.training().optimizer());
        StringBuilder b = new StringBuilder();
        b.append("        ISchedule rate = ").append(rateAndUpdater[0]).append(";\n");
        b.append("        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()\n")
                .append("                .seed(SEED)\n")
                .append("                .updater(").append(rateAndUpdater[1]).append(")\n")
                .append("                .dataType(DataType.FLOAT)\n")
                .append("                .graphBuilder();\n");
        b.append("        graph.addInputs(INPUT_NAMES);\n");
        b.append("        InputType[] types = new InputType[INPUT_NAMES.length];\n");
        b.append("        for (int i = 0; i < types.length; i++) {\n");
        b.append("            types[i] = InputType.feedForward(inputWidths[i]);\n");
        b.append("        }\n");
        b.append("        graph.setInputTypes(types); // lets DL4J infer every layer's nIn\n");
        // Each node's width as a Java expression: a PReLU needs its input width up front.
        Map<String, String> width = new HashMap<>();
        for (NetworkGraph.Node node : graph.graph.nodes()) {
            String name = J.str(node.name());
            List<String> from = node.from();
            String sources = String.join(", ", from.stream().map(J::str).toList());
            switch (node.kind()) {
                case INPUT -> width.put(node.name(), "inputWidths[" + graph.inputIndex(node.name()) + "]");
                case OUTPUT -> {
                    int o = graph.outputs.indexOf(node.output());
                    OutputSpec out = node.output().settings();
                    b.append("        graph.addLayer(").append(name).append(", outputLayer(").append(o).append(", tasks[").append(o)
                            .append("], widths[").append(o).append("], WeightInit.").append(Dl4jGenerator.init(out.resolvedWeightInit()))
                            .append(", ").append(out.l1()).append(", ").append(out.l2()).append("), ").append(sources).append(");\n");
                }
                case LAYER -> {
                    LayerSpec layer = node.layer();
                    String in = from.isEmpty() ? "0" : width.get(from.get(0));
                    width.put(node.name(), layer instanceof DenseLayer d ? Integer.toString(d.units())
                            : layer instanceof MergeLayer m && m.mode() == dev.layerlab.model.MergeMode.CONCATENATE
                                    ? "(" + String.join(" + ", from.stream().map(width::get).toList()) + ")" : in);
                    layer(b, layer, name, sources, in);
                }
            }
        }
        b.append("        graph.setOutputs(OUTPUT_NAMES);\n");
        b.append("        return graph.build();\n");
        return b.toString();
    }

    private static void layer(StringBuilder b, LayerSpec layer, String name, String sources, String inWidth) {
        if (layer instanceof DenseLayer d) {
            boolean prelu = d.activation() == Activation.PRELU;
            // As LayerLab's translator: a Dense with prelu is a linear Dense "<name>_linear", then a PReLU "<name>".
            String dense = prelu ? J.str(d.name() + "_linear") : name;
            b.append("        graph.addLayer(").append(dense).append(", new DenseLayer.Builder().nOut(").append(d.units())
                    .append(").activation(Activation.").append(prelu ? "IDENTITY" : Dl4jGenerator.activation(d.activation()))
                    .append(").weightInit(WeightInit.").append(Dl4jGenerator.init(d.weightInit())).append(").biasInit(").append(d.biasInit())
                    .append(").l1(").append(d.l1()).append(").l2(").append(2 * d.l2()).append(").build(), ").append(sources)
                    .append("); // l2 doubled: Keras meaning\n");
            if (prelu) {
                b.append("        graph.addLayer(").append(name).append(", new PReLULayer.Builder().inputShape(").append(d.units())
                        .append(").build(), ").append(dense).append(");\n");
            }
        } else if (layer instanceof DropoutLayer d) {
            b.append("        graph.addLayer(").append(name).append(", new DropoutLayer.Builder(")
                    .append(d.rate() > 0 ? "new Dropout(" + (1.0 - d.rate()) + ")" : "")
                    .append(").build(), ").append(sources).append("); // DL4J takes the probability to keep\n");
        } else if (layer instanceof BatchNormLayer) {
            b.append("        graph.addLayer(").append(name).append(", new BatchNormalization.Builder().build(), ").append(sources).append(");\n");
        } else if (layer instanceof ActivationLayer a) {
            if (a.activation() == Activation.PRELU) {
                b.append("        graph.addLayer(").append(name).append(", new PReLULayer.Builder().inputShape(").append(inWidth)
                        .append(").build(), ").append(sources).append(");\n");
            } else {
                b.append("        graph.addLayer(").append(name).append(", new ActivationLayer.Builder().activation(Activation.")
                        .append(Dl4jGenerator.activation(a.activation())).append(").build(), ").append(sources).append(");\n");
            }
        } else if (layer instanceof MergeLayer m) {
            String vertex = switch (m.mode()) {
                case CONCATENATE -> "new MergeVertex()";
                case ADD -> "new ElementWiseVertex(ElementWiseVertex.Op.Add)";
                case AVERAGE -> "new ElementWiseVertex(ElementWiseVertex.Op.Average)";
            };
            b.append("        graph.addVertex(").append(name).append(", ").append(vertex).append(", ").append(sources).append(");\n");
        } else {
            throw new dev.layerlab.InvalidInputException("cannot export DL4J code for layer '" + layer.name()
                    + "' (" + layer.displayType() + "): code export does not know this kind of layer");
        }
    }

    private static final String GRAPH = """
            // Generated by LayerLab from the experiment "%%NAME%%" (a graph network).
            // Prepares the CSV as LayerLab does (same split, imputation, one-hot encoding and scaling fitted on the
            // training rows; each output's target encoded for its own task) and trains the same ComputationGraph with
            // the same settings, loss weights, batch order and early stopping. Needs only DL4J + ND4J 1.0.0-M2.1
            // (deeplearning4j-core, nd4j-native-platform).
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
            import java.util.List;
            import java.util.Locale;
            import java.util.Map;
            import java.util.Objects;
            import java.util.Random;
            import java.util.SplittableRandom;
            import java.util.TreeMap;
            import java.util.TreeSet;
            import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
            import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
            import org.deeplearning4j.nn.conf.dropout.Dropout;
            import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
            import org.deeplearning4j.nn.conf.graph.MergeVertex;
            import org.deeplearning4j.nn.conf.inputs.InputType;
            import org.deeplearning4j.nn.conf.layers.ActivationLayer;
            import org.deeplearning4j.nn.conf.layers.BatchNormalization;
            import org.deeplearning4j.nn.conf.layers.DenseLayer;
            import org.deeplearning4j.nn.conf.layers.DropoutLayer;
            import org.deeplearning4j.nn.conf.layers.OutputLayer;
            import org.deeplearning4j.nn.conf.layers.PReLULayer;
            import org.deeplearning4j.nn.graph.ComputationGraph;
            import org.deeplearning4j.nn.weights.WeightInit;
            import org.deeplearning4j.util.ModelSerializer;
            import org.nd4j.common.primitives.Pair;
            import org.nd4j.linalg.activations.Activation;
            import org.nd4j.linalg.activations.IActivation;
            import org.nd4j.linalg.activations.impl.ActivationIdentity;
            import org.nd4j.linalg.api.buffer.DataType;
            import org.nd4j.linalg.api.ndarray.INDArray;
            import org.nd4j.linalg.dataset.MultiDataSet;
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
            import org.nd4j.shade.jackson.annotation.JsonProperty;

            public class %%CLASS%% {
                // ---- settings (from the experiment) -------------------------------------------------------------
            %%SETTINGS%%
                static final List<String> MISSING = List.of("", "na", "n/a", "nan", "null", "?");

                /**
                 * The network: the graph's nodes wired as in the experiment.
                 *
                 * @param inputWidths each input's number of features
                 * @param tasks       each output's task (regression, binary or multiclass)
                 * @param widths      each output's width (1, or one unit per class for multiclass)
                 */
                static ComputationGraphConfiguration network(int[] inputWidths, String[] tasks, int[] widths) {
            %%NETWORK%%
                }

                /** Output {@code o}'s layer: activation and loss from the experiment, or from its target's task; loss weighted. */
                static OutputLayer outputLayer(int o, String task, int width, WeightInit init, double l1, double l2) {
                    Activation activation = OUTPUT_ACTIVATIONS[o] != null ? Activation.valueOf(OUTPUT_ACTIVATIONS[o])
                            : task.equals("regression") ? Activation.IDENTITY : task.equals("binary") ? Activation.SIGMOID : Activation.SOFTMAX;
                    ILossFunction loss = loss(o, task);
                    return new OutputLayer.Builder().nOut(width).activation(activation).weightInit(init)
                            .l1(l1).l2(2 * l2) // l2 doubled: Keras meaning
                            .lossFunction(LOSS_WEIGHTS[o] == 1.0 ? loss : new WeightedLoss(loss, LOSS_WEIGHTS[o])).build();
                }

                /** Output {@code o}'s own loss, before its weight. */
                static ILossFunction loss(int o, String task) {
                    String name = OUTPUT_LOSSES[o] != null ? OUTPUT_LOSSES[o] : task.equals("regression") ? "mse"
                            : task.equals("binary") ? "binary_crossentropy" : "categorical_crossentropy";
                    return switch (name) {
                        case "mae" -> new LossMAE();
                        case "binary_crossentropy" -> new LossBinaryXENT();
                        case "categorical_crossentropy" -> new LossMCXENT();
%%HUBER_CASE%%                        default -> new LossMSE();
                    };
                }

                /**
                 * Another loss multiplied by a weight: a ComputationGraph has no per-output loss weights (Keras's
                 * loss_weights), so each weighted output's loss is wrapped, as LayerLab does. The total loss is the
                 * weighted sum. Public with a no-argument constructor so ModelSerializer can restore the network.
                 */
                public static class WeightedLoss implements ILossFunction {
                    @JsonProperty("loss")
                    private ILossFunction loss;
                    @JsonProperty("weight")
                    private double weight;

                    public WeightedLoss() {
                        this(new LossMSE(), 1.0);
                    }

                    public WeightedLoss(ILossFunction loss, double weight) {
                        this.loss = loss;
                        this.weight = weight;
                    }

                    @Override
                    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                                               boolean average) {
                        return weight * loss.computeScore(labels, preOutput, activationFn, mask, average);
                    }

                    @Override
                    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
                        return loss.computeScoreArray(labels, preOutput, activationFn, mask).muli(weight);
                    }

                    @Override
                    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
                        return loss.computeGradient(labels, preOutput, activationFn, mask).muli(weight);
                    }

                    @Override
                    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                                          IActivation activationFn, INDArray mask, boolean average) {
                        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                                computeGradient(labels, preOutput, activationFn, mask));
                    }

                    @Override
                    public String name() {
                        return "weighted(" + loss.name() + ", " + weight + ")";
                    }

                    @Override
                    public boolean equals(Object o) {
                        return o instanceof WeightedLoss w && w.weight == weight && Objects.equals(w.loss, loss);
                    }

                    @Override
                    public int hashCode() {
                        return Objects.hash(loss, weight);
                    }

                    @Override
                    public String toString() {
                        return name();
                    }
                }

                /** Where each input's features and each output's labels sit in a prepared row. */
                record Layout(int features, int labelWidth, int[][] inputFeatures, int[] outputOffset, int[] outputWidth) {
                    /** One array per input, for these rows. */
                    INDArray[] inputs(float[] x, int[] rows) {
                        INDArray[] arrays = new INDArray[inputFeatures.length];
                        for (int i = 0; i < arrays.length; i++) {
                            int[] columns = inputFeatures[i];
                            float[] block = new float[rows.length * columns.length];
                            for (int r = 0; r < rows.length; r++) {
                                for (int k = 0; k < columns.length; k++) {
                                    block[r * columns.length + k] = x[rows[r] * features + columns[k]];
                                }
                            }
                            arrays[i] = Nd4j.create(block, new long[] {rows.length, columns.length}, DataType.FLOAT);
                        }
                        return arrays;
                    }

                    /** One array per output (its target's labels), for these rows. */
                    INDArray[] labels(float[] y, int[] rows) {
                        INDArray[] arrays = new INDArray[outputOffset.length];
                        for (int o = 0; o < arrays.length; o++) {
                            float[] block = new float[rows.length * outputWidth[o]];
                            for (int r = 0; r < rows.length; r++) {
                                System.arraycopy(y, rows[r] * labelWidth + outputOffset[o], block, r * outputWidth[o], outputWidth[o]);
                            }
                            arrays[o] = Nd4j.create(block, new long[] {rows.length, outputWidth[o]}, DataType.FLOAT);
                        }
                        return arrays;
                    }
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
                    // The targets: the experiment's, then every other column an output predicts (never features).
                    List<String> targets = new ArrayList<>(List.of(TARGET));
                    for (String t : OUTPUT_TARGETS) {
                        if (t != null && !targets.contains(t)) {
                            targets.add(t);
                        }
                    }
                    int[] targetColumn = new int[targets.size()];
                    for (int t = 0; t < targetColumn.length; t++) {
                        targetColumn[t] = Arrays.asList(names).indexOf(targets.get(t));
                        if (targetColumn[t] < 0) {
                            throw new IllegalArgumentException("no column " + targets.get(t) + " in " + path);
                        }
                    }
                    boolean[] numeric = new boolean[width];
                    float[][] numbers = new float[width][rows];
                    for (int c = 0; c < width; c++) {
                        numeric[c] = !(c == targetColumn[0] && TASK.equals("classification"))
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

                    // ---- each target's task: the experiment's choice for TARGET, inferred for the others --------
                    String[] targetTask = new String[targets.size()];
                    List<List<String>> targetClasses = new ArrayList<>();
                    for (int t = 0; t < targets.size(); t++) {
                        int c = targetColumn[t];
                        List<String> classes = distinct(cells, c, numeric[c], numbers[c]);
                        String choice = t == 0 ? TASK : "auto";
                        boolean classification = choice.equals("auto") ? !numeric[c] || classes.size() == 2
                                : choice.equals("classification");
                        targetTask[t] = !classification ? "regression" : classes.size() <= 2 ? "binary" : "multiclass";
                        targetClasses.add(classes);
                    }
                    boolean stratifyOnTarget = !targetTask[0].equals("regression") && STRATIFY;

                    // ---- inputs and usable rows (a value in every target) ----------------------------------------
                    List<Integer> inputs = new ArrayList<>();
                    for (int c = 0; c < width; c++) {
                        final int column = c;
                        boolean isTarget = Arrays.stream(targetColumn).anyMatch(t -> t == column);
                        if (!isTarget && !"ignore".equals(setting(names[c], 0)) && missingCount(cells, c) < rows) {
                            inputs.add(c);
                        }
                    }
                    List<Integer> eligible = new ArrayList<>();
                    rowLoop:
                    for (int r = 0; r < rows; r++) {
                        for (int c : targetColumn) {
                            if (isMissing(cells.get(r)[c])) {
                                continue rowLoop;
                            }
                        }
                        for (int c : inputs) {
                            if ("drop_row".equals(setting(names[c], 1)) && isMissing(cells.get(r)[c])) {
                                continue rowLoop;
                            }
                        }
                        eligible.add(r);
                    }

                    // ---- split: seeded shuffle, stratified per class of the main target ------------------------
                    Random random = new Random(SPLIT_SEED);
                    List<List<Integer>> groups = new ArrayList<>();
                    if (stratifyOnTarget) {
                        Map<String, List<Integer>> byClass = new TreeMap<>();
                        int c = targetColumn[0];
                        for (int r : eligible) {
                            byClass.computeIfAbsent(label(cells, r, c, numeric[c], numbers[c]), k -> new ArrayList<>()).add(r);
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
                    List<String> featureColumn = new ArrayList<>(); // the data column of each encoded feature
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
                            featureColumn.add(names[c]);
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
                            for (int i = 0; i < categories.size(); i++) {
                                featureColumn.add(names[c]);
                            }
                        }
                    }
                    int features = featureColumn.size();

                    // ---- each target's encoding: a scaler fitted on the training rows, or its classes -----------
                    double[] targetCenter = new double[targets.size()];
                    double[] targetScale = new double[targets.size()];
                    int[] targetWidth = new int[targets.size()];
                    int[] targetOffset = new int[targets.size()];
                    int labelWidth = 0;
                    for (int t = 0; t < targets.size(); t++) {
                        targetCenter[t] = 0;
                        targetScale[t] = 1;
                        if (targetTask[t].equals("regression") && SCALE_TARGET) {
                            float[] v = new float[train.size()];
                            for (int i = 0; i < v.length; i++) {
                                v[i] = numbers[targetColumn[t]][train.get(i)];
                            }
                            double[] ms = meanStd(v);
                            targetCenter[t] = ms[0];
                            targetScale[t] = ms[1] > 0 ? ms[1] : 1;
                        }
                        targetWidth[t] = targetTask[t].equals("multiclass") ? targetClasses.get(t).size() : 1;
                        targetOffset[t] = labelWidth;
                        labelWidth += targetWidth[t];
                    }

                    // ---- matrices: encoded features, then every target's labels side by side ---------------------
                    float[][] x = new float[3][];
                    float[][] y = new float[3][];
                    List<List<Integer>> parts = List.of(train, validation, test);
                    for (int p = 0; p < 3; p++) {
                        List<Integer> part = parts.get(p);
                        x[p] = new float[part.size() * features];
                        y[p] = new float[part.size() * labelWidth];
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
                            for (int t = 0; t < targets.size(); t++) {
                                int c = targetColumn[t];
                                int at = i * labelWidth + targetOffset[t];
                                if (targetTask[t].equals("regression")) {
                                    y[p][at] = (float) ((numbers[c][r] - targetCenter[t]) / targetScale[t]);
                                } else {
                                    int cls = targetClasses.get(t).indexOf(label(cells, r, c, numeric[c], numbers[c]));
                                    if (targetTask[t].equals("binary")) {
                                        y[p][at] = cls;
                                    } else {
                                        y[p][at + cls] = 1f;
                                    }
                                }
                            }
                        }
                    }

                    // ---- the graph's view of those rows: each input's features, each output's target -------------
                    int[][] inputFeatures = new int[INPUT_NAMES.length][];
                    int[] inputWidths = new int[INPUT_NAMES.length];
                    for (int i = 0; i < INPUT_NAMES.length; i++) {
                        List<String> columns = Arrays.asList(INPUT_COLUMNS[i]);
                        inputFeatures[i] = java.util.stream.IntStream.range(0, features)
                                .filter(f -> columns.isEmpty() || columns.contains(featureColumn.get(f))).toArray();
                        inputWidths[i] = inputFeatures[i].length;
                        if (inputWidths[i] == 0) {
                            throw new IllegalArgumentException("input " + INPUT_NAMES[i] + " takes no feature columns of " + path);
                        }
                    }
                    int outputs = OUTPUT_NAMES.length;
                    int[] outputTarget = new int[outputs];
                    String[] outputTask = new String[outputs];
                    int[] outputWidth = new int[outputs];
                    int[] outputOffset = new int[outputs];
                    for (int o = 0; o < outputs; o++) {
                        outputTarget[o] = targets.indexOf(OUTPUT_TARGETS[o] == null ? TARGET : OUTPUT_TARGETS[o]);
                        outputTask[o] = targetTask[outputTarget[o]];
                        outputWidth[o] = targetWidth[outputTarget[o]];
                        outputOffset[o] = targetOffset[outputTarget[o]];
                    }
                    Layout layout = new Layout(features, labelWidth, inputFeatures, outputOffset, outputWidth);
                    System.out.printf(Locale.ROOT, "%d training, %d validation, %d test rows; inputs %s; outputs %s%n",
                            train.size(), validation.size(), test.size(), describeInputs(inputWidths),
                            describeOutputs(outputTarget, targets, outputTask));

                    // ---- train ---------------------------------------------------------------------------------------
                    ComputationGraph net = new ComputationGraph(network(inputWidths, outputTask, outputWidth));
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
                        int[] order = all(train.size());
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
                            int[] batchRows = Arrays.copyOfRange(order, from, Math.min(from + batch, train.size()));
                            net.fit(layout.inputs(x[0], batchRows), layout.labels(y[0], batchRows));
                            lossSum += net.score(); // the total loss: each output's loss times its weight, summed
                        }
                        net.incrementEpochCount();
                        double value;
                        String watched;
                        if (!hasValidation || (MONITOR_TRAINING_ROWS && MONITOR_OUTPUT < 0)) {
                            value = lossSum / steps;
                            watched = "train loss";
                        } else {
                            int p = MONITOR_TRAINING_ROWS ? 0 : 1;
                            int o = MONITOR_OUTPUT;
                            value = o < 0 ? net.score(new MultiDataSet(layout.inputs(x[p], all(parts.get(p).size())),
                                    layout.labels(y[p], all(parts.get(p).size()))), false)
                                    : metric(net, layout, x[p], y[p], o, MONITOR, outputTask[o], targetScale[outputTarget[o]]);
                            watched = (p == 0 ? "train " : "val ") + (o < 0 ? "loss" : OUTPUT_NAMES[o] + " " + MONITOR);
                        }
                        boolean higherIsBetter = hasValidation && MONITOR_OUTPUT >= 0 && MONITOR.equals("accuracy");
                        System.out.printf(Locale.ROOT, "epoch %d: loss %.5f, %s %.5f%n", epoch, lossSum / steps, watched, value);
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

                    // ---- evaluate every output in its target's units and save ------------------------------------
                    String[] partNames = {"train", "validation", "test"};
                    for (int p = 0; p < 3; p++) {
                        if (parts.get(p).isEmpty()) {
                            continue;
                        }
                        for (int o = 0; o < outputs; o++) {
                            double scale = targetScale[outputTarget[o]];
                            if (outputTask[o].equals("regression")) {
                                System.out.printf(Locale.ROOT, "%s: %s rmse %.5f, mae %.5f%n", partNames[p], OUTPUT_NAMES[o],
                                        metric(net, layout, x[p], y[p], o, "rmse", outputTask[o], scale),
                                        metric(net, layout, x[p], y[p], o, "mae", outputTask[o], scale));
                            } else {
                                System.out.printf(Locale.ROOT, "%s: %s accuracy %.5f%n", partNames[p], OUTPUT_NAMES[o],
                                        metric(net, layout, x[p], y[p], o, "accuracy", outputTask[o], scale));
                            }
                        }
                    }
                    ModelSerializer.writeModel(net, modelOut, true);
                    System.out.println("Saved " + modelOut);
                    for (int o = 0; o < outputs; o++) {
                        int t = outputTarget[o];
                        System.out.println(OUTPUT_NAMES[o] + (targetTask[t].equals("regression")
                                ? String.format(Locale.ROOT, ": predictions * %s + %s give %s's units", targetScale[t], targetCenter[t], targets.get(t))
                                : ": classes of " + targets.get(t) + " " + targetClasses.get(t)));
                    }
                }

                static int[] all(int n) {
                    int[] rows = new int[n];
                    for (int i = 0; i < n; i++) {
                        rows[i] = i;
                    }
                    return rows;
                }

                static String describeInputs(int[] widths) {
                    List<String> parts = new ArrayList<>();
                    for (int i = 0; i < widths.length; i++) {
                        parts.add(INPUT_NAMES[i] + " (" + widths[i] + " features)");
                    }
                    return String.join(", ", parts);
                }

                static String describeOutputs(int[] outputTarget, List<String> targets, String[] tasks) {
                    List<String> parts = new ArrayList<>();
                    for (int o = 0; o < outputTarget.length; o++) {
                        parts.add(OUTPUT_NAMES[o] + " (" + targets.get(outputTarget[o]) + ", " + tasks[o] + ", weight " + LOSS_WEIGHTS[o] + ")");
                    }
                    return String.join(", ", parts);
                }

                /**
                 * Output {@code o}'s metric on a prepared split: rmse or mae in its target's units, accuracy, or its own
                 * loss (before its weight).
                 */
                static double metric(ComputationGraph net, Layout layout, float[] x, float[] y, int o, String metric,
                                     String task, double targetScale) {
                    int n = y.length / layout.labelWidth();
                    int[] rows = all(n);
                    INDArray predicted = net.output(false, layout.inputs(x, rows))[o];
                    INDArray truth = layout.labels(y, rows)[o];
                    if (metric.equals("loss")) {
                        return loss(o, task).computeScore(truth, predicted, new ActivationIdentity(), null, true);
                    }
                    int width = layout.outputWidth()[o];
                    float[] out = predicted.dup('c').data().asFloat();
                    float[] labels = truth.dup('c').data().asFloat();
                    if (metric.equals("accuracy")) {
                        int right = 0;
                        for (int i = 0; i < n; i++) {
                            if (width == 1) {
                                right += (out[i] >= 0.5f ? 1 : 0) == (int) labels[i] ? 1 : 0;
                            } else {
                                int guess = 0;
                                int actual = 0;
                                for (int c = 1; c < width; c++) {
                                    guess = out[i * width + c] > out[i * width + guess] ? c : guess;
                                    actual = labels[i * width + c] > labels[i * width + actual] ? c : actual;
                                }
                                right += guess == actual ? 1 : 0;
                            }
                        }
                        return (double) right / n;
                    }
                    double sum = 0;
                    for (int i = 0; i < n; i++) {
                        double e = (out[i] - labels[i]) * targetScale;
                        sum += metric.equals("mae") ? Math.abs(e) : e * e;
                    }
                    return metric.equals("mae") ? sum / n : Math.sqrt(sum / n);
                }

            """;
}
