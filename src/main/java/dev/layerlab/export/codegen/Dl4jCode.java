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
     * classes short: Huber loss (DL4J 1.0.0-M2.1 has none; a copy of {@link dev.layerlab.model.HuberLoss}'s
     * arithmetic, since the class must not depend on LayerLab) and class-weighted cross-entropy.
     */
    static String withNested(String classSource, boolean huber, boolean classWeights) {
        int end = classSource.lastIndexOf('}');
        return classSource.substring(0, end) + (huber ? Template.resource("dl4j/huber-loss.java.tmpl") : "")
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
        s.append("     * Per-column settings: role, impute, constant, scaling, type, log1p (null = default; type categorical = numbers\n");
        s.append("     * as categories, date = calendar features; log1p true = sign(x) ln(1 + |x|) before scaling).\n");
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
                    .append(JavaLiteral.str(Boolean.TRUE.equals(c.log1p()) ? "true" : null)).append("});\n");
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
            // refused before generation (ExportLimits)
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
