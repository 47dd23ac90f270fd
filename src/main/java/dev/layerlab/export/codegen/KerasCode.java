package dev.layerlab.export.codegen;

import dev.layerlab.data.ClassWeights;
import dev.layerlab.data.ColumnSpec;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.InvalidNumbers;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
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
 * What the sequential and the graph Keras scripts share: the settings block, the optimizer and early stopping,
 * Keras's names for LayerLab's activations, initializers and losses, and the assembly of a script from the header,
 * the one data-preparation part ({@code keras/preparation.py.tmpl}) and the kind's network part.
 */
final class KerasCode {
    private KerasCode() {
    }

    /**
     * A whole script: header and settings, the shared data preparation, then the kind's part
     * ({@code keras/sequential.py.tmpl} or {@code keras/graph.py.tmpl}) with its model and training filled in.
     *
     * @param settings the settings block (the shared one plus the kind's own)
     * @param training the optimizer and callbacks ({@link #training}), placed in the script's main()
     */
    static String script(String kind, Experiment experiment, String settings, String model, String training) {
        return Template.of("keras/header.py.tmpl").with("NAME", experiment.name()).with("SETTINGS", settings).render()
                + Template.resource("keras/preparation.py.tmpl")
                + "\n\n" + Template.of("keras/" + kind + ".py.tmpl").with("MODEL", model)
                .with("TRAINING", indent(training)).render();
    }

    private static String indent(String lines) {
        return lines.lines().map(l -> l.isEmpty() ? l : "    " + l).collect(java.util.stream.Collectors.joining("\n", "", "\n"))
                .stripTrailing();
    }

    /** The data and training settings as Python constants, shared by both kinds of script. */
    static String settings(Experiment experiment) {
        DataSpec data = experiment.data();
        TrainingSpec training = experiment.training();
        SplitSpec split = data.split() == null ? SplitSpec.defaults() : data.split();
        StringBuilder settings = new StringBuilder();
        settings.append("DATA = ").append(PythonLiteral.str(data.path())).append('\n');
        settings.append("DELIMITER = ").append(data.delimiter() == null ? "None  # detected" : PythonLiteral.str(data.delimiter().toString())).append('\n');
        settings.append("HEADER = ").append(data.header() == null || data.header() ? "True" : "False").append('\n');
        settings.append("TARGET = ").append(PythonLiteral.str(data.target())).append('\n');
        settings.append("TASK = ").append(PythonLiteral.str(taskOf(data.task()))).append("  # auto, regression or classification\n");
        settings.append("SCALE_TARGET = ").append(data.scaleTarget() == null || data.scaleTarget() ? "True" : "False").append('\n');
        settings.append("COLUMNS = {");
        Map<String, ColumnSpec> columns = new TreeMap<>(data.columns() == null ? Map.of() : data.columns());
        boolean first = true;
        for (Map.Entry<String, ColumnSpec> e : columns.entrySet()) {
            ColumnSpec c = e.getValue();
            settings.append(first ? "\n" : ",\n");
            first = false;
            settings.append("    ").append(PythonLiteral.str(e.getKey())).append(": {")
                    .append("\"role\": ").append(PythonLiteral.str(c.role() == null ? null : c.role().name().toLowerCase()))
                    .append(", \"impute\": ").append(PythonLiteral.str(c.impute() == null ? null : c.impute().name().toLowerCase()))
                    .append(", \"constant\": ").append(PythonLiteral.str(c.constant()))
                    .append(", \"scaling\": ").append(PythonLiteral.str(c.scaling() == null ? null : c.scaling().name().toLowerCase()))
                    .append(", \"type\": ").append(PythonLiteral.str(c.type() == null ? null : c.type().name().toLowerCase()))
                    .append(Boolean.TRUE.equals(c.log1p()) ? ", \"log1p\": True" : "")
                    .append('}');
        }
        settings.append(first ? "}\n" : "\n}\n");
        settings.append("INVALID_NUMBERS = ").append(PythonLiteral.str(data.invalidNumbers() == InvalidNumbers.ERROR
                ? "error" : "missing")).append("  # unusable cells in a column of numbers: missing (up to 1 %) or error\n");
        ClassWeights weights = data.classWeightsOrDefault();
        settings.append("CLASS_WEIGHTS = ");
        if (weights.mode() == ClassWeights.Mode.CUSTOM) {
            settings.append('{').append(String.join(", ", new TreeMap<>(weights.perClass()).entrySet().stream()
                    .map(w -> PythonLiteral.str(w.getKey()) + ": " + PythonLiteral.num(w.getValue())).toList())).append("}\n");
        } else {
            settings.append(PythonLiteral.str(weights.mode().name().toLowerCase())).append("  # none, balanced or {class: weight}\n");
        }
        settings.append("SPLIT = {\"train\": ").append(PythonLiteral.num(split.train())).append(", \"validation\": ")
                .append(PythonLiteral.num(split.validation())).append(", \"test\": ").append(PythonLiteral.num(split.test()))
                .append(", \"seed\": ").append(split.seed()).append(", \"stratify\": ").append(split.stratify() ? "True" : "False").append("}\n");
        settings.append("SEED = ").append(training.seed()).append('\n');
        settings.append("BATCH_SIZE = ").append(training.batchSize()).append('\n');
        settings.append("EPOCHS = ").append(training.epochs()).append('\n');
        return settings.toString();
    }

