package dev.layerlab.export.codegen;

import dev.layerlab.experiment.Experiment;
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
                + "    static final String MONITOR = " + JavaLiteral.str(known ? m.metric() : "loss") + ";\n"
                + "    static final int MONITOR_OUTPUT = " + (known ? m.output() : -1) + ";\n"
                + "    static final boolean MONITOR_TRAINING_ROWS = " + !m.validation() + ";\n";
        boolean huber = graph.outputs.stream().anyMatch(o -> o.settings().loss() == Loss.HUBER);
        String[] plateau = Dl4jCode.plateau(experiment.training().optimizer(),
                "net.score(new MultiDataSet(layout.inputs(x[1], all(validation.size())), layout.labels(y[1], all(validation.size()))), false)");
        String source = Dl4jCode.classTemplate("graph", experiment, className)
                .with("SETTINGS", Dl4jCode.settings(experiment, monitor) + graphSettings(graph, experiment))
                .with("NETWORK", network(graph, experiment))
                .with("PLATEAU_STATE", plateau[0])
                .with("PLATEAU", plateau[1])
                .with("HUBER_CASE", huber ? "            case \"huber\" -> new HuberLoss();\n" : "")
                .with("CLASS_WEIGHTING", Dl4jCode.classWeighted(experiment)
                        ? "        loss = OUTPUT_TARGETS[o] == null ? classWeighted(loss, classWeights) : loss; // TARGET's classes\n" : "")
                .render();
        return Dl4jCode.withNested(source, huber, Dl4jCode.classWeighted(experiment), experiment);
    }

    private static String graphSettings(GraphExport graph, Experiment experiment) {
        String mainTarget = experiment.data().target();
        StringBuilder b = new StringBuilder();
        b.append("    /** The graph's inputs, each taking the features of its columns in the data's column order ({} = every feature). */\n");
        b.append("    static final String[] INPUT_NAMES = {")
                .append(String.join(", ", graph.inputs.stream().map(i -> JavaLiteral.str(i.name())).toList())).append("};\n");
        b.append("    static final String[][] INPUT_COLUMNS = {\n");
        for (InputNode input : graph.inputs) {
            b.append("        {").append(String.join(", ", input.columns().stream().map(JavaLiteral::str).toList())).append("},\n");
        }
        b.append("    };\n");
        b.append("    /** The outputs (the first is the main one): the column each predicts (null = TARGET) and the weight of its loss. */\n");
        b.append("    static final String[] OUTPUT_NAMES = {")
                .append(String.join(", ", graph.outputs.stream().map(o -> JavaLiteral.str(o.name())).toList())).append("};\n");
        b.append("    static final String[] OUTPUT_TARGETS = {")
                .append(String.join(", ", graph.outputs.stream().map(o -> JavaLiteral.str(GraphExport.targetOf(o, mainTarget))).toList()))
                .append("};\n");
        b.append("    static final double[] LOSS_WEIGHTS = {")
                .append(String.join(", ", graph.outputs.stream().map(o -> Double.toString(o.lossWeight())).toList()))
                .append("};\n");
        b.append("    /** Each output's activation (a DL4J Activation) and loss; null = from its target's task. */\n");
        b.append("    static final String[] OUTPUT_ACTIVATIONS = {")
                .append(String.join(", ", graph.outputs.stream().map(o -> JavaLiteral.str(o.settings().activation() == null ? null
                        : Dl4jCode.activation(o.settings().activation()))).toList()))
                .append("};\n");
        b.append("    static final String[] OUTPUT_LOSSES = {")
                .append(String.join(", ", graph.outputs.stream().map(o -> JavaLiteral.str(o.settings().loss() == null ? null
                        : o.settings().loss().jsonName())).toList()))
                .append("};\n");
        return b.toString();
    }

    private static String network(GraphExport graph, Experiment experiment) {
        String[] rateAndUpdater = Dl4jCode.rateAndUpdater(experiment.training().optimizer());
        StringBuilder b = new StringBuilder();
        b.append("        ISchedule rate = ").append(rateAndUpdater[0]).append(";\n");
        b.append("        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()\n")
                .append("                .seed(SEED)\n")
                .append("                .updater(").append(rateAndUpdater[1]).append(")\n")
                .append("                .dataType(DataType.FLOAT)\n")
                .append("                .graphBuilder();\n");
        b.append("        inputs.addTo(graph);\n");
        // Each node's width as a Java expression: a PReLU needs its input width up front.
        Map<String, String> width = new HashMap<>();
        for (NetworkGraph.Node node : graph.graph.nodes()) {
            String name = JavaLiteral.str(node.name());
            List<String> from = node.from();
            // an input's name stands for what carries it into the layers (itself, or its merge with embeddings)
            String sources = String.join(", ", from.stream().map(f -> graph.inputIndex(f) >= 0
                    ? "inputs.resolve(" + JavaLiteral.str(f) + ")" : JavaLiteral.str(f)).toList());
            switch (node.kind()) {
                case INPUT -> width.put(node.name(), "inputs.widths[" + graph.inputIndex(node.name()) + "]");
                case OUTPUT -> {
                    int o = graph.outputs.indexOf(node.output());
                    OutputSpec out = node.output().settings();
                    b.append("        graph.addLayer(").append(name).append(", outputLayer(").append(o).append(", tasks[").append(o)
                            .append("], widths[").append(o).append("], WeightInit.").append(Dl4jCode.init(out.resolvedWeightInit()))
                            .append(", ").append(out.l1()).append(", ").append(out.l2()).append(", classWeights), ").append(sources).append(");\n");
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
        String layers = "conf.getVertices().values().stream()\n"
                + "                .filter(v -> v instanceof LayerVertex).map(v -> ((LayerVertex) v).getLayerConf()).toList()";
        String decay = Dl4jCode.clipping(experiment.training().clipping(), layers)
                + Dl4jCode.weightDecay(experiment.training().optimizer(), layers);
        b.append("        ComputationGraphConfiguration conf = graph.build();\n");
        b.append("        inputs.sizeTables(conf);\n").append(decay).append("        return conf;\n");
        return b.toString();
    }

    private static void layer(StringBuilder b, LayerSpec layer, String name, String sources, String inWidth) {
        if (layer instanceof DenseLayer d) {
            boolean prelu = d.activation() == Activation.PRELU;
            // As LayerLab's translator: a Dense with prelu is a linear Dense "<name>_linear", then a PReLU "<name>".
            String dense = prelu ? JavaLiteral.str(d.name() + "_linear") : name;
            b.append("        graph.addLayer(").append(dense).append(", new DenseLayer.Builder().nOut(").append(d.units())
                    .append(").activation(Activation.").append(prelu ? "IDENTITY" : Dl4jCode.activation(d.activation()))
                    .append(").weightInit(WeightInit.").append(Dl4jCode.init(d.weightInit())).append(").biasInit(").append(d.biasInit())
                    .append(").l1(").append(d.l1()).append(").l2(").append(2 * d.l2()).append(").build(), ").append(sources)
                    .append("); // l2 doubled: Keras meaning\n");
            if (prelu) {
                b.append("        graph.addLayer(").append(name).append(", new PReLULayer.Builder().inputShape(").append(d.units())
                        .append(").build(), ").append(dense).append(");\n");
            }
        } else if (layer instanceof DropoutLayer d) {
            b.append("        graph.addLayer(").append(name).append(", new DropoutLayer.Builder(")
                    .append(Dl4jCode.dropout(d))
                    .append(").build(), ").append(sources).append("); // DL4J takes the probability to keep\n");
        } else if (layer instanceof BatchNormLayer) {
            b.append("        graph.addLayer(").append(name).append(", new BatchNormalization.Builder().build(), ").append(sources).append(");\n");
        } else if (layer instanceof ActivationLayer a) {
            if (a.activation() == Activation.PRELU) {
                b.append("        graph.addLayer(").append(name).append(", new PReLULayer.Builder().inputShape(").append(inWidth)
                        .append(").build(), ").append(sources).append(");\n");
            } else {
                b.append("        graph.addLayer(").append(name).append(", new ActivationLayer.Builder().activation(Activation.")
                        .append(Dl4jCode.activation(a.activation())).append(").build(), ").append(sources).append(");\n");
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
}
