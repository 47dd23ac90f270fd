package dev.layerlab.export.codegen;

import dev.layerlab.experiment.Experiment;
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
 * columns, an embedded column's index through its own input and embedding, the layers and merges wired as in the spec, one Dense head per output), compiled with a loss and a
 * loss weight per output, and trained on lists of input blocks and label blocks prepared as LayerLab prepares
 * them: the inputs from the same fitted preprocessing, each output's target encoded for its own task.
 */
final class KerasGraphGenerator {
    /** Names the generated build_model uses for itself: node variables must not hide them. */
    private static final Set<String> RESERVED = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield", "keras", "layers", "np", "pd", "sys", "widths", "encodings", "model", "losses",
            "units", "in_units", "auto_activation", "auto_loss", "metrics_for", "TARGET", "inputs", "joined", "layout", "model_inputs",
            // builtins a node name could hide
            "abs", "all", "any", "dict", "float", "id", "input", "int", "len", "list", "map", "max", "min", "object",
            "print", "range", "round", "set", "str", "sum", "type", "zip");

    private KerasGraphGenerator() {
    }

    static String generate(Experiment experiment) {
        GraphExport graph = GraphExport.of(experiment, "Keras");
        TrainingSpec training = experiment.training();
        return KerasCode.script("graph", experiment,
                KerasCode.settings(experiment) + graphSettings(graph, experiment.data().target()), model(graph, experiment),
                KerasCode.training(training, graph.kerasMonitor(training.earlyStopping().monitor()), "len(x_val[0])"));
    }

    private static String graphSettings(GraphExport graph, String mainTarget) {
        StringBuilder b = new StringBuilder();
        b.append("# Each input takes the encoded features of these columns, in the data's column order ([] = every feature).\n");
        b.append("INPUTS = {\n");
        for (int i = 0; i < graph.inputs.size(); i++) {
            InputNode input = graph.inputs.get(i);
            b.append("    ").append(PythonLiteral.str(input.name())).append(": [")
                    .append(String.join(", ", input.columns().stream().map(PythonLiteral::str).toList()))
                    .append(i < graph.inputs.size() - 1 ? "],\n" : "]\n");
        }
        b.append("}\n");
        b.append("# Each output: the column it predicts (None = TARGET) and the weight of its loss in the total.\n");
        b.append("OUTPUTS = {\n");
        for (int o = 0; o < graph.outputs.size(); o++) {
            OutputNode output = graph.outputs.get(o);
            b.append("    ").append(PythonLiteral.str(output.name())).append(": {\"target\": ")
                    .append(PythonLiteral.str(GraphExport.targetOf(output, mainTarget))).append(", \"loss_weight\": ")
                    .append(PythonLiteral.num(output.lossWeight())).append(o < graph.outputs.size() - 1 ? "},\n" : "}\n");
        }
        b.append("}\n");
        return b.toString();
    }

    private static String model(GraphExport graph, Experiment experiment) {
        String mainTarget = experiment.data().target();
        Map<String, String> vars = variables(graph.graph.nodes());
        StringBuilder b = new StringBuilder();
        b.append("    inputs, joined = model_inputs(layout)  # an input's features, with each embedded column's vector\n");
        // Inputs and layers in an order where each follows the nodes feeding it, then the heads in the spec's order.
        List<NetworkGraph.Node> nodes = new java.util.ArrayList<>(graph.graph.nodes().stream()
                .filter(n -> n.kind() != NetworkGraph.Kind.OUTPUT).toList());
        for (OutputNode output : graph.outputs) {
            graph.graph.outputs().stream().filter(n -> n.name().equals(output.name())).forEach(nodes::add);
        }
        for (NetworkGraph.Node node : nodes) {
            String v = vars.get(node.name());
            String name = PythonLiteral.str(node.name());
            String from = node.from().isEmpty() ? "" : vars.get(node.from().get(0));
            switch (node.kind()) {
                case INPUT -> b.append("    ").append(v).append(" = joined[").append(name).append("]\n");
                case OUTPUT -> {
                    OutputNode output = node.output();
                    OutputSpec out = output.settings();
                    String target = GraphExport.targetOf(output, mainTarget);
                    String encoding = "encodings[" + (target == null ? "TARGET" : PythonLiteral.str(target)) + "]";
                    b.append("    # ").append(node.name()).append(" predicts ").append(target == null ? mainTarget + " (TARGET)" : target)
                            .append(", loss weight ").append(PythonLiteral.num(output.lossWeight())).append('\n');
                    b.append("    ").append(v).append(" = layers.Dense(units(").append(encoding).append("), activation=")
                            .append(out.activation() == null ? "auto_activation(" + encoding + ")"
                                    : PythonLiteral.str(KerasCode.activation(out.activation())))
                            .append(", kernel_initializer=").append(PythonLiteral.str(KerasCode.initializer(out.resolvedWeightInit())))
                            .append(KerasCode.regularizer(out.l1(), out.l2()))
                            .append(", name=").append(name).append(")(").append(from).append(")\n");
                }
                case LAYER -> layer(b, node.layer(), v, name, from, node.from().stream().map(vars::get).toList());
            }
        }
        b.append("    model = keras.Model(inputs=inputs, outputs=[")
                .append(String.join(", ", graph.outputs.stream().map(o -> vars.get(o.name())).toList()))
                .append("], name=").append(PythonLiteral.str(PythonLiteral.identifier(experiment.name()))).append(")\n");
        b.append("    losses = {");
        for (int o = 0; o < graph.outputs.size(); o++) {
            OutputNode output = graph.outputs.get(o);
            String target = GraphExport.targetOf(output, mainTarget);
            b.append(o == 0 ? "" : ", ").append(PythonLiteral.str(output.name())).append(": ")
                    .append(output.settings().loss() == null
                            ? "auto_loss(encodings[" + (target == null ? "TARGET" : PythonLiteral.str(target)) + "])"
                            : KerasCode.loss(output.settings().loss()));
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
                    .append(", activation=").append(PythonLiteral.str(prelu ? "linear" : KerasCode.activation(d.activation())))
                    .append(", kernel_initializer=").append(PythonLiteral.str(KerasCode.initializer(d.weightInit())))
                    .append(", bias_initializer=keras.initializers.Constant(").append(PythonLiteral.num(d.biasInit())).append(')')
                    .append(KerasCode.regularizer(d.l1(), d.l2()))
                    .append(", name=").append(name).append(")(").append(from).append(")\n");
            if (prelu) {
                b.append("    ").append(v).append(" = layers.PReLU(name=").append(PythonLiteral.str(d.name() + "_prelu"))
                        .append(")(").append(v).append(")\n");
            }
        } else if (layer instanceof DropoutLayer d) {
            b.append(d.isAlpha() ? "layers.AlphaDropout(" : "layers.Dropout(").append(PythonLiteral.num(d.rate())).append(", name=").append(name).append(")(").append(from).append(")\n");
        } else if (layer instanceof BatchNormLayer) {
            b.append("layers.BatchNormalization(name=").append(name).append(")(").append(from).append(")\n");
        } else if (layer instanceof ActivationLayer a) {
            if (a.activation() == Activation.PRELU) {
                b.append("layers.PReLU(name=").append(name).append(")(").append(from).append(")\n");
            } else {
                b.append("layers.Activation(").append(PythonLiteral.str(KerasCode.activation(a.activation())))
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
            String base = PythonLiteral.identifier(node.name());
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
}
