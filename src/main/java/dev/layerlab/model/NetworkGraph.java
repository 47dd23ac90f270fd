package dev.layerlab.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network spec resolved into a directed graph: every input, layer and output with the nodes feeding it,
 * in an order where each node comes after its inputs, with each node's output width. A sequential spec
 * resolves to a chain. Problems (unknown names, cycles, dangling nodes, shape clashes) are collected in
 * plain words instead of thrown, so an editor can show them while the user is still wiring.
 */
public final class NetworkGraph {

    /** What a node is. */
    public enum Kind { INPUT, LAYER, OUTPUT }

    /**
     * One node.
     *
     * @param from  names of the nodes feeding it (empty for inputs)
     * @param width its output width (units), 0 when unknown
     */
    public record Node(String name, Kind kind, LayerSpec layer, InputNode input, OutputNode output,
                       List<String> from, long width) {
    }

    private final List<Node> order;
    private final List<String> problems;

    private NetworkGraph(List<Node> order, List<String> problems) {
        this.order = List.copyOf(order);
        this.problems = List.copyOf(problems);
    }

    /** Nodes with each after the nodes feeding it (nodes caught in a cycle are left out). */
    public List<Node> nodes() {
        return order;
    }

    public List<Node> inputs() {
        return order.stream().filter(n -> n.kind() == Kind.INPUT).toList();
    }

    public List<Node> outputs() {
        return order.stream().filter(n -> n.kind() == Kind.OUTPUT).toList();
    }

    public List<String> problems() {
        return problems;
    }

    /** The input nodes a spec has: its explicit inputs, or one input named "input" taking every feature. */
    public static List<InputNode> inputsOf(NetworkSpec spec) {
        return spec.inputs().isEmpty() ? List.of(InputNode.allColumns("input")) : spec.inputs();
    }

    /** The output heads a spec has: its explicit outputs, or one named "output" reading the last layer. */
    public static List<OutputNode> outputsOf(NetworkSpec spec) {
        if (!spec.outputs().isEmpty()) {
            return spec.outputs();
        }
        return List.of(new OutputNode(OutputSpec.LAYER_NAME, null, spec.output(), 1.0));
    }

    /**
     * The shape a spec's graph sees: the data's shape without the features of columns its outputs predict (a
     * target is never an input). Data prepared for the spec already leaves them out; a shape prepared without
     * knowing the outputs (the workbench's) gets them removed here, so widths match what training will use.
     */
    public static NetworkShape shapeFor(NetworkSpec spec, NetworkShape shape) {
        List<String> targets = spec.outputTargets().stream().filter(t -> !t.equals(shape.target())).toList();
        return shape.withoutFeaturesOf(targets);
    }

    public static NetworkGraph of(NetworkSpec spec, NetworkShape dataShape) {
        List<String> problems = new ArrayList<>();
        NetworkShape shape = shapeFor(spec, dataShape);
        List<InputNode> inputs = inputsOf(spec);
        List<OutputNode> outputs = outputsOf(spec);
        Map<String, String> targets = targetColumns(outputs, shape);
        List<LayerSpec> layers = spec.layers();

        // Every node by name, with the names feeding it.
        Map<String, List<String>> from = new LinkedHashMap<>();
        Map<String, Object> definition = new HashMap<>();
        for (InputNode input : inputs) {
            define(input.name(), input, definition, problems);
            from.put(input.name(), List.of());
        }
        String previous = inputs.get(0).name();
        for (LayerSpec layer : layers) {
            define(layer.name(), layer, definition, problems);
            List<String> explicit = spec.connections().get(layer.name());
            from.put(layer.name(), explicit != null ? explicit : List.of(previous));
            previous = layer.name();
        }
        for (OutputNode output : outputs) {
            define(output.name(), output, definition, problems);
            String source = output.from() != null ? output.from() : previous;
            from.put(output.name(), List.of(source));
        }
        for (String node : spec.connections().keySet()) {
            if (!definition.containsKey(node)) {
                problems.add("connections name '" + node + "', which is not a node of the network");
            }
        }
        for (Map.Entry<String, List<String>> e : from.entrySet()) {
            for (String source : e.getValue()) {
                if (!definition.containsKey(source)) {
                    problems.add(describe(e.getKey(), definition) + " takes input from '" + source + "', which does not exist");
                } else if (definition.get(source) instanceof OutputNode) {
                    problems.add(describe(e.getKey(), definition) + " takes input from output '" + source
                            + "': outputs end the network");
                }
            }
        }

        List<String> sorted = topologicalOrder(from, definition, problems);
        Map<String, Long> widths = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (String name : sorted) {
            Object def = definition.get(name);
            List<String> sources = from.get(name).stream().filter(definition::containsKey).toList();
            long width = 0;
            if (def instanceof InputNode input) {
                width = inputWidth(input, shape, targets, problems);
                nodes.add(new Node(name, Kind.INPUT, null, input, null, List.of(), width));
            } else if (def instanceof LayerSpec layer) {
                width = layerWidth(layer, sources, widths, problems, describe(name, definition));
                nodes.add(new Node(name, Kind.LAYER, layer, null, null, sources, width));
            } else if (def instanceof OutputNode output) {
                NetworkShape.Target target = shape.targetOf(output);
                width = target == null ? 0 : target.width();
                nodes.add(new Node(name, Kind.OUTPUT, null, null, output, sources, width));
            }
            widths.put(name, width);
        }
        checkEverythingReachesAnOutput(nodes, problems);
        return new NetworkGraph(nodes, problems);
    }

