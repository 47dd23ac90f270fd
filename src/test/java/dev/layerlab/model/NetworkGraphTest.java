package dev.layerlab.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.data.TaskType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkGraphTest {
    static final List<String> FEATURES = List.of("a", "b", "c", "colour=red", "colour=blue");
    static final NetworkShape SHAPE = new NetworkShape(5, 1, TaskType.REGRESSION, FEATURES);

    static NetworkSpec wideDeep() {
        return NetworkTemplates.forData("wide-deep-aux", List.of("a", "b", "c", "colour"));
    }

    static NetworkSpec rewire(NetworkSpec spec, String node, List<String> from) {
        Map<String, List<String>> connections = new LinkedHashMap<>(spec.connections());
        connections.put(node, from);
        return spec.withConnections(connections);
    }

    @Test
    void wideAndDeepTemplateIsValidAndResolvesWidths() {
        NetworkGraph graph = NetworkGraph.of(wideDeep(), SHAPE);

        assertThat(graph.problems()).isEmpty();
        assertThat(NetworkValidator.problems(wideDeep(), SHAPE)).isEmpty();
        Map<String, Long> widths = new LinkedHashMap<>();
        graph.nodes().forEach(n -> widths.put(n.name(), n.width()));
        // wide takes the first five columns (a, b, c, colour -> 3 + 2 one-hot); deep from the third on (c, colour)
        assertThat(widths).containsEntry("wide_input", 5L).containsEntry("deep_input", 3L)
                .containsEntry("concat", 35L).containsEntry("main_output", 1L);
        assertThat(graph.outputs()).extracting(NetworkGraph.Node::name).containsExactlyInAnyOrder("main_output", "aux_output");
    }

    @Test
    void aSequentialSpecIsAChainFromOneInputToOneOutput() {
        NetworkSpec chain = NetworkSpec.of(DenseLayer.of(8, Activation.RELU), DropoutLayer.of(0.1));
        NetworkGraph graph = NetworkGraph.of(chain, SHAPE);

        assertThat(chain.isGraph()).isFalse();
        assertThat(graph.nodes()).extracting(NetworkGraph.Node::name).containsExactly("input", "dense", "dropout", "output");
        assertThat(graph.nodes().get(3).from()).containsExactly("dropout");
    }

    @Test
    void cycleIsReported() {
        NetworkSpec spec = rewire(wideDeep(), "hidden1", List.of("hidden2"));

        assertThat(NetworkValidator.problems(spec, SHAPE)).anyMatch(p -> p.startsWith("the connections form a cycle through")
                && p.contains("'hidden1'") && p.contains("'hidden2'"));
    }

    @Test
    void danglingLayerIsReported() {
        NetworkSpec spec = wideDeep().withLayerAdded(DenseLayer.of(4, Activation.RELU).withName("spare"));
        spec = rewire(spec, "spare", List.of("hidden1"));

        assertThat(NetworkValidator.problems(spec, SHAPE)).contains("layer 'spare' is dangling: its result reaches no output");
    }

    @Test
    void unknownSourceIsReported() {
        NetworkSpec spec = rewire(wideDeep(), "concat", List.of("wide_input", "nowhere"));

        assertThat(NetworkValidator.problems(spec, SHAPE)).contains("merge 'concat' takes input from 'nowhere', which does not exist");
    }

    @Test
    void outputUnreachableFromAnyInputIsReported() {
        NetworkSpec spec = rewire(wideDeep(), "hidden1", List.of());

        assertThat(NetworkValidator.problems(spec, SHAPE))
                .contains("layer 'hidden1' has no input: connect it to an input or another layer")
                .contains("output 'aux_output' cannot be reached from any input");
    }

    @Test
    void addingBranchesOfDifferentWidthIsReported() {
        NetworkSpec spec = wideDeep().withLayerReplaced(2, new MergeLayer("concat", MergeMode.ADD));

        assertThat(NetworkValidator.problems(spec, SHAPE))
                .anyMatch(p -> p.startsWith("merge 'concat' (add) needs inputs of equal width, got 5 and 30"));
    }

    @Test
    void inputWithNoColumnsOrUnknownColumnsIsReported() {
        NetworkSpec spec = wideDeep().withInputs(List.of(new InputNode("wide_input", List.of("nope")),
                new InputNode("deep_input", List.of("c"))));

        assertThat(NetworkValidator.problems(spec, SHAPE))
                .contains("input 'wide_input' takes column 'nope', which is not an input feature of the data")
                .contains("input 'wide_input' takes no columns: choose at least one");
    }

    @Test
    void layerWithTwoInputsNeedsAMerge() {
        NetworkSpec spec = rewire(wideDeep(), "hidden2", List.of("hidden1", "wide_input"));

        assertThat(NetworkValidator.problems(spec, SHAPE))
                .contains("layer 'hidden2' receives 2 inputs: put a merge node (concatenate, add or average) before it");
    }

    @Test
    void graphSpecRoundTripsThroughJson() {
        NetworkSpec spec = wideDeep();

        NetworkSpec back = NetworkSpec.fromJson(spec.toJson());

        assertThat(back).isEqualTo(spec);
        assertThat(spec.toJson()).contains("\"type\" : \"merge\"").contains("\"lossWeight\" : 0.1");
    }

    @Test
    void oldSequentialFilesKeepLoadingAsSequential() {
        NetworkSpec old = NetworkSpec.fromJson("{\"layers\":[{\"type\":\"dense\",\"units\":64,\"activation\":\"relu\"}],\"output\":{}}");

        assertThat(old.isGraph()).isFalse();
        assertThat(old.inputs()).isEmpty();
        assertThat(old.toJson()).doesNotContain("connections").doesNotContain("inputs");
    }

    @Test
    void summaryShowsConnectedToAndMatchesDl4jParameterCount() {
        ModelSummary summary = ModelSummary.of(wideDeep(), SHAPE);
        var graph = new org.deeplearning4j.nn.graph.ComputationGraph(Dl4jTranslator.toGraphConfiguration(wideDeep(), SHAPE,
                new org.nd4j.linalg.learning.config.Adam(1e-3), 1));
        graph.init();

        assertThat(summary.totalParams()).isEqualTo(graph.numParams());
        assertThat(summary.render()).contains("Model: \"functional\"").contains("Connected to")
                .containsPattern("concat \\(Concatenate\\)\\s+\\(None, 35\\)\\s+0\\s+wide_input, hidden2");
    }
}
