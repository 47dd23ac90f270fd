package dev.layerlab.export.codegen;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.TaskType;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.InputNode;
import dev.layerlab.model.NetworkGraph;
import dev.layerlab.model.NetworkShape;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.OutputNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What both code generators need to know about a graph network, without the data: its nodes in an order where
 * each comes after the nodes feeding it, its inputs and outputs in the spec's order, and what early stopping
 * watches. A graph whose wiring is broken (cycles, unknown or dangling nodes, a first output predicting another
 * column, an input taking a predicted column) is refused with the engine's own words, as training would refuse it.
 */
final class GraphExport {
    /** Metrics both generated programs compute for an output, besides its loss. */
    private static final Set<String> METRICS = Set.of("rmse", "mae", "accuracy", "auc");

    final NetworkSpec spec;
    final NetworkGraph graph;
    final List<InputNode> inputs;
    final List<OutputNode> outputs;

    private GraphExport(NetworkSpec spec, NetworkGraph graph) {
        this.spec = spec;
        this.graph = graph;
        this.inputs = NetworkGraph.inputsOf(spec);
        this.outputs = NetworkGraph.outputsOf(spec);
    }

    /**
     * @param language how the refusal names the code ("Keras", "DL4J")
     * @throws InvalidInputException naming what is wrong with the graph
     */
    static GraphExport of(Experiment experiment, String language) {
        NetworkSpec spec = experiment.network();
        String target = experiment.data().target();
        // Widths depend on the data (one-hot columns), which code generation does not read: the generated
        // programs size every layer from the prepared data, so only the wiring is checked here.
        NetworkShape wiringOnly = new NetworkShape(0, 1, TaskType.REGRESSION, null, target, Map.of());
        NetworkGraph graph = NetworkGraph.of(spec, wiringOnly);
        List<String> problems = new java.util.ArrayList<>(graph.problems().stream()
                .filter(p -> !p.contains("needs inputs of equal width")).toList());
        List<OutputNode> outputs = NetworkGraph.outputsOf(spec);
        if (!outputs.get(0).predictsMainTarget(target)) {
            problems.add("output '" + outputs.get(0).name() + "': the first output is the main one and predicts the"
                    + " experiment's target '" + target + "', not '" + outputs.get(0).target() + "'");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("cannot export " + language + " code for this graph network: "
                    + String.join("; ", problems));
        }
        return new GraphExport(spec, graph);
    }

    /** The column an output predicts: null for the experiment's target. */
    static String targetOf(OutputNode output, String mainTarget) {
        return output.predictsMainTarget(mainTarget) ? null : output.target();
    }

    int inputIndex(String name) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * What LayerLab's early stopping watches, in the generated programs' terms.
     *
     * @param output   -1 for the total (weighted) loss, else the output whose loss or metric is watched
     * @param metric   "loss", "rmse", "mae", "accuracy" or "auc"
     * @param fallback true when LayerLab watches a metric the programs do not compute, so they watch the loss
     */
    record Monitor(boolean validation, int output, String metric, boolean fallback) {
    }

    /**
     * LayerLab's graph monitors: "val_loss" is the total loss, "val_rmse" (and mae, accuracy, auc) the main output's
     * metric, "val_&lt;output&gt;_loss" and "val_&lt;output&gt;_rmse" one output's own (multi-output networks).
     */
    Monitor monitor(String monitor) {
        boolean validation = !monitor.startsWith("train_");
        String name = monitor.replaceFirst("^(val_|train_)", "");
        if (name.equals("loss")) {
            return new Monitor(validation, -1, "loss", false);
        }
        if (METRICS.contains(name)) {
            return new Monitor(validation, 0, name, false);
        }
        int best = -1;
        for (int o = 0; o < outputs.size() && outputs.size() > 1; o++) {
            String prefix = outputs.get(o).name() + "_";
            String rest = name.startsWith(prefix) ? name.substring(prefix.length()) : "";
            if ((rest.equals("loss") || METRICS.contains(rest))
                    && (best < 0 || prefix.length() > outputs.get(best).name().length() + 1)) {
                best = o;
            }
        }
        if (best >= 0) {
            return new Monitor(validation, best, name.substring(outputs.get(best).name().length() + 1), false);
        }
        return new Monitor(validation, -1, "loss", true);
    }

    /** Keras's name for a monitor: outputs' metrics carry the output's name when there are several outputs. */
    String kerasMonitor(String monitor) {
        Monitor m = monitor(monitor);
        String prefix = m.validation() ? "val_" : "";
        if (m.output() < 0) {
            return prefix + "loss";
        }
        if (outputs.size() == 1) {
            return prefix + m.metric();
        }
        return prefix + outputs.get(m.output()).name() + "_" + m.metric();
    }
}
