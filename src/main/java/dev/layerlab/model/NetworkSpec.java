package dev.layerlab.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.layerlab.InvalidInputException;
import dev.layerlab.data.TaskType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sequential network: hidden layers in order, then the output layer. Immutable plain data that
 * serializes to JSON. Unnamed layers are named here, Keras-style (dense, dense_1, dropout, ...), so every
 * layer of a spec has a name; clashes between user-given names are left for {@link NetworkValidator}.
 *
 * <p>A later multi-input / multi-output graph spec is meant to sit next to this one and reuse
 * {@link LayerSpec} (named layers, stable JSON type ids).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NetworkSpec(List<InputNode> inputs, List<LayerSpec> layers, Map<String, List<String>> connections,
                          OutputSpec output, List<OutputNode> outputs) {

    // Lenient reading: unknown fields (from newer versions) are ignored, missing ones take defaults.
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.INDENT_OUTPUT, true)
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

    /**
     * @param inputs      graph inputs with their columns; empty = one input taking every feature
     * @param layers      hidden layers (and merge nodes), in order
     * @param connections node name to the names of the nodes feeding it; a layer not listed reads the layer
     *                    before it (the first layer reads the first input), so a plain chain needs none
     * @param output      the output settings of a sequential network (and the default for graph outputs)
     * @param outputs     graph output heads; empty = one output reading the last layer
     */
    @JsonCreator
    public NetworkSpec {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        layers = autoName(layers == null ? List.of() : layers);
        connections = connections == null ? Map.of() : copyConnections(connections);
        output = output == null ? OutputSpec.auto() : output;
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    /** A sequential network: layers in a chain, one input with every feature, one output. */
    public NetworkSpec(List<LayerSpec> layers, OutputSpec output) {
        this(List.of(), layers, Map.of(), output, List.of());
    }

    public static NetworkSpec of(LayerSpec... layers) {
        return new NetworkSpec(Arrays.asList(layers), OutputSpec.auto());
    }

    /**
     * True when the spec needs a graph (several inputs or outputs, merges, or explicit wiring); a chain of
     * layers is the simple case and trains as a DL4J MultiLayerNetwork.
     */
    @JsonIgnore
    public boolean isGraph() {
        return !inputs.isEmpty() || !connections.isEmpty() || !outputs.isEmpty()
                || layers.stream().anyMatch(l -> l instanceof MergeLayer);
    }

    /**
     * The columns the outputs name as their targets, in output order without repeats; empty when every output
     * predicts the experiment's target (the usual case, and always for a sequential network). The data pipeline
     * prepares a label block for each of them and keeps them out of the features.
     */
    @JsonIgnore
    public List<String> outputTargets() {
        if (outputs.isEmpty()) {
            return List.of();
        }
        return outputs.stream().map(OutputNode::target).filter(java.util.Objects::nonNull).distinct().toList();
    }

    public NetworkSpec withLayers(List<LayerSpec> newLayers) {
        return new NetworkSpec(inputs, newLayers, connections, output, outputs);
    }

    public NetworkSpec withOutput(OutputSpec newOutput) {
        return new NetworkSpec(inputs, layers, connections, newOutput, outputs);
    }

    public NetworkSpec withInputs(List<InputNode> newInputs) {
        return new NetworkSpec(newInputs, layers, connections, output, outputs);
    }

    public NetworkSpec withConnections(Map<String, List<String>> newConnections) {
        return new NetworkSpec(inputs, layers, newConnections, output, outputs);
    }

    public NetworkSpec withOutputs(List<OutputNode> newOutputs) {
        return new NetworkSpec(inputs, layers, connections, output, newOutputs);
    }

    /** Appends a layer (auto-named if it has no name). */
    public NetworkSpec withLayerAdded(LayerSpec layer) {
        List<LayerSpec> copy = new ArrayList<>(layers);
        copy.add(layer);
        return withLayers(copy);
    }

    /** Inserts a layer before position {@code index} (0-based). */
    public NetworkSpec withLayerInserted(int index, LayerSpec layer) {
        List<LayerSpec> copy = new ArrayList<>(layers);
        copy.add(index, layer);
        return withLayers(copy);
    }

    public NetworkSpec withLayerReplaced(int index, LayerSpec layer) {
        List<LayerSpec> copy = new ArrayList<>(layers);
        copy.set(index, layer);
        return withLayers(copy);
    }

    public NetworkSpec withLayerRemoved(int index) {
        List<LayerSpec> copy = new ArrayList<>(layers);
        copy.remove(index);
        return withLayers(copy);
    }

    private static Map<String, List<String>> copyConnections(Map<String, List<String>> connections) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        connections.forEach((node, from) -> copy.put(node, from == null ? List.of() : List.copyOf(from)));
        return Collections.unmodifiableMap(copy);
    }

    public Loss resolvedLoss(TaskType task) {
        return output.resolvedLoss(task);
    }

    public Activation resolvedOutputActivation(TaskType task) {
        return output.resolvedActivation(task);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write network spec as JSON", e);
        }
    }

    /** Reads a spec; malformed JSON becomes an {@link InvalidInputException} with a readable message. */
    public static NetworkSpec fromJson(String json) {
        try {
            NetworkSpec spec = JSON.readValue(json, NetworkSpec.class);
            if (spec == null) {
                throw new InvalidInputException("the network JSON is empty");
            }
            return spec;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("cannot read the network JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("cannot read the network JSON: " + e.getMessage());
        }
    }

    /**
     * Names unnamed layers like Keras: per prefix, "dense" then "dense_1", "dense_2", ..., skipping names
     * already taken (including the reserved output name).
     */
    private static List<LayerSpec> autoName(List<LayerSpec> layers) {
        Set<String> used = new HashSet<>();
        used.add(OutputSpec.LAYER_NAME);
        for (LayerSpec layer : layers) {
            if (layer == null) {
                throw new IllegalArgumentException("a network cannot contain an empty (null) layer");
            }
            if (!isBlank(layer.name())) {
                used.add(layer.name());
            }
        }
        Map<String, Integer> counters = new HashMap<>();
        List<LayerSpec> named = new ArrayList<>(layers.size());
        for (LayerSpec layer : layers) {
            if (isBlank(layer.name())) {
                String prefix = layer.namePrefix();
                int n = counters.getOrDefault(prefix, 0);
                String candidate = n == 0 ? prefix : prefix + "_" + n;
                while (used.contains(candidate)) {
                    n++;
                    candidate = prefix + "_" + n;
                }
                counters.put(prefix, n + 1);
                used.add(candidate);
                named.add(layer.withName(candidate));
            } else {
                named.add(layer);
            }
        }
        return List.copyOf(named);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
