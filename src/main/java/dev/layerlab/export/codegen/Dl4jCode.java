package dev.layerlab.export.codegen;

import dev.layerlab.data.ClassWeights;
import dev.layerlab.data.ColumnSpec;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.InvalidNumbers;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.Activation;
import dev.layerlab.model.Initializer;
import dev.layerlab.model.Loss;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.TrainingSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the sequential and the graph DL4J classes share: the settings block, DL4J's names for LayerLab's
 * activations, initializers, losses and optimizers, and the assembly of a class from its template and the one
 * data-preparation part ({@code dl4j/preparation.java.tmpl}: reading, split, targets; {@code columns}, {@code dates}
 * and {@code csv}: fitting and encoding each kind of column, and the CSV helpers).
 */
final class Dl4jCode {
    private Dl4jCode() {
    }

    /**
     * A whole class: the kind's template ({@code dl4j/sequential.java.tmpl} or {@code dl4j/graph.java.tmpl}) with
     * the shared data preparation filled in; the caller fills the rest.
     */
    static Template classTemplate(String kind, Experiment experiment, String className) {
        return Template.of("dl4j/" + kind + ".java.tmpl")
                .with("NAME", experiment.name().replace("*/", "* /"))
                .with("CLASS", className)
                .with("PREPARATION_IMPORTS", Template.resource("dl4j/preparation-imports.java.tmpl").stripTrailing())
                .with("PREPARATION", Template.resource("dl4j/preparation.java.tmpl") + Template.resource("dl4j/columns.java.tmpl")
                        + Template.resource("dl4j/dates.java.tmpl") + Template.resource("dl4j/csv.java.tmpl"));
    }

    /**
     * The class with optional nested pieces added before its closing brace, each only when used, to keep other
     * classes short: the tabulated learning rates, Huber loss (DL4J 1.0.0-M2.1 has none; a copy of {@link dev.layerlab.model.HuberLoss}'s
     * arithmetic, since the class must not depend on LayerLab) and class-weighted cross-entropy.
     */
    static String withNested(String classSource, boolean huber, boolean classWeights, Experiment experiment) {
        int end = classSource.lastIndexOf('}');
        return classSource.substring(0, end) + scheduleMethods(experiment.training().optimizer())
                + (huber ? Template.resource("dl4j/huber-loss.java.tmpl") : "")
                + (classWeights ? Template.resource("dl4j/class-weights.java.tmpl") : "") + classSource.substring(end);
    }

