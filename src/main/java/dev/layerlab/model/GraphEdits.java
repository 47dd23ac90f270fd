package dev.layerlab.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Edits of a network graph as functions from one immutable {@link NetworkSpec} to the next: add, wire, unwire,
 * delete, copy and rename nodes, change an input's columns, a layer's or an output's settings. What a graph editor
 * does to the spec, without the editor (no canvas, no selection, no history). An edit makes the spec explicit first:
 * every input and output listed, every layer's sources in {@code connections}, every output's {@code from}.
 */
public final class GraphEdits {
    /** What a node of the graph is. */
    public enum Kind { INPUT, LAYER, MERGE, OUTPUT }

    /** A wire: {@code source}'s result feeds {@code target}. */
    public record Wire(String source, String target) {
    }

    /** An edit that made a node: the new spec and the node's name. */
    public record Added(NetworkSpec spec, String name) {
    }

    private GraphEdits() {
    }

    // ------------------------------------------------------------------ queries

    /** Node names in display order: inputs, layers, outputs. */
    public static List<String> nodeNames(NetworkSpec s) {
        List<String> names = new ArrayList<>();
        NetworkGraph.inputsOf(s).forEach(i -> names.add(i.name()));
        s.layers().forEach(l -> names.add(l.name()));
        NetworkGraph.outputsOf(s).forEach(o -> names.add(o.name()));
        return names;
    }

    /** Every layer's and output's sources, implicit chain resolved; "" marks an unconnected output. */
    public static Map<String, List<String>> resolvedFrom(NetworkSpec s) {
        Map<String, List<String>> from = new LinkedHashMap<>();
        String previous = NetworkGraph.inputsOf(s).get(0).name();
        for (LayerSpec layer : s.layers()) {
            List<String> explicit = s.connections().get(layer.name());
            from.put(layer.name(), explicit != null ? explicit : List.of(previous));
            previous = layer.name();
        }
        for (OutputNode out : NetworkGraph.outputsOf(s)) {
            from.put(out.name(), List.of(out.from() != null ? out.from() : previous));
        }
        return from;
    }

    /** Every wire (implicit chain links included), targets in node order. */
    public static List<Wire> wires(NetworkSpec s) {
        List<Wire> wires = new ArrayList<>();
        resolvedFrom(s).forEach((target, sources) -> {
            for (String source : sources) {
                if (!source.isEmpty()) {
                    wires.add(new Wire(source, target));
                }
            }
        });
        return wires;
    }

    /** What the node named {@code name} is, or null when there is none. */
    public static Kind kindOf(NetworkSpec s, String name) {
        if (NetworkGraph.inputsOf(s).stream().anyMatch(i -> i.name().equals(name))) {
            return Kind.INPUT;
        }
        LayerSpec layer = s.layers().stream().filter(l -> Objects.equals(l.name(), name)).findFirst().orElse(null);
        if (layer != null) {
            return layer instanceof MergeLayer ? Kind.MERGE : Kind.LAYER;
        }
        if (NetworkGraph.outputsOf(s).stream().anyMatch(o -> o.name().equals(name))) {
            return Kind.OUTPUT;
        }
        return null;
    }

    /** The same network with every input, output, connection and {@code from} written out. */
    public static NetworkSpec explicit(NetworkSpec s) {
        Map<String, List<String>> from = resolvedFrom(s);
        Map<String, List<String>> connections = new LinkedHashMap<>();
        for (LayerSpec layer : s.layers()) {
            connections.put(layer.name(), from.get(layer.name()));
        }
        List<OutputNode> outputs = NetworkGraph.outputsOf(s).stream()
                .map(o -> o.withFrom(from.get(o.name()).get(0))).toList();
        return new NetworkSpec(NetworkGraph.inputsOf(s), s.layers(), connections, s.output(), outputs);
    }

    public static boolean isExplicit(NetworkSpec s) {
        return explicit(s).equals(s);
    }