    private static void define(String name, Object node, Map<String, Object> definition, List<String> problems) {
        if (name == null || name.isBlank()) {
            problems.add("every input and output needs a name");
            return;
        }
        Object earlier = definition.putIfAbsent(name, node);
        if (earlier != null) {
            problems.add("the name '" + name + "' is used twice: node names must be unique");
        }
    }

    private static String describe(String name, Map<String, Object> definition) {
        Object def = definition.get(name);
        if (def instanceof InputNode) {
            return "input '" + name + "'";
        }
        if (def instanceof OutputNode) {
            return "output '" + name + "'";
        }
        if (def instanceof MergeLayer) {
            return "merge '" + name + "'";
        }
        return "layer '" + name + "'";
    }

    /** Kahn's algorithm; whatever is left over sits on a cycle. */
    private static List<String> topologicalOrder(Map<String, List<String>> from, Map<String, Object> definition,
                                                 List<String> problems) {
        Map<String, Integer> pending = new LinkedHashMap<>();
        Map<String, List<String>> feeds = new HashMap<>();
        for (Map.Entry<String, List<String>> e : from.entrySet()) {
            int known = 0;
            for (String source : e.getValue()) {
                if (from.containsKey(source)) {
                    known++;
                    feeds.computeIfAbsent(source, k -> new ArrayList<>()).add(e.getKey());
                }
            }
            pending.put(e.getKey(), known);
        }
        Deque<String> ready = new ArrayDeque<>();
        pending.forEach((name, count) -> {
            if (count == 0) {
                ready.add(name);
            }
        });
        List<String> sorted = new ArrayList<>();
        while (!ready.isEmpty()) {
            String name = ready.poll();
            sorted.add(name);
            for (String next : feeds.getOrDefault(name, List.of())) {
                if (pending.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (sorted.size() < from.size()) {
            List<String> cycle = new ArrayList<>(from.keySet());
            cycle.removeAll(sorted);
            problems.add("the connections form a cycle through " + String.join(", ", cycle.stream().map(n -> "'" + n + "'").toList())
                    + ": data must flow from the inputs to the outputs without looping back");
        }
        return sorted;
    }

    /** Every column some output predicts, with who predicts it ("output 'aux'", "the experiment's target"). */
    private static Map<String, String> targetColumns(List<OutputNode> outputs, NetworkShape shape) {
        Map<String, String> targets = new LinkedHashMap<>();
        if (shape.target() != null) {
            targets.put(shape.target(), "is the experiment's target");
        }
        for (OutputNode output : outputs) {
            if (output.target() != null) {
                targets.putIfAbsent(output.target(), "is what output '" + output.name() + "' predicts");
            }
        }
        return targets;
    }

    private static long inputWidth(InputNode input, NetworkShape shape, Map<String, String> targets,
                                   List<String> problems) {
        for (String column : input.columns()) {
            if (targets.containsKey(column)) {
                problems.add("input '" + input.name() + "' takes column '" + column + "', which " + targets.get(column)
                        + ": a target cannot also be a feature (that leaks the answer into the inputs); remove it from"
                        + " the input");
            }
        }
        if (input.columns().isEmpty()) {
            return shape.hasEmbeddings() ? shape.encodedWidth(shape.featureIndices(List.of())) : Math.max(0, shape.inputs());
        }
        int[] indices = shape.featureIndices(input.columns());
        if (indices == null) {
            return input.columns().size(); // feature names unknown: a best guess for summaries
        }
        if (shape.featureNames() != null) {
            for (String column : input.columns()) {
                if (!targets.containsKey(column) && shape.featureIndices(List.of(column)).length == 0) {
                    problems.add("input '" + input.name() + "' takes column '" + column
                            + "', which is not an input feature of the data");
                }
            }
        }
        if (indices.length == 0) {
            problems.add("input '" + input.name() + "' takes no columns: choose at least one");
        }
        return shape.encodedWidth(indices);
    }

    private static long layerWidth(LayerSpec layer, List<String> sources, Map<String, Long> widths,
                                   List<String> problems, String where) {
        if (layer instanceof MergeLayer merge) {
            if (sources.size() < 2) {
                problems.add(where + " merges " + sources.size() + " input" + (sources.size() == 1 ? "" : "s")
                        + ": connect at least two");
            }
            List<Long> in = sources.stream().map(s -> widths.getOrDefault(s, 0L)).toList();
            if (merge.mode() == MergeMode.CONCATENATE) {
                return in.stream().mapToLong(Long::longValue).sum();
            }
            if (new HashSet<>(in).size() > 1) {
                problems.add(where + " (" + merge.mode().jsonName() + ") needs inputs of equal width, got "
                        + String.join(" and ", in.stream().map(String::valueOf).toList())
                        + ": use concatenate, or make the branches the same width");
            }
            return in.isEmpty() ? 0 : in.get(0);
        }
        if (sources.isEmpty()) {
            problems.add(where + " has no input: connect it to an input or another layer");
            return 0;
        }
        if (sources.size() > 1) {
            problems.add(where + " receives " + sources.size()
                    + " inputs: put a merge node (concatenate, add or average) before it");
        }
        long in = widths.getOrDefault(sources.get(0), 0L);
        return layer instanceof DenseLayer d ? Math.max(0, d.units()) : in;
    }

    /** Inputs and layers whose result never reaches an output are dangling: almost always a wiring slip. */
    private static void checkEverythingReachesAnOutput(List<Node> nodes, List<String> problems) {
        Map<String, Node> byName = new HashMap<>();
        nodes.forEach(n -> byName.put(n.name(), n));
        Set<String> reaches = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        nodes.stream().filter(n -> n.kind() == Kind.OUTPUT).forEach(n -> todo.add(n.name()));
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (reaches.add(name) && byName.containsKey(name)) {
                todo.addAll(byName.get(name).from());
            }
        }
        for (Node node : nodes) {
            if (!reaches.contains(node.name())) {
                problems.add((node.kind() == Kind.INPUT ? "input '" : "layer '") + node.name()
                        + "' is dangling: its result reaches no output");
            }
        }
        for (Node node : nodes) {
            if (node.kind() == Kind.OUTPUT && !reachesAnInput(node, byName, new HashSet<>())) {
                problems.add("output '" + node.name() + "' cannot be reached from any input");
            }
        }
    }

    private static boolean reachesAnInput(Node node, Map<String, Node> byName, Set<String> seen) {
        if (node.kind() == Kind.INPUT) {
            return true;
        }
        if (!seen.add(node.name())) {
            return false;
        }
        for (String source : node.from()) {
            Node n = byName.get(source);
            if (n != null && reachesAnInput(n, byName, seen)) {
                return true;
            }
        }
        return false;
    }

    /** Names of the nodes fed by each node (the reverse of {@link Node#from()}). */
    public Map<String, List<String>> consumers() {
        Map<String, List<String>> consumers = new LinkedHashMap<>();
        for (Node node : order) {
            for (String source : node.from()) {
                consumers.computeIfAbsent(source, k -> new ArrayList<>()).add(node.name());
            }
        }
        return Collections.unmodifiableMap(consumers);
    }
}