    /** True when the loss weighs TARGET's classes (classification with class weights other than none). */
    static boolean classWeighted(Experiment experiment) {
        return experiment.data().classWeightsOrDefault().mode() != ClassWeights.Mode.NONE;
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
        s.append("    static final String DATA = ").append(JavaLiteral.str(data.path())).append(";\n");
        s.append("    /** null = detect from the first line. */\n");
        s.append("    static final Character DELIMITER = ").append(data.delimiter() == null ? "null" : JavaLiteral.chr(data.delimiter())).append(";\n");
        s.append("    static final boolean HEADER = ").append(data.header() == null || data.header()).append(";\n");
        s.append("    static final String TARGET = ").append(JavaLiteral.str(data.target())).append(";\n");
        s.append("    /** auto, regression or classification. */\n");
        s.append("    static final String TASK = ").append(JavaLiteral.str(KerasCode.taskOf(data.task()))).append(";\n");
        s.append("    static final boolean SCALE_TARGET = ").append(data.scaleTarget() == null || data.scaleTarget()).append(";\n");
        s.append("    /** Unusable cells in a column of numbers: missing (up to 1 % of its cells, imputed) or error. */\n");
        s.append("    static final String INVALID_NUMBERS = ").append(JavaLiteral.str(data.invalidNumbers() == InvalidNumbers.ERROR
                ? "error" : "missing")).append(";\n");
        ClassWeights weights = data.classWeightsOrDefault();
        s.append("    /** Loss weights of TARGET's classes: none, balanced (on the training rows), or per class (CLASS_WEIGHT_OF). */\n");
        s.append("    static final String CLASS_WEIGHTS = ").append(JavaLiteral.str(weights.mode().name().toLowerCase())).append(";\n");
        s.append("    static final Map<String, Double> CLASS_WEIGHT_OF = new HashMap<>();\n");
        if (!weights.perClass().isEmpty()) {
            s.append("    static {\n");
            new TreeMap<>(weights.perClass()).forEach((label, w) -> s.append("        CLASS_WEIGHT_OF.put(")
                    .append(JavaLiteral.str(label)).append(", ").append(w).append(");\n"));
            s.append("    }\n");
        }
        s.append("    /**\n");
        s.append("     * Per-column settings: role, impute, constant, scaling, type, log1p, encoding, zeroIndicator (null = default;\n");
        s.append("     * type categorical = numbers as categories, date = calendar features; log1p true = sign(x) ln(1 + |x|) before\n");
        s.append("     * scaling; encoding one_hot or embedding, default: embedding above 30 training categories; zeroIndicator true =\n");
        s.append("     * an extra input, 1 for exactly 0, default: when 10 % of the training values are 0).\n");
        s.append("     */\n");
        s.append("    static final Map<String, String[]> COLUMNS = new HashMap<>();\n");
        s.append("    static {\n");
        Map<String, ColumnSpec> columns = new TreeMap<>(data.columns() == null ? Map.of() : data.columns());
        for (Map.Entry<String, ColumnSpec> e : columns.entrySet()) {
            ColumnSpec c = e.getValue();
            s.append("        COLUMNS.put(").append(JavaLiteral.str(e.getKey())).append(", new String[] {")
                    .append(JavaLiteral.str(c.role() == null ? null : c.role().name().toLowerCase())).append(", ")
                    .append(JavaLiteral.str(c.impute() == null ? null : c.impute().name().toLowerCase())).append(", ")
                    .append(JavaLiteral.str(c.constant())).append(", ")
                    .append(JavaLiteral.str(c.scaling() == null ? null : c.scaling().name().toLowerCase())).append(", ")
                    .append(JavaLiteral.str(c.type() == null ? null : c.type().name().toLowerCase())).append(", ")
                    .append(JavaLiteral.str(Boolean.TRUE.equals(c.log1p()) ? "true" : null)).append(", ")
                    .append(JavaLiteral.str(c.encoding() == null ? null : c.encoding() == dev.layerlab.data.Encoding.EMBEDDING
                            ? "embedding" : "one_hot")).append(", ")
                    .append(JavaLiteral.str(c.zeroIndicator() == null ? null : c.zeroIndicator().toString())).append("});\n");
        }
        s.append("    }\n");
        s.append("    /** Generated inputs: {numerator, denominator} columns divided into a numeric column \"numerator/denominator\". */\n");
        s.append("    static final String[][] RATIOS = {").append(String.join(", ", data.ratiosOrEmpty().stream()
                .map(r -> "{" + JavaLiteral.str(r.numerator()) + ", " + JavaLiteral.str(r.denominator()) + "}").toList())).append("};\n");
        s.append("    /** Generated inputs: {latitude, longitude} columns projected onto the directions ROTATION_DEGREES (from north). */\n");
        s.append("    static final String[][] ROTATIONS = {").append(String.join(", ", data.rotationsOrEmpty().stream()
                .map(r -> "{" + JavaLiteral.str(r.latitude()) + ", " + JavaLiteral.str(r.longitude()) + "}").toList())).append("};\n");
        s.append("    static final int[][] ROTATION_DEGREES = {").append(String.join(", ", data.rotationsOrEmpty().stream()
                .map(r -> "{" + String.join(", ", r.degrees().stream().map(String::valueOf).toList()) + "}").toList())).append("};\n");
        s.append("    /** True: the network learns log1p(TARGET) (scaled); its outputs go back through expm1. */\n");
        s.append("    static final boolean LOG_TARGET = ").append(data.targetTransformOrDefault() == dev.layerlab.data.TargetTransform.LOG1P)
                .append(";\n");
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

    /**
     * The learning-rate schedule and the updater as Java expressions (the updater reads a variable {@code rate};
     * the schedule may read the run's {@code epochs}). As LayerLab's {@code LearningRates}: constant, step and
     * exponential without warm-up are ND4J's schedules of the same name; warm-up, cosine and one-cycle are tabulated
     * per epoch ({@link #scheduleMethods}); reduce-on-plateau starts constant and the training loop lowers it.
     */
    static String[] rateAndUpdater(OptimizerSpec o) {
        String rate = tabulated(o) ? "learningRates(epochs)" : switch (o.schedule()) {
            case EXPONENTIAL -> "new ExponentialSchedule(ScheduleType.EPOCH, " + o.learningRate() + ", " + o.decay() + ")";
            case STEP -> "new StepSchedule(ScheduleType.EPOCH, " + o.learningRate() + ", " + o.decay() + ", " + o.stepEpochs() + ")";
            default -> "new ExponentialSchedule(ScheduleType.EPOCH, " + o.learningRate() + ", 1.0)";
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

    /** True when the rate is tabulated per epoch (a warm-up, cosine or one-cycle) rather than one of ND4J's schedules. */
    static boolean tabulated(OptimizerSpec o) {
        return o.warmupOrZero() > 0 || o.schedule().spansTheRun();
    }

    /**
     * The nested methods a tabulated schedule needs: the rate of each epoch (LayerLab's {@code LearningRates.at},
     * the same arithmetic) and the ND4J {@code MapSchedule} holding the epochs where it changes; "" otherwise.
     */
    static String scheduleMethods(OptimizerSpec o) {
        if (!tabulated(o)) {
            return "";
        }
        String schedule = switch (o.schedule()) {
            case CONSTANT, PLATEAU -> "        return rate;\n";
            case EXPONENTIAL -> "        return rate * Math.pow(" + o.decay() + ", t);\n";
            case STEP -> "        return rate * Math.pow(" + o.decay() + ", Math.floor((double) t / " + o.stepEpochs() + "));\n";
            case COSINE -> "        // half a cosine from the rate down to zero over the schedule's epochs\n"
                    + "        return rate * 0.5 * (1 + Math.cos(Math.PI * Math.min(t, length) / length));\n";
            case ONE_CYCLE -> "        // one-cycle (PyTorch's OneCycleLR defaults): up from rate/25 over 30 % of the epochs, then down to rate/250000\n"
                    + "        int rise = Math.max(1, (int) Math.round(0.3 * length));\n"
                    + "        double start = rate / 25;\n"
                    + "        if (t < rise) {\n"
                    + "            return start + (rate - start) * (1 - Math.cos(Math.PI * t / rise)) / 2;\n"
                    + "        }\n"
                    + "        double end = rate / (25 * 1e4);\n"
                    + "        double fall = Math.max(1, length - 1 - rise);\n"
                    + "        return end + (rate - end) * (1 + Math.cos(Math.PI * Math.min(1, (t - rise) / fall))) / 2;\n";
        };
        return "\n    // ---- the learning rate of each epoch (as LayerLab lays it out) -----------------------------------\n"
                + "    static final int WARMUP_EPOCHS = " + o.warmupOrZero() + ";\n\n"
                + "    /** The epochs where the rate changes, over a run of {@code epochs} epochs (it then holds its last value). */\n"
                + "    static ISchedule learningRates(int epochs) {\n"
                + "        Map<Integer, Double> values = new java.util.LinkedHashMap<>();\n"
                + "        double last = Double.NaN;\n"
                + "        for (int e = 0; e < Math.max(1, epochs); e++) {\n"
                + "            double v = rateAt(epochs, e);\n"
                + "            if (v != last) {\n"
                + "                values.put(e, v);\n"
                + "                last = v;\n"
                + "            }\n"
                + "        }\n"
                + "        return new org.nd4j.linalg.schedule.MapSchedule(ScheduleType.EPOCH, values);\n"
                + "    }\n\n"
                + "    /** Epoch {@code epoch}'s rate (0-based): a linear warm-up from rate/(WARMUP_EPOCHS+1), then the schedule. */\n"
                + "    static double rateAt(int epochs, int epoch) {\n"
                + "        int length = Math.max(1, epochs - WARMUP_EPOCHS);\n"
                + "        if (epoch < WARMUP_EPOCHS) {\n"
                + "            return scheduled(length, 0) * (epoch + 1) / (WARMUP_EPOCHS + 1);\n"
                + "        }\n"
                + "        return scheduled(length, epoch - WARMUP_EPOCHS);\n"
                + "    }\n\n"
                + "    /** The schedule's rate {@code t} epochs after it started, in a schedule of {@code length} epochs. */\n"
                + "    static double scheduled(int length, int t) {\n"
                + "        double rate = " + o.learningRate() + ";\n"
                + schedule
                + "    }\n";
    }

    /**
     * Decoupled weight decay as LayerLab adds it: DL4J's {@code WeightDecay} (scaled by the rate) appended to every
     * layer with weights, after the configuration is built; with Adam this is AdamW. "" without weight decay.
     *
     * @param layers a Java expression for the built configuration's layer configurations
     */
    static String weightDecay(OptimizerSpec o, String layers) {
        if (o.weightDecayOrZero() == 0) {
            return "";
        }
        return "        // decoupled weight decay (with Adam: AdamW): each step shrinks the weights by rate * " + o.weightDecayOrZero() + " * w\n"
                + "        for (NeuralNetConfiguration layerConf : " + layers + ") {\n"
                + "            if (layerConf != null && layerConf.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer layer) {\n"
                + "                List<org.nd4j.linalg.learning.regularization.Regularization> regularization = new ArrayList<>();\n"
                + "                if (layer.getRegularization() != null) {\n"
                + "                    regularization.addAll(layer.getRegularization());\n"
                + "                }\n"
                + "                regularization.add(new org.nd4j.linalg.learning.regularization.WeightDecay(" + o.weightDecayOrZero() + ", true));\n"
                + "                layer.setRegularization(regularization);\n"
                + "            }\n"
                + "        }\n";
    }

    /**
     * Gradient clipping as LayerLab sets it: every layer with parameters clips its gradient (its L2 norm, or each
     * element) before the updater sees it, DL4J's GradientNormalization. "" without clipping.
     *
     * @param layers a Java expression for the built configuration's layer configurations
     */
    static String clipping(dev.layerlab.training.GradientClipping clipping, String layers) {
        if (clipping == null) {
            return "";
        }
        String mode = clipping.mode() == dev.layerlab.training.GradientClipping.Mode.NORM ? "ClipL2PerLayer" : "ClipElementWiseAbsoluteValue";
        return "        // gradient clipping: " + (clipping.mode() == dev.layerlab.training.GradientClipping.Mode.NORM
                ? "each layer's gradient rescaled to an L2 norm of at most " : "each gradient element clipped to +/-") + clipping.threshold() + "\n"
                + "        for (NeuralNetConfiguration layerConf : " + layers + ") {\n"
                + "            if (layerConf != null && layerConf.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer layer) {\n"
                + "                layer.setGradientNormalization(org.deeplearning4j.nn.conf.GradientNormalization." + mode + ");\n"
                + "                layer.setGradientNormalizationThreshold(" + clipping.threshold() + ");\n"
                + "            }\n"
                + "        }\n";
    }

    /** A dropout layer's DL4J dropout (which takes the probability to keep): plain or alpha dropout. */
    static String dropout(dev.layerlab.model.DropoutLayer d) {
        return d.rate() > 0 ? (d.isAlpha() ? "new AlphaDropout(" : "new Dropout(") + (1.0 - d.rate()) + ")" : "";
    }

    /**
     * Reduce-on-plateau in the training loop: after the warm-up, the watched loss (the validation loss, the
     * training loss without validation rows) not improving for PLATEAU_PATIENCE epochs multiplies the rate by the
     * factor, as LayerLab's trainer does. [state before the loop, check after each epoch]; "" for other schedules.
     *
     * @param validationLoss a Java expression for the loss on the validation rows
     */
    static String[] plateau(OptimizerSpec o, String validationLoss) {
        if (o.schedule() != dev.layerlab.training.ScheduleKind.PLATEAU) {
            return new String[] {"", ""};
        }
        String state = "        // reduce on plateau: the best watched loss, epochs since, and the drops so far\n"
                + "        final int plateauPatience = " + o.plateauPatience() + ";\n"
                + "        final double plateauFactor = " + o.decay() + ";\n"
                + "        double plateauBest = Double.NaN;\n"
                + "        int plateauWait = 0;\n"
                + "        int plateauDrops = 0;\n";
        String check = "            double plateauLoss = hasValidation ? " + validationLoss + " : lossSum / steps;\n"
                + "            if (epoch > " + o.warmupOrZero() + ") { // warm-up epochs are not judged\n"
                + "                if (Double.isNaN(plateauBest) || plateauLoss < plateauBest) {\n"
                + "                    plateauBest = plateauLoss;\n"
                + "                    plateauWait = 0;\n"
                + "                } else if (++plateauWait >= plateauPatience) {\n"
                + "                    plateauWait = 0;\n"
                + "                    plateauDrops++;\n"
                + "                    double lowered = " + o.learningRate() + " * Math.pow(plateauFactor, plateauDrops);\n"
                + "                    net.setLearningRate(lowered);\n"
                + "                    System.out.printf(Locale.ROOT, \"The loss stalled for %d epochs: learning rate lowered to %.4g%n\",\n"
                + "                            plateauPatience, lowered);\n"
                + "                }\n"
                + "            }\n";
        return new String[] {state, check};
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
}
