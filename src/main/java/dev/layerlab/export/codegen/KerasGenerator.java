package dev.layerlab.export.codegen;

import dev.layerlab.data.ColumnSpec;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A runnable Python script (pandas, numpy, TensorFlow/Keras) that prepares the same CSV the same way and builds
 * and trains the same network with the same settings. Deterministic text: the same experiment gives the same
 * script byte for byte.
 */
public final class KerasGenerator {
    private KerasGenerator() {
    }

    /**
     * The script for an experiment: a {@code keras.Sequential} chain for a sequential network, the functional API
     * for a graph network (see {@link KerasGraphGenerator}).
     *
     * @throws dev.layerlab.InvalidInputException for a graph whose wiring is broken (named in the message)
     */
    public static String generate(Experiment experiment) {
        Exportable.require(experiment);
        if (experiment.network() != null && experiment.network().isGraph()) {
            return KerasGraphGenerator.generate(experiment);
        }
        TrainingSpec training = experiment.training();
        return (HEAD + SEQUENTIAL)
                .replace("%%NAME%%", experiment.name())
                .replace("%%SETTINGS%%", settings(experiment))
                .replace("%%MODEL%%", model(experiment))
                .replace("%%TRAINING%%", training(training, kerasMonitor(training.earlyStopping().monitor()), "len(x_val)"));
    }

    /** The data and training settings as Python constants, shared by both kinds of script. */
    static String settings(Experiment experiment) {
        DataSpec data = experiment.data();
        TrainingSpec training = experiment.training();
        SplitSpec split = data.split() == null ? SplitSpec.defaults() : data.split();
        StringBuilder settings = new StringBuilder();
        settings.append("DATA = ").append(Py.str(data.path())).append('\n');
        settings.append("DELIMITER = ").append(data.delimiter() == null ? "None  # detected" : Py.str(data.delimiter().toString())).append('\n');
        settings.append("HEADER = ").append(data.header() == null || data.header() ? "True" : "False").append('\n');
        settings.append("TARGET = ").append(Py.str(data.target())).append('\n');
        settings.append("TASK = ").append(Py.str(taskOf(data.task()))).append("  # auto, regression or classification\n");
        settings.append("SCALE_TARGET = ").append(data.scaleTarget() == null || data.scaleTarget() ? "True" : "False").append('\n');
        settings.append("COLUMNS = {");
        Map<String, ColumnSpec> columns = new TreeMap<>(data.columns() == null ? Map.of() : data.columns());
        boolean first = true;
        for (Map.Entry<String, ColumnSpec> e : columns.entrySet()) {
            ColumnSpec c = e.getValue();
            settings.append(first ? "\n" : ",\n");
            first = false;
            settings.append("    ").append(Py.str(e.getKey())).append(": {")
                    .append("\"role\": ").append(Py.str(c.role() == null ? null : c.role().name().toLowerCase()))
                    .append(", \"impute\": ").append(Py.str(c.impute() == null ? null : c.impute().name().toLowerCase()))
                    .append(", \"constant\": ").append(Py.str(c.constant()))
                    .append(", \"scaling\": ").append(Py.str(c.scaling() == null ? null : c.scaling().name().toLowerCase()))
                    .append(", \"type\": ").append(Py.str(c.type() == null ? null : c.type().name().toLowerCase()))
                    .append('}');
        }
        settings.append(first ? "}\n" : "\n}\n");
        settings.append("SPLIT = {\"train\": ").append(Py.num(split.train())).append(", \"validation\": ")
                .append(Py.num(split.validation())).append(", \"test\": ").append(Py.num(split.test()))
                .append(", \"seed\": ").append(split.seed()).append(", \"stratify\": ").append(split.stratify() ? "True" : "False").append("}\n");
        settings.append("SEED = ").append(training.seed()).append('\n');
        settings.append("BATCH_SIZE = ").append(training.batchSize()).append('\n');
        settings.append("EPOCHS = ").append(training.epochs()).append('\n');
        return settings.toString();
    }

    static String taskOf(TaskChoice choice) {
        return choice == null ? "auto" : choice.name().toLowerCase();
    }

