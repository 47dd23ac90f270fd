package dev.layerlab.export.codegen;

import dev.layerlab.experiment.Experiment;
import dev.layerlab.export.codegen.KerasGenerator.Py;
import dev.layerlab.model.Activation;
import dev.layerlab.model.ActivationLayer;
import dev.layerlab.model.BatchNormLayer;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.InputNode;
import dev.layerlab.model.LayerSpec;
import dev.layerlab.model.MergeLayer;
import dev.layerlab.model.NetworkGraph;
import dev.layerlab.model.OutputNode;
import dev.layerlab.model.OutputSpec;
import dev.layerlab.training.TrainingSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Keras script for a graph network: the functional API (one {@code keras.Input} per input node with its
 * columns, the layers and merges wired as in the spec, one Dense head per output), compiled with a loss and a
 * loss weight per output, and trained on lists of input blocks and label blocks prepared as LayerLab prepares
 * them: the inputs from the same fitted preprocessing, each output's target encoded for its own task.
 */
final class KerasGraphGenerator {
    /** Names the generated build_model uses for itself: node variables must not hide them. */
    private static final Set<String> RESERVED = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield", "keras", "layers", "np", "pd", "sys", "widths", "encodings", "model", "losses",
            "units", "auto_activation", "auto_loss", "metrics_for", "TARGET",
            // builtins a node name could hide
            "abs", "all", "any", "dict", "float", "id", "input", "int", "len", "list", "map", "max", "min", "object",
            "print", "range", "round", "set", "str", "sum", "type", "zip");

    private KerasGraphGenerator() {
    }

    static String generate(Experiment experiment) {
        GraphExport graph = GraphExport.of(experiment, "Keras");
        TrainingSpec training = experiment.training();
        return (KerasGenerator.HEAD + GRAPH)
                .replace("%%NAME%%", experiment.name())
                .replace("%%SETTINGS%%", KerasGenerator.settings(experiment) + graphSettings(graph, experiment.data().target()))
                .replace("%%MODEL%%", model(graph, experiment))
                .replace("%%TRAINING%%", KerasGenerator.training(training,
                        graph.kerasMonitor(training.earlyStopping().monitor()), "len(x_val[0])"));
    }

    private static String graphSettings(GraphExport graph, String mainTarget) {
        StringBuilder b = new StringBuilder();
        b.append("# Each input takes the encoded features of these columns, in the data's column order ([] = every feature).\n");
        b.append("INPUTS = {\n");
        for (int i = 0; i < graph.inputs.size(); i++) {
            InputNode input = graph.inputs.get(i);
            b.append("    ").append(Py.str(input.name())).append(": [")
                    .append(String.join(", ", input.columns().stream().map(Py::str).toList()))
                    .append(i < graph.inputs.size() - 1 ? "],\n" : "]\n");
        }
        b.append("}\n");
        b.append("# Each output: the column it predicts (None = TARGET) and the weight of its loss in the total.\n");
        b.append("OUTPUTS = {\n");
        for (int o = 0; o < graph.outputs.size(); o++) {
            OutputNode output = graph.outputs.get(o);
            b.append("    ").append(Py.str(output.name())).append(": {\"target\": ")
                    .append(Py.str(GraphExport.targetOf(output, mainTarget))).append(", \"loss_weight\": ")
                    .append(Py.num(output.lossWeight())).append(o < graph.outputs.size() - 1 ? "},\n" : "}\n");
        }
        b.append("}\n");
        return b.toString();
    }

    private static String model(GraphExport graph, Experiment experiment) {
        String mainTarget = experiment.data().target();
        Map<String, String> vars = variables(graph.graph.nodes());
        StringBuilder b = new StringBuilder();
        // Inputs and layers in an order where each follows the nodes feeding it, then the heads in the spec's order.
        List<NetworkGraph.Node> nodes = new java.util.ArrayList<>(graph.graph.nodes().stream()
                .filter(n -> n.kind() != NetworkGraph.Kind.OUTPUT).toList());
        for (OutputNode output : graph.outputs) {
            graph.graph.outputs().stream().filter(n -> n.name().equals(output.name())).forEach(nodes::add);
        }
        for (NetworkGraph.Node node : nodes) {
            String v = vars.get(node.name());
            String name = Py.str(node.name());
            String from = node.from().isEmpty() ? "" : vars.get(node.from().get(0));
            switch (node.kind()) {
                case INPUT -> b.append("    ").append(v).append(" = keras.Input(shape=(widths[")
                        .append(graph.inputIndex(node.name())).append("],), name=").append(name).append(")\n");
                case OUTPUT -> {
                    OutputNode output = node.output();
                    OutputSpec out = output.settings();
                    String target = GraphExport.targetOf(output, mainTarget);
                    String encoding = "encodings[" + (target == null ? "TARGET" : Py.str(target)) + "]";
                    b.append("    # ").append(node.name()).append(" predicts ").append(target == null ? mainTarget + " (TARGET)" : target)
                            .append(", loss weight ").append(Py.num(output.lossWeight())).append('\n');
                    b.append("    ").append(v).append(" = layers.Dense(units(").append(encoding).append("), activation=")
                            .append(out.activation() == null ? "auto_activation(" + encoding + ")"
                                    : Py.str(KerasGenerator.activation(out.activation())))
                            .append(", kernel_initializer=").append(Py.str(KerasGenerator.initializer(out.resolvedWeightInit())))
                            .append(KerasGenerator.regularizer(out.l1(), out.l2()))
                            .append(", name=").append(name).append(")(").append(from).append(")\n");
                }
                case LAYER -> layer(b, node.layer(), v, name, from, node.from().stream().map(vars::get).toList());
            }
        }
        b.append("    model = keras.Model(inputs=[")
                .append(String.join(", ", graph.inputs.stream().map(i -> vars.get(i.name())).toList()))
                .append("], outputs=[")
                .append(String.join(", ", graph.outputs.stream().map(o -> vars.get(o.name())).toList()))
                .append("], name=").append(Py.str(Py.identifier(experiment.name()))).append(")\n");
        b.append("    losses = {");
        for (int o = 0; o < graph.outputs.size(); o++) {
            OutputNode output = graph.outputs.get(o);
            String target = GraphExport.targetOf(output, mainTarget);
            b.append(o == 0 ? "" : ", ").append(Py.str(output.name())).append(": ")
                    .append(output.settings().loss() == null
                            ? "auto_loss(encodings[" + (target == null ? "TARGET" : Py.str(target)) + "])"
                            : KerasGenerator.loss(output.settings().loss()));
        }
        b.append("}\n");
        b.append("    return model, losses\n");
        return b.toString();
    }

    private static void layer(StringBuilder b, LayerSpec layer, String v, String name, String from, List<String> sources) {
        b.append("    ").append(v).append(" = ");
        if (layer instanceof DenseLayer d) {
            boolean prelu = d.activation() == Activation.PRELU;
            b.append("layers.Dense(").append(d.units())
                    .append(", activation=").append(Py.str(prelu ? "linear" : KerasGenerator.activation(d.activation())))
                    .append(", kernel_initializer=").append(Py.str(KerasGenerator.initializer(d.weightInit())))
                    .append(", bias_initializer=keras.initializers.Constant(").append(Py.num(d.biasInit())).append(')')
                    .append(KerasGenerator.regularizer(d.l1(), d.l2()))
                    .append(", name=").append(name).append(")(").append(from).append(")\n");
            if (prelu) {
                b.append("    ").append(v).append(" = layers.PReLU(name=").append(Py.str(d.name() + "_prelu"))
                        .append(")(").append(v).append(")\n");
            }
        } else if (layer instanceof DropoutLayer d) {
            b.append("layers.Dropout(").append(Py.num(d.rate())).append(", name=").append(name).append(")(").append(from).append(")\n");
        } else if (layer instanceof BatchNormLayer) {
            b.append("layers.BatchNormalization(name=").append(name).append(")(").append(from).append(")\n");
        } else if (layer instanceof ActivationLayer a) {
            if (a.activation() == Activation.PRELU) {
                b.append("layers.PReLU(name=").append(name).append(")(").append(from).append(")\n");
            } else {
                b.append("layers.Activation(").append(Py.str(KerasGenerator.activation(a.activation())))
                        .append(", name=").append(name).append(")(").append(from).append(")\n");
            }
        } else if (layer instanceof MergeLayer m) {
            String kind = switch (m.mode()) {
                case CONCATENATE -> "Concatenate";
                case ADD -> "Add";
                case AVERAGE -> "Average";
            };
            b.append("layers.").append(kind).append("(name=").append(name).append(")([")
                    .append(String.join(", ", sources)).append("])\n");
        } else {
            throw new dev.layerlab.InvalidInputException("cannot export Keras code for layer '" + layer.name()
                    + "' (" + layer.displayType() + "): code export does not know this kind of layer");
        }
    }

    /** A Python variable per node: its name made an identifier, kept apart from Python's words and each other. */
    private static Map<String, String> variables(List<NetworkGraph.Node> nodes) {
        Map<String, String> vars = new HashMap<>();
        Set<String> used = new HashSet<>(RESERVED);
        for (NetworkGraph.Node node : nodes) {
            String base = Py.identifier(node.name());
            base = RESERVED.contains(base) ? base + "_" : base;
            String v = base;
            for (int n = 2; used.contains(v); n++) {
                v = base + "_" + n;
            }
            used.add(v);
            vars.put(node.name(), v);
        }
        return vars;
    }

    private static final String GRAPH = """
            def encoding_of(series, choice):
                \"""A target's task and classes, inferred as LayerLab does: text or two values is classification.\"""
                classes = sorted_classes(series)
                if choice == "auto":
                    classification = not is_numeric(series) or len(classes) == 2
                else:
                    classification = choice == "classification"
                return ("regression" if not classification else "binary" if len(classes) <= 2 else "multiclass"), classes


            def prepare(path):
                \"""Input blocks (one per input) and label blocks (one per output) for the train, validation and test rows.\"""
                frame = load(path)
                targets = [TARGET] + [t for t in dict.fromkeys(o["target"] for o in OUTPUTS.values()) if t not in (None, TARGET)]
                unknown = [t for t in targets if t not in frame.columns]
                if unknown:
                    sys.exit("no column %s in %s; columns: %s" % (", ".join(unknown), path, ", ".join(frame.columns)))
                tasks = {t: encoding_of(frame[t], TASK if t == TARGET else "auto") for t in targets}
                # A row needs a value in every target; a column an output predicts is never an input.
                frame = frame[frame[targets].notna().all(axis=1)].reset_index(drop=True)
                inputs = [c for c in frame.columns if c not in targets and setting(c, "role", "feature") != "ignore"
                          and frame[c].notna().any()]
                drop = [c for c in inputs if setting(c, "impute", None) == "drop_row"]
                if drop:
                    frame = frame.dropna(subset=drop).reset_index(drop=True)
                labels = {}
                for t, (task, classes) in tasks.items():
                    if task != "regression":
                        values = frame[t]
                        labels[t] = values.map(lambda v: classes.index(v if is_numeric(values) else str(v))).to_numpy()
                train, val, test = split_rows(frame, labels.get(TARGET))
                prep = Preprocessing(frame.iloc[train], inputs)
                x = [prep.transform(frame, columns) for columns in INPUTS.values()]
                encodings, y = {}, {}
                for t, (task, classes) in tasks.items():
                    center, scale = 0.0, 1.0
                    if task == "regression":
                        values = frame[t].to_numpy(dtype=float)
                        if SCALE_TARGET:
                            center, scale = values[train].mean(), values[train].std() or 1.0
                        y[t] = ((values - center) / scale)[:, None]
                    elif task == "binary":
                        y[t] = labels[t].astype("float32")[:, None]
                    else:
                        y[t] = np.eye(len(classes), dtype="float32")[labels[t]]
                    encodings[t] = {"task": task, "classes": classes, "center": center, "scale": scale}
                heads = [y[o["target"] or TARGET].astype("float32") for o in OUTPUTS.values()]
                return encodings, [([block[p] for block in x], [head[p] for head in heads]) for p in (train, val, test)]


            def units(encoding):
                \"""An output's width: one unit per class for a multi-class target, else one.\"""
                return len(encoding["classes"]) if encoding["task"] == "multiclass" else 1


            def auto_activation(encoding):
                return {"regression": "linear", "binary": "sigmoid", "multiclass": "softmax"}[encoding["task"]]


            def auto_loss(encoding):
                return {"regression": "mse", "binary": "binary_crossentropy", "multiclass": "categorical_crossentropy"}[encoding["task"]]


            def metrics_for(encoding):
                if encoding["task"] == "regression":
                    return [keras.metrics.RootMeanSquaredError(name="rmse"), keras.metrics.MeanAbsoluteError(name="mae")]
                return ["accuracy"] + ([keras.metrics.AUC(name="auc")] if encoding["task"] == "binary" else [])


            def build_model(widths, encodings):
            %%MODEL%%

            path = sys.argv[1] if len(sys.argv) > 1 else DATA
            keras.utils.set_random_seed(SEED)
            encodings, ((x_train, y_train), (x_val, y_val), (x_test, y_test)) = prepare(path)
            model, losses = build_model([block.shape[1] for block in x_train], encodings)
            target_of = {name: encodings[o["target"] or TARGET] for name, o in OUTPUTS.items()}
            %%TRAINING%%
            model.compile(optimizer=optimizer, loss=losses,
                          loss_weights={name: o["loss_weight"] for name, o in OUTPUTS.items()},
                          metrics={name: metrics_for(e) for name, e in target_of.items()})
            model.summary()
            model.fit(x_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS, shuffle=True, callbacks=callbacks,
                      validation_data=(x_val, y_val) if len(x_val[0]) else None, verbose=2)

            for split, x, y in (("validation", x_val, y_val), ("test", x_test, y_test)):
                if len(x[0]) == 0:
                    continue
                predicted = model.predict(x, verbose=0)
                if not isinstance(predicted, (list, tuple)):
                    predicted = [predicted]
                for (name, e), p, truth in zip(target_of.items(), predicted, y):
                    if e["task"] == "regression":
                        error = (p[:, 0] - truth[:, 0]) * e["scale"]  # in the target's units
                        print("%s: %s rmse %.4f, mae %.4f" % (split, name, np.sqrt(np.mean(error ** 2)), np.mean(np.abs(error))))
                    else:
                        guess = (p[:, 0] > 0.5).astype(int) if e["task"] == "binary" else p.argmax(axis=1)
                        truth = truth[:, 0].astype(int) if e["task"] == "binary" else truth.argmax(axis=1)
                        print("%s: %s accuracy %.4f" % (split, name, np.mean(guess == truth)))
            model.save("model.keras")
            print("Saved model.keras")
            for name, e in target_of.items():
                if e["task"] == "regression":
                    print("%s: predictions * %s + %s give the target's units" % (name, e["scale"], e["center"]))
                else:
                    print("%s: classes %s" % (name, e["classes"]))
            """;
}