    static String taskOf(TaskChoice choice) {
        return choice == null ? "auto" : choice.name().toLowerCase();
    }

    /**
     * Optimizer, schedule and early stopping.
     *
     * @param monitor       the Keras name of the quantity early stopping watches on the validation rows
     * @param hasValidation a Python expression, true when there are validation rows
     */
    static String training(TrainingSpec t, String monitor, String hasValidation) {
        OptimizerSpec o = t.optimizer();
        StringBuilder b = new StringBuilder();
        String rate = PythonLiteral.num(o.learningRate());
        b.append("LEARNING_RATE = ").append(rate).append('\n');
        String optimizer = switch (o.kind()) {
            case SGD -> o.momentum() > 0
                    ? "keras.optimizers.SGD(learning_rate=LEARNING_RATE, momentum=" + PythonLiteral.num(o.momentum()) + ", nesterov=True)  # DL4J's momentum is Nesterov's"
                    : "keras.optimizers.SGD(learning_rate=LEARNING_RATE)";
            case ADAM -> "keras.optimizers.Adam(learning_rate=LEARNING_RATE)";
            case NADAM -> "keras.optimizers.Nadam(learning_rate=LEARNING_RATE)";
            case ADAMAX -> "keras.optimizers.Adamax(learning_rate=LEARNING_RATE)";
            case RMSPROP -> "keras.optimizers.RMSprop(learning_rate=LEARNING_RATE)";
            case ADAGRAD -> "keras.optimizers.Adagrad(learning_rate=LEARNING_RATE)";
        };
        b.append("optimizer = ").append(optimizer).append('\n');
        b.append("callbacks = []\n");
        switch (o.schedule()) {
            case CONSTANT -> { }
            case EXPONENTIAL -> b.append("callbacks.append(keras.callbacks.LearningRateScheduler(lambda epoch: LEARNING_RATE * ")
                    .append(PythonLiteral.num(o.decay())).append(" ** epoch))\n");
            case STEP -> b.append("callbacks.append(keras.callbacks.LearningRateScheduler(lambda epoch: LEARNING_RATE * ")
                    .append(PythonLiteral.num(o.decay())).append(" ** (epoch // ").append(o.stepEpochs()).append(")))\n");
            // refused before generation (ExportLimits)
            case COSINE, ONE_CYCLE, PLATEAU -> throw new IllegalStateException("schedule " + o.schedule().id() + " is not exported");
        }
        EarlyStoppingSpec es = t.earlyStopping();
        if (es.enabled()) {
            b.append("monitor = ").append(PythonLiteral.str(monitor)).append(" if ").append(hasValidation).append(" else \"loss\"")
                    .append(monitor.equals(es.monitor()) ? "" : "  # LayerLab monitors " + es.monitor())
                    .append('\n');
            // The direction follows what is watched: a metric Keras lacks falls back to the loss, which goes down.
            boolean higherIsBetter = monitor.endsWith("accuracy") || monitor.endsWith("auc");
            b.append("callbacks.append(keras.callbacks.EarlyStopping(monitor=monitor, patience=").append(es.patience())
                    .append(", min_delta=").append(PythonLiteral.num(es.minDelta())).append(", restore_best_weights=")
                    .append(es.restoreBest() ? "True" : "False").append(", mode=")
                    .append(PythonLiteral.str(higherIsBetter ? "max" : "min")).append("))\n");
        }
        return b.toString();
    }

    /** LayerLab's monitor names in Keras's terms; metrics Keras does not compute fall back to the loss. */
    static String kerasMonitor(String monitor) {
        String prefix = monitor.startsWith("train_") ? "" : "val_";
        String name = monitor.replaceFirst("^(val_|train_)", "");
        return switch (name) {
            case "loss", "rmse", "mae", "accuracy", "auc" -> prefix + name;
            default -> prefix + "loss";
        };
    }

    static String activation(Activation a) {
        return switch (a) {
            case IDENTITY -> "linear";
            case LEAKYRELU -> "leaky_relu";
            case PRELU -> "linear";
            default -> a.jsonName();
        };
    }

    static String initializer(Initializer i) {
        return switch (i) {
            case RANDOM_UNIFORM -> "random_uniform";
            default -> i.jsonName();
        };
    }

    static String loss(Loss loss) {
        return switch (loss) {
            case HUBER -> "keras.losses.Huber(delta=1.0)";
            default -> PythonLiteral.str(loss.jsonName());
        };
    }

    static String regularizer(double l1, double l2) {
        if (l1 == 0 && l2 == 0) {
            return "";
        }
        return ", kernel_regularizer=keras.regularizers.L1L2(l1=" + PythonLiteral.num(l1) + ", l2=" + PythonLiteral.num(l2) + ")";
    }
}