    private static String model(Experiment experiment) {
        StringBuilder b = new StringBuilder();
        b.append("    model = keras.Sequential(name=").append(Py.str(Py.identifier(experiment.name()))).append(")\n");
        b.append("    model.add(keras.Input(shape=(n_inputs,)))\n");
        for (LayerSpec layer : experiment.network().layers()) {
            String name = Py.str(layer.name());
            if (layer instanceof DenseLayer d) {
                boolean prelu = d.activation() == Activation.PRELU;
                b.append("    model.add(layers.Dense(").append(d.units())
                        .append(", activation=").append(Py.str(prelu ? "linear" : activation(d.activation())))
                        .append(", kernel_initializer=").append(Py.str(initializer(d.weightInit())))
                        .append(", bias_initializer=keras.initializers.Constant(").append(Py.num(d.biasInit())).append(')')
                        .append(regularizer(d.l1(), d.l2()))
                        .append(", name=").append(name).append("))\n");
                if (prelu) {
                    b.append("    model.add(layers.PReLU(name=").append(Py.str(d.name() + "_prelu")).append("))\n");
                }
            } else if (layer instanceof DropoutLayer d) {
                b.append("    model.add(layers.Dropout(").append(Py.num(d.rate())).append(", name=").append(name).append("))\n");
            } else if (layer instanceof BatchNormLayer) {
                b.append("    model.add(layers.BatchNormalization(name=").append(name).append("))\n");
            } else if (layer instanceof ActivationLayer a) {
                if (a.activation() == Activation.PRELU) {
                    b.append("    model.add(layers.PReLU(name=").append(name).append("))\n");
                } else {
                    b.append("    model.add(layers.Activation(").append(Py.str(activation(a.activation())))
                            .append(", name=").append(name).append("))\n");
                }
            }
        }
        OutputSpec out = experiment.network().output();
        b.append("    output_activation = ").append(out.activation() == null
                ? "{\"regression\": \"linear\", \"binary\": \"sigmoid\", \"multiclass\": \"softmax\"}[task]"
                : Py.str(activation(out.activation()))).append('\n');
        b.append("    model.add(layers.Dense(n_outputs, activation=output_activation, kernel_initializer=")
                .append(Py.str(initializer(out.resolvedWeightInit()))).append(regularizer(out.l1(), out.l2()))
                .append(", name=\"output\"))\n");
        b.append("    loss = ").append(out.loss() == null
                ? "{\"regression\": \"mse\", \"binary\": \"binary_crossentropy\", \"multiclass\": \"categorical_crossentropy\"}[task]"
                : loss(out.loss())).append('\n');
        b.append("    return model, loss\n");
        return b.toString();
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
        String rate = Py.num(o.learningRate());
        b.append("LEARNING_RATE = ").append(rate).append('\n');
        String optimizer = switch (o.kind()) {
            case SGD -> o.momentum() > 0
                    ? "keras.optimizers.SGD(learning_rate=LEARNING_RATE, momentum=" + Py.num(o.momentum()) + ", nesterov=True)  # DL4J's momentum is Nesterov's"
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
                    .append(Py.num(o.decay())).append(" ** epoch))\n");
            case STEP -> b.append("callbacks.append(keras.callbacks.LearningRateScheduler(lambda epoch: LEARNING_RATE * ")
                    .append(Py.num(o.decay())).append(" ** (epoch // ").append(o.stepEpochs()).append(")))\n");
            // refused before generation (Exportable)
            case COSINE, ONE_CYCLE, PLATEAU -> throw new IllegalStateException("schedule " + o.schedule().id() + " is not exported");
        }
        EarlyStoppingSpec es = t.earlyStopping();
        if (es.enabled()) {
            b.append("monitor = ").append(Py.str(monitor)).append(" if ").append(hasValidation).append(" else \"loss\"")
                    .append(monitor.equals(es.monitor()) ? "" : "  # LayerLab monitors " + es.monitor())
                    .append('\n');
            // The direction follows what is watched: a metric Keras lacks falls back to the loss, which goes down.
            boolean higherIsBetter = monitor.endsWith("accuracy") || monitor.endsWith("auc");
            b.append("callbacks.append(keras.callbacks.EarlyStopping(monitor=monitor, patience=").append(es.patience())
                    .append(", min_delta=").append(Py.num(es.minDelta())).append(", restore_best_weights=")
                    .append(es.restoreBest() ? "True" : "False").append(", mode=")
                    .append(Py.str(higherIsBetter ? "max" : "min")).append("))\n");
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
            default -> Py.str(loss.jsonName());
        };
    }

    static String regularizer(double l1, double l2) {
        if (l1 == 0 && l2 == 0) {
            return "";
        }
        return ", kernel_regularizer=keras.regularizers.L1L2(l1=" + Py.num(l1) + ", l2=" + Py.num(l2) + ")";
    }

    /** Python literals. */
    static final class Py {
        private Py() {
        }

