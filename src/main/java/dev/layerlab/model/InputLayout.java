package dev.layerlab.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a spec's inputs become the inputs of the DL4J graph. Without embedded columns each spec input is one DL4J
 * input taking its features. A spec input that takes embedded columns becomes a dense input with its other
 * features (named as the spec input) plus, per embedded column, an index input ({@link EmbeddedColumn#inputName()})
 * and an embedding layer, concatenated by a merge vertex ({@code <input>_merge}) that the spec's layers read in
 * place of the input. An embedded column taken by several spec inputs has one index input and one embedding.
 */
public final class InputLayout {

    /**
     * One DL4J input.
     *
     * @param features  the feature columns it takes, or null for every feature
     * @param embedding the embedded column whose index it takes; null for a dense input
     */
    public record Input(String name, int[] features, EmbeddedColumn embedding) {
    }

    /** A vertex concatenating a spec input's branches. */
    public record Merge(String name, List<String> from) {
    }

    private final List<Input> inputs;
    private final List<Merge> merges;
    private final Map<String, String> alias;
    private final Map<String, Long> denseWidths;

    private InputLayout(List<Input> inputs, List<Merge> merges, Map<String, String> alias, Map<String, Long> denseWidths) {
        this.inputs = List.copyOf(inputs);
        this.merges = List.copyOf(merges);
        this.alias = Collections.unmodifiableMap(alias);
        this.denseWidths = Collections.unmodifiableMap(denseWidths);
    }

    public static InputLayout of(NetworkSpec spec, NetworkShape shape) {
        List<Input> inputs = new ArrayList<>();
        List<Merge> merges = new ArrayList<>();
        Map<String, String> alias = new LinkedHashMap<>();
        Map<String, Long> denseWidths = new LinkedHashMap<>();
        List<String> embedded = new ArrayList<>();
        for (InputNode node : NetworkGraph.inputsOf(spec)) {
            int[] indices = shape.featureIndices(node.columns());
            alias.put(node.name(), node.name());
            if (!shape.hasEmbeddings() || indices == null) {
                inputs.add(new Input(node.name(), node.columns().isEmpty() ? null : indices, null));
                continue;
            }
            List<Integer> dense = new ArrayList<>();
            List<EmbeddedColumn> columns = new ArrayList<>();
            for (int i : indices) {
                EmbeddedColumn e = shape.embeddingAt(i);
                if (e == null) {
                    dense.add(i);
                } else {
                    columns.add(e);
                }
            }
            if (columns.isEmpty()) {
                inputs.add(new Input(node.name(), node.columns().isEmpty() ? null : indices, null));
                continue;
            }
            List<String> sources = new ArrayList<>();
            if (!dense.isEmpty()) {
                inputs.add(new Input(node.name(), dense.stream().mapToInt(Integer::intValue).toArray(), null));
                sources.add(node.name());
                denseWidths.put(node.name(), (long) dense.size());
            }
            for (EmbeddedColumn e : columns) {
                if (!embedded.contains(e.column())) {
                    embedded.add(e.column());
                    int at = shape.featureNames().indexOf(e.featureName());
                    inputs.add(new Input(e.inputName(), new int[] {at}, e));
                }
                sources.add(e.layerName());
            }
            if (sources.size() == 1) {
                alias.put(node.name(), sources.get(0));
            } else {
                String merge = node.name() + "_merge";
                merges.add(new Merge(merge, sources));
                alias.put(node.name(), merge);
            }
        }
        return new InputLayout(inputs, merges, alias, denseWidths);
    }

    /** The DL4J inputs in the order the graph takes them. */
    public List<Input> inputs() {
        return inputs;
    }

    /** The merge vertices joining dense inputs and embeddings. */
    public List<Merge> merges() {
        return merges;
    }

    /** The embedded columns, each once, in input order. */
    public List<EmbeddedColumn> embeddings() {
        return inputs.stream().filter(i -> i.embedding() != null).map(Input::embedding).toList();
    }

    /** The DL4J node that carries what the spec calls {@code node}: itself, or its merge of dense input and embeddings. */
    public String resolve(String node) {
        return alias.getOrDefault(node, node);
    }

    /** A dense DL4J input's width, when it is only part of its spec input (embedded columns taken out). */
    public Long denseWidth(String input) {
        return denseWidths.get(input);
    }
}