    /** {@code base}, or {@code base_1}, {@code base_2}... whichever no node has yet. */
    public static String uniqueName(NetworkSpec s, String base) {
        Set<String> used = new HashSet<>(nodeNames(s));
        String stem = base.replaceAll("_\\d+$", "");
        if (!used.contains(base)) {
            return base;
        }
        for (int n = 1; ; n++) {
            String candidate = stem + "_" + n;
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
    }

    // ------------------------------------------------------------------ edits

    /** A new input on {@code columns} (empty = every feature), not wired to anything yet. */
    public static Added addInput(NetworkSpec spec, List<String> columns) {
        NetworkSpec s = explicit(spec);
        String name = uniqueName(s, "input");
        List<InputNode> inputs = new ArrayList<>(s.inputs());
        inputs.add(new InputNode(name, List.copyOf(columns)));
        return new Added(s.withInputs(inputs), name);
    }

    /** A new output with the network's default output settings, not wired yet. */
    public static Added addOutput(NetworkSpec spec) {
        NetworkSpec s = explicit(spec);
        String name = uniqueName(s, "output");
        List<OutputNode> outputs = new ArrayList<>(s.outputs());
        outputs.add(new OutputNode(name, "", s.output(), 1.0));
        return new Added(s.withOutputs(outputs), name);
    }

    /** A new layer (named by the spec), with no sources yet. */
    public static Added addLayer(NetworkSpec spec, LayerSpec layer) {
        NetworkSpec s = explicit(spec).withLayerAdded(layer);
        String name = s.layers().get(s.layers().size() - 1).name();
        Map<String, List<String>> connections = new LinkedHashMap<>(s.connections());
        connections.put(name, List.of());
        return new Added(s.withConnections(connections), name);
    }

    /**
     * Wires {@code source} into {@code target}: a merge gains one more input, any other layer or an output has its
     * single input replaced. Null when the wire makes no sense: into an input, out of an output, a node into itself,
     * unknown names, or a wire that already exists. Cycles are allowed (the validator reports them).
     */
    public static NetworkSpec connect(NetworkSpec spec, String source, String target) {
        Kind from = kindOf(spec, source);
        Kind to = kindOf(spec, target);
        if (from == null || to == null || source.equals(target) || to == Kind.INPUT || from == Kind.OUTPUT) {
            return null;
        }
        if (wires(spec).contains(new Wire(source, target)) && isExplicit(spec)) {
            return null;
        }
        NetworkSpec s = explicit(spec);
        if (to == Kind.OUTPUT) {
            s = s.withOutputs(s.outputs().stream().map(o -> o.name().equals(target) ? o.withFrom(source) : o).toList());
        } else {
            Map<String, List<String>> connections = new LinkedHashMap<>(s.connections());
            List<String> sources = new ArrayList<>(connections.getOrDefault(target, List.of()));
            if (to == Kind.MERGE) {
                if (!sources.contains(source)) {
                    sources.add(source);
                }
            } else {
                sources = List.of(source);
            }
            connections.put(target, List.copyOf(sources));
            s = s.withConnections(connections);
        }
        return s.equals(spec) ? null : s;
    }

    /** Removes the wire from {@code source} to {@code target}; null when there is none. */
    public static NetworkSpec disconnect(NetworkSpec spec, String source, String target) {
        if (!wires(spec).contains(new Wire(source, target))) {
            return null;
        }
        NetworkSpec s = explicit(spec);
        if (kindOf(spec, target) == Kind.OUTPUT) {
            return s.withOutputs(s.outputs().stream()
                    .map(o -> o.name().equals(target) && source.equals(o.from()) ? o.withFrom("") : o).toList());
        }
        Map<String, List<String>> connections = new LinkedHashMap<>(s.connections());
        List<String> sources = new ArrayList<>(connections.getOrDefault(target, List.of()));
        sources.remove(source);
        connections.put(target, List.copyOf(sources));
        return s.withConnections(connections);
    }

    /**
     * Deletes a node and every wire touching it; null for an unknown node, the last input or the last output (a
     * spec without them falls back to implicit ones).
     */
    public static NetworkSpec removeNode(NetworkSpec spec, String name) {
        Kind kind = kindOf(spec, name);
        if (kind == null) {
            return null;
        }
        NetworkSpec s = explicit(spec);
        if (kind == Kind.INPUT && s.inputs().size() <= 1 || kind == Kind.OUTPUT && s.outputs().size() <= 1) {
            return null;
        }
        Map<String, List<String>> connections = new LinkedHashMap<>();
        s.connections().forEach((target, sources) -> {
            if (!target.equals(name)) {
                connections.put(target, sources.stream().filter(src -> !src.equals(name)).toList());
            }
        });
        return new NetworkSpec(
                s.inputs().stream().filter(i -> !i.name().equals(name)).toList(),
                s.layers().stream().filter(l -> !l.name().equals(name)).toList(),
                connections,
                s.output(),
                s.outputs().stream().filter(o -> !o.name().equals(name))
                        .map(o -> name.equals(o.from()) ? o.withFrom("") : o).toList());
    }

    /** A copy of a node with the same settings and the same incoming wires; null for an unknown node. */
    public static Added duplicate(NetworkSpec spec, String name) {
        Kind kind = kindOf(spec, name);
        if (kind == null) {
            return null;
        }
        NetworkSpec s = explicit(spec);
        if (kind == Kind.INPUT) {
            String copy = uniqueName(s, name);
            InputNode original = s.inputs().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
            List<InputNode> inputs = new ArrayList<>(s.inputs());
            inputs.add(new InputNode(copy, original.columns()));
            return new Added(s.withInputs(inputs), copy);
        }
        if (kind == Kind.OUTPUT) {
            String copy = uniqueName(s, name);
            OutputNode o = s.outputs().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            List<OutputNode> outputs = new ArrayList<>(s.outputs());
            outputs.add(o.withName(copy));
            return new Added(s.withOutputs(outputs), copy);
        }
        LayerSpec layer = s.layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
        s = s.withLayerAdded(layer.withName(null));
        String copy = s.layers().get(s.layers().size() - 1).name();
        Map<String, List<String>> connections = new LinkedHashMap<>(s.connections());
        connections.put(copy, connections.getOrDefault(name, List.of()));
        return new Added(s.withConnections(connections), copy);
    }

    /** Why {@code newName} cannot replace {@code oldName}, or null when it can (or nothing changes). */
    public static String renameProblem(NetworkSpec s, String oldName, String newName) {
        Kind kind = kindOf(s, oldName);
        if (kind == null) {
            return "there is no node '" + oldName + "'";
        }
        String name = newName == null ? "" : newName.strip();
        if (name.isEmpty()) {
            return "a name cannot be empty";
        }
        if (name.equals(oldName)) {
            return null;
        }
        if (kindOf(s, name) != null) {
            return "the name '" + name + "' is already used";
        }
        if (kind != Kind.OUTPUT && name.equals(OutputSpec.LAYER_NAME)) {
            return "'" + OutputSpec.LAYER_NAME + "' is reserved for outputs";
        }
        return null;
    }

    /** Renames a node everywhere (wires, outputs' {@code from}); check {@link #renameProblem} first. */
    public static NetworkSpec rename(NetworkSpec spec, String oldName, String newName) {
        String name = newName.strip();
        NetworkSpec s = explicit(spec);
        UnaryOperator<String> r = n -> oldName.equals(n) ? name : n;
        Map<String, List<String>> connections = new LinkedHashMap<>();
        s.connections().forEach((target, sources) -> connections.put(r.apply(target), sources.stream().map(r).toList()));
        return new NetworkSpec(
                s.inputs().stream().map(i -> new InputNode(r.apply(i.name()), i.columns())).toList(),
                s.layers().stream().map(l -> l.name().equals(oldName) ? l.withName(name) : l).toList(),
                connections,
                s.output(),
                s.outputs().stream().map(o -> o.withName(r.apply(o.name())).withFrom(r.apply(o.from()))).toList());
    }

    /** Sets the columns an input takes (empty = every feature). */
    public static NetworkSpec withInputColumns(NetworkSpec spec, String input, List<String> columns) {
        NetworkSpec s = explicit(spec);
        return s.withInputs(s.inputs().stream().map(i -> i.name().equals(input) ? new InputNode(input, columns) : i).toList());
    }

    /** Replaces a layer's settings; it keeps its name (and so its wires). */
    public static NetworkSpec withLayer(NetworkSpec s, String name, LayerSpec layer) {
        return s.withLayers(s.layers().stream().map(l -> l.name().equals(name) ? layer.withName(name) : l).toList());
    }

    /** Replaces an output's settings, loss weight or target column; its name and its wire stay. */
    public static NetworkSpec withOutput(NetworkSpec spec, String name, UnaryOperator<OutputNode> change) {
        NetworkSpec s = explicit(spec);
        return s.withOutputs(s.outputs().stream().map(o -> {
            if (!o.name().equals(name)) {
                return o;
            }
            OutputNode changed = change.apply(o);
            return new OutputNode(name, o.from(), changed.settings(), changed.lossWeight(), changed.target());
        }).toList());
    }
}