        static String str(String s) {
            if (s == null) {
                return "None";
            }
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    case '\r' -> b.append("\\r");
                    default -> b.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
                }
            }
            return b.append('"').toString();
        }

        static String num(double v) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v) + ".0";
            }
            return Double.toString(v).replace("E", "e");
        }

        static String identifier(String name) {
            String id = name.replaceAll("[^A-Za-z0-9_]", "_");
            return id.isEmpty() || Character.isDigit(id.charAt(0)) ? "model_" + id : id;
        }
    }

    /** Shared by the sequential and the graph scripts: settings, loading, split and preprocessing. */
    static final String HEAD = """
            #!/usr/bin/env python3
            # Generated by LayerLab from the experiment "%%NAME%%".
            # Builds and trains the same network with the same settings on the same CSV, with the same
            # preprocessing (imputation, one-hot encoding, scaling, target scaling), all fitted on the training rows.
            # Needs: python3 -m pip install pandas numpy tensorflow
            # Run:   python3 this_script.py [data.csv]
            # Note: the rows are shuffled into train/validation/test with numpy, so the split (and therefore the
            # numbers) differ a little from LayerLab's, which uses Java's random generator.
            import sys

            import numpy as np
            import pandas as pd
            import keras
            from keras import layers

            # ---- settings (from the experiment) -------------------------------------------------------------------
            %%SETTINGS%%
            MISSING = ["", "NA", "na", "Na", "nA", "N/A", "n/a", "NaN", "nan", "NAN", "null", "NULL", "Null", "?"]


            def load(path):
                # Columns whose type is "categorical" keep their values as text (numbers used as codes or classes).
                text = [c for c, s in COLUMNS.items() if s.get("type") == "categorical"]
                dtype = {(c if HEADER else int(c.rsplit("_", 1)[1]) - 1): str for c in text}
                frame = pd.read_csv(path, sep=DELIMITER, engine="python", header=0 if HEADER else None,
                                    na_values=MISSING, keep_default_na=False, skipinitialspace=True, dtype=dtype or None)
                if not HEADER:
                    frame.columns = ["column_%d" % (i + 1) for i in range(frame.shape[1])]
                return frame


            def setting(column, key, default):
                value = COLUMNS.get(column, {}).get(key)
                return default if value is None else value


            def is_numeric(series):
                return pd.api.types.is_numeric_dtype(series)


            def sorted_classes(series):
                values = series.dropna().unique().tolist()
                if is_numeric(series):
                    return sorted(values)
                values = sorted(str(v) for v in values)
                try:
                    return sorted(values, key=float)  # numbers kept as text sort by value, as in LayerLab
                except ValueError:
                    return values


            def split_rows(frame, labels):
                rng = np.random.default_rng(SPLIT["seed"])
                groups = [np.arange(len(frame))]
                if labels is not None and SPLIT["stratify"]:
                    groups = [np.flatnonzero(labels == c) for c in np.unique(labels)]
                parts = ([], [], [])
                for group in groups:
                    group = rng.permutation(group)
                    n = len(group)
                    n_train = max(1, int(round(n * SPLIT["train"])))
                    n_val = n - n_train if SPLIT["test"] == 0 else min(n - n_train, int(round(n * SPLIT["validation"])))
                    parts[0].extend(group[:n_train])
                    parts[1].extend(group[n_train:n_train + n_val])
                    parts[2].extend(group[n_train + n_val:])
                return [rng.permutation(np.array(p, dtype=int)) for p in parts]


            class Preprocessing:
                \"""Imputation, scaling and one-hot encoding fitted on the training rows only.\"""

                def __init__(self, frame, inputs):
                    self.steps = []
                    for column in inputs:
                        values = frame[column]
                        impute = setting(column, "impute", "mean" if is_numeric(values) else "most_frequent")
                        present = values.dropna()
                        if is_numeric(values):
                            present = present.astype(float)
                            fill = {"mean": present.mean() if len(present) else 0.0,
                                    "drop_row": present.mean() if len(present) else 0.0,
                                    "median": present.median() if len(present) else 0.0,
                                    "most_frequent": present.mode().min() if len(present) else 0.0,
                                    "constant": float(setting(column, "constant", "nan"))}[impute]
                            scaling = setting(column, "scaling", "standardize")
                            center, scale = 0.0, 1.0
                            if len(present) and scaling == "standardize":
                                center, scale = present.mean(), present.std(ddof=0) or 1.0
                            elif len(present) and scaling == "minmax":
                                center, scale = present.min(), (present.max() - present.min()) or 1.0
                            self.steps.append((column, "numeric", fill, center, scale))
                        else:
                            present = present.astype(str)
                            categories = sorted(present.unique().tolist())
                            if impute == "most_frequent":
                                counts = present.value_counts()
                                fill = min(c for c in counts.index if counts[c] == counts.max()) if len(counts) else None
                            elif impute == "constant":
                                fill = setting(column, "constant", None)
                                categories = sorted(set(categories) | {fill})
                            else:
                                fill = None
                            self.steps.append((column, "categorical", fill, categories, None))

                def transform(self, frame, columns=None):
                    \"""The encoded features of these columns (None or [] = every input column), in the data's column order.\"""
                    blocks = []
                    for column, kind, fill, a, b in self.steps:
                        if columns and column not in columns:
                            continue
                        if kind == "numeric":
                            values = frame[column].astype(float).fillna(fill).to_numpy()
                            blocks.append(((values - a) / b)[:, None])
                        else:
                            values = frame[column].astype(object).where(frame[column].notna(), fill)
                            values = values.map(lambda v: None if v is None else str(v))
                            blocks.append(np.stack([(values == c).to_numpy() for c in a], axis=1).astype(float))
                    if not blocks:
                        raise ValueError("none of the columns %s is an input column" % columns)
                    return np.concatenate(blocks, axis=1).astype("float32")


            """;

    /** The sequential script's data preparation, model and training (after {@link #HEAD}). */
    private static final String SEQUENTIAL = """
            def prepare(path):
                frame = load(path)
                frame = frame[frame[TARGET].notna()].reset_index(drop=True)
                target = frame[TARGET]
                classes = sorted_classes(target)
                if TASK == "auto":
                    classification = not is_numeric(target) or len(classes) == 2
                else:
                    classification = TASK == "classification"
                task = "regression" if not classification else "binary" if len(classes) <= 2 else "multiclass"
                inputs = [c for c in frame.columns if c != TARGET and setting(c, "role", "feature") != "ignore"
                          and frame[c].notna().any()]
                drop = [c for c in inputs if setting(c, "impute", None) == "drop_row"]
                if drop:
                    frame = frame.dropna(subset=drop).reset_index(drop=True)
                    target = frame[TARGET]
                labels = target.map(lambda v: classes.index(v if is_numeric(target) else str(v))).to_numpy() if classification else None
                train, val, test = split_rows(frame, labels)
                prep = Preprocessing(frame.iloc[train], inputs)
                x = prep.transform(frame)
                if task == "regression":
                    y = target.to_numpy(dtype=float)
                    center, scale = (y[train].mean(), y[train].std() or 1.0) if SCALE_TARGET else (0.0, 1.0)
                    y = ((y - center) / scale)[:, None]
                elif task == "binary":
                    center, scale = 0.0, 1.0
                    y = labels.astype("float32")[:, None]
                else:
                    center, scale = 0.0, 1.0
                    y = np.eye(len(classes), dtype="float32")[labels]
                return task, classes, (center, scale), [(x[p], y[p].astype("float32")) for p in (train, val, test)]


            def build_model(n_inputs, n_outputs, task):
            %%MODEL%%

            path = sys.argv[1] if len(sys.argv) > 1 else DATA
            keras.utils.set_random_seed(SEED)
            task, classes, (center, scale), ((x_train, y_train), (x_val, y_val), (x_test, y_test)) = prepare(path)
            model, loss = build_model(x_train.shape[1], y_train.shape[1], task)
            if task == "regression":
                metrics = [keras.metrics.RootMeanSquaredError(name="rmse"), keras.metrics.MeanAbsoluteError(name="mae")]
            else:
                metrics = ["accuracy"] + ([keras.metrics.AUC(name="auc")] if task == "binary" else [])
            %%TRAINING%%
            model.compile(optimizer=optimizer, loss=loss, metrics=metrics)
            model.summary()
            model.fit(x_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS, shuffle=True, callbacks=callbacks,
                      validation_data=(x_val, y_val) if len(x_val) else None, verbose=2)

            for name, x, y in (("validation", x_val, y_val), ("test", x_test, y_test)):
                if len(x) == 0:
                    continue
                predicted = model.predict(x, verbose=0)
                if task == "regression":
                    error = (predicted[:, 0] - y[:, 0]) * scale  # in the target's units
                    print("%s: rmse %.4f, mae %.4f" % (name, np.sqrt(np.mean(error ** 2)), np.mean(np.abs(error))))
                else:
                    guess = (predicted[:, 0] > 0.5).astype(int) if task == "binary" else predicted.argmax(axis=1)
                    truth = y[:, 0].astype(int) if task == "binary" else y.argmax(axis=1)
                    print("%s: accuracy %.4f" % (name, np.mean(guess == truth)))
            model.save("model.keras")
            print("Saved model.keras; classes:", classes if task != "regression" else "n/a")
            """;
}
