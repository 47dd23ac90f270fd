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
import dev.layerlab.training.ScheduleKind;
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
                + Template.resource("keras/preparation.py.tmpl") + Template.resource("keras/inputs.py.tmpl")
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
                    .append(c.zeroIndicator() == null ? "" : ", \"zero_indicator\": " + (c.zeroIndicator() ? "True" : "False"))
                    .append(c.encoding() == null ? "" : ", \"encoding\": " + PythonLiteral.str(
                            c.encoding() == dev.layerlab.data.Encoding.EMBEDDING ? "embedding" : "one_hot"))
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
        if (!data.ratiosOrEmpty().isEmpty()) {
            settings.append("RATIOS = [").append(String.join(", ", data.ratiosOrEmpty().stream()
                    .map(r -> "(" + PythonLiteral.str(r.numerator()) + ", " + PythonLiteral.str(r.denominator()) + ")").toList()))
                    .append("]  # generated inputs: numerator / denominator as a numeric column \"numerator/denominator\"\n");
        }
        if (!data.rotationsOrEmpty().isEmpty()) {
            settings.append("ROTATIONS = [").append(String.join(", ", data.rotationsOrEmpty().stream()
                    .map(r -> "(" + PythonLiteral.str(r.latitude()) + ", " + PythonLiteral.str(r.longitude()) + ", ["
                            + String.join(", ", r.degrees().stream().map(String::valueOf).toList()) + "])").toList()))
                    .append("]  # generated inputs: latitude cos(d) + longitude sin(d), d in degrees from north\n");
        }
        if (data.targetTransformOrDefault() == dev.layerlab.data.TargetTransform.LOG1P) {
            settings.append("LOG_TARGET = True  # the network learns log1p(TARGET) (scaled); its outputs go back through expm1\n");
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
        // Decoupled weight decay (LayerLab: DL4J's WeightDecay, scaled by the rate; with Adam, AdamW); biases are not decayed.
        String decay = o.weightDecayOrZero() > 0 ? ", weight_decay=" + PythonLiteral.num(o.weightDecayOrZero()) : "";
        String optimizer = switch (o.kind()) {
            case SGD -> o.momentum() > 0
                    ? "keras.optimizers.SGD(learning_rate=LEARNING_RATE, momentum=" + PythonLiteral.num(o.momentum()) + ", nesterov=True" + decay + ")  # DL4J's momentum is Nesterov's"
                    : "keras.optimizers.SGD(learning_rate=LEARNING_RATE" + decay + ")";
            case ADAM -> decay.isEmpty() ? "keras.optimizers.Adam(learning_rate=LEARNING_RATE)"
                    : "keras.optimizers.AdamW(learning_rate=LEARNING_RATE" + decay + ")";
            case NADAM -> "keras.optimizers.Nadam(learning_rate=LEARNING_RATE" + decay + ")";
            case ADAMAX -> "keras.optimizers.Adamax(learning_rate=LEARNING_RATE" + decay + ")";
            case RMSPROP -> "keras.optimizers.RMSprop(learning_rate=LEARNING_RATE" + decay + ")";
            case ADAGRAD -> "keras.optimizers.Adagrad(learning_rate=LEARNING_RATE" + decay + ")";
        };
        if (t.clipping() != null) {
            // each gradient element clipped, as DL4J's ClipElementWiseAbsoluteValue (norm clipping is refused: ExportLimits)
            optimizer = optimizer.replaceFirst("LEARNING_RATE", "LEARNING_RATE, clipvalue=" + PythonLiteral.num(t.clipping().threshold()));
        }
        b.append("optimizer = ").append(optimizer).append('\n');
        if (!decay.isEmpty()) {
            // as LayerLab (DL4J): the weights decay, not the biases nor batch normalization's scale and shift
            b.append("optimizer.exclude_from_weight_decay(var_names=[\"bias\", \"gamma\", \"beta\"])\n");
        }
        b.append("callbacks = []\n");
        if (Dl4jCode.tabulated(o)) {
            b.append(rateFunctions(o));
            b.append(o.schedule() == ScheduleKind.PLATEAU
                    // after the warm-up the rate is the plateau callback's, which may have lowered it
                    ? "callbacks.append(keras.callbacks.LearningRateScheduler(lambda epoch, rate: learning_rate(epoch) if epoch <= WARMUP_EPOCHS else rate))\n"
                    : "callbacks.append(keras.callbacks.LearningRateScheduler(lambda epoch: learning_rate(epoch)))\n");
        } else if (o.schedule() == ScheduleKind.EXPONENTIAL) {
            b.append("callbacks.append(keras.callbacks.LearningRateScheduler(lambda epoch: LEARNING_RATE * ")
                    .append(PythonLiteral.num(o.decay())).append(" ** epoch))\n");
        } else if (o.schedule() == ScheduleKind.STEP) {
            b.append("callbacks.append(keras.callbacks.LearningRateScheduler(lambda epoch: LEARNING_RATE * ")
                    .append(PythonLiteral.num(o.decay())).append(" ** (epoch // ").append(o.stepEpochs()).append(")))\n");
        }
        if (o.schedule() == ScheduleKind.PLATEAU) {
            b.append(PLATEAU_CALLBACK);
            b.append("callbacks.append(ReduceOnPlateau(\"val_loss\" if ").append(hasValidation).append(" else \"loss\", factor=")
                    .append(PythonLiteral.num(o.decay())).append(", patience=").append(o.plateauPatience()).append(", warmup=")
                    .append(o.warmupOrZero()).append("))\n");
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

    /**
     * LayerLab's reduce-on-plateau: Keras's ReduceLROnPlateau with min_delta 0 and no cool-down, except that the
     * warm-up epochs are not judged and the rate drops from the base rate (rate * factor ** drops).
     */
    private static final String PLATEAU_CALLBACK = """
            class ReduceOnPlateau(keras.callbacks.Callback):
                \"\"\"Multiplies the rate by factor when the watched loss has not improved for patience epochs (after the warm-up).\"\"\"

                def __init__(self, monitor, factor, patience, warmup):
                    super().__init__()
                    self.monitor, self.factor, self.patience, self.warmup = monitor, factor, patience, warmup
                    self.best, self.wait, self.drops = None, 0, 0

                def on_epoch_end(self, epoch, logs=None):
                    loss = (logs or {}).get(self.monitor)
                    if epoch < self.warmup or loss is None:
                        return
                    if self.best is None or loss < self.best:
                        self.best, self.wait = loss, 0
                        return
                    self.wait += 1
                    if self.wait >= self.patience:
                        self.wait, self.drops = 0, self.drops + 1
                        self.model.optimizer.learning_rate = LEARNING_RATE * self.factor ** self.drops
                        print("The loss stalled for %d epochs: learning rate lowered to %.4g"
                              % (self.patience, LEARNING_RATE * self.factor ** self.drops))


            """;

    /** The rate of each epoch as LayerLab lays it out (its LearningRates: warm-up, then the schedule over the run). */
    private static String rateFunctions(OptimizerSpec o) {
        String schedule = switch (o.schedule()) {
            case CONSTANT, PLATEAU -> "    return LEARNING_RATE\n";
            case EXPONENTIAL -> "    return LEARNING_RATE * " + PythonLiteral.num(o.decay()) + " ** t\n";
            case STEP -> "    return LEARNING_RATE * " + PythonLiteral.num(o.decay()) + " ** (t // " + o.stepEpochs() + ")\n";
            case COSINE -> "    # half a cosine from the rate down to zero over the schedule's epochs\n"
                    + "    return LEARNING_RATE * 0.5 * (1 + math.cos(math.pi * min(t, length) / length))\n";
            case ONE_CYCLE -> "    # one-cycle (PyTorch's OneCycleLR defaults): up from rate/25 over 30 % of the epochs, then down to rate/250000\n"
                    + "    rise = max(1, int(math.floor(0.3 * length + 0.5)))\n"
                    + "    start = LEARNING_RATE / 25\n"
                    + "    if t < rise:\n"
                    + "        return start + (LEARNING_RATE - start) * (1 - math.cos(math.pi * t / rise)) / 2\n"
                    + "    end = LEARNING_RATE / 250000\n"
                    + "    fall = max(1, length - 1 - rise)\n"
                    + "    return end + (LEARNING_RATE - end) * (1 + math.cos(math.pi * min(1.0, (t - rise) / fall))) / 2\n";
        };
        return "WARMUP_EPOCHS = " + o.warmupOrZero() + "\n\n\n"
                + "def scheduled(length, t):\n"
                + "    \"\"\"The schedule's rate t epochs after it started, in a schedule of length epochs.\"\"\"\n"
                + schedule + "\n\n"
                + "def learning_rate(epoch):\n"
                + "    \"\"\"Epoch epoch's rate (0-based): a linear warm-up from rate/(WARMUP_EPOCHS+1), then the schedule.\"\"\"\n"
                + "    length = max(1, EPOCHS - WARMUP_EPOCHS)\n"
                + "    if epoch < WARMUP_EPOCHS:\n"
                + "        return scheduled(length, 0) * (epoch + 1) / (WARMUP_EPOCHS + 1)\n"
                + "    return scheduled(length, epoch - WARMUP_EPOCHS)\n\n\n";
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
