package dev.layerlab.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.layerlab.InvalidInputException;
import dev.layerlab.data.TaskType;
import java.util.ArrayList;
import java.util.Arrays;
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
public record NetworkSpec(List<LayerSpec> layers, OutputSpec output) {

    // Lenient reading: unknown fields (from newer versions) are ignored, missing ones take defaults.
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.INDENT_OUTPUT, true)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public NetworkSpec {
        layers = autoName(layers == null ? List.of() : layers);
        output = output == null ? OutputSpec.auto() : output;
    }

    public static NetworkSpec of(LayerSpec... layers) {
        return new NetworkSpec(Arrays.asList(layers), OutputSpec.auto());
    }

    public NetworkSpec withLayers(List<LayerSpec> newLayers) {
        return new NetworkSpec(newLayers, output);
    }

    public NetworkSpec withOutput(OutputSpec newOutput) {
        return new NetworkSpec(layers, newOutput);
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
