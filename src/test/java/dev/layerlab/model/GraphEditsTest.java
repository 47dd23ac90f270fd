package dev.layerlab.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.data.TaskType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Graph edits as spec-to-spec functions, checked against the validator and the resolved graph. */
class GraphEditsTest {
    private static final NetworkShape SHAPE = new NetworkShape(3, 1, TaskType.REGRESSION, List.of("a", "b", "c"));

    @Test
    void aWideAndDeepNetworkBuiltByEditsIsValidAndWiredAsAsked() {
        NetworkSpec s = NetworkSpec.of(DenseLayer.of(8, Activation.RELU));
        String deep = s.layers().get(0).name();
        GraphEdits.Added wide = GraphEdits.addInput(s, List.of("a"));
        GraphEdits.Added merge = GraphEdits.addLayer(wide.spec(), MergeLayer.of(MergeMode.CONCATENATE));
        s = GraphEdits.connect(merge.spec(), deep, merge.name());
        s = GraphEdits.connect(s, wide.name(), merge.name());
        String output = NetworkGraph.outputsOf(s).get(0).name();
        s = GraphEdits.connect(s, merge.name(), output);
        assertThat(GraphEdits.isExplicit(s)).isTrue();
        assertThat(NetworkValidator.problems(s, SHAPE)).isEmpty();
        assertThat(GraphEdits.wires(s)).contains(new GraphEdits.Wire(deep, merge.name()),
                new GraphEdits.Wire(wide.name(), merge.name()), new GraphEdits.Wire(merge.name(), output));
        // 8 deep units + 1 wide column concatenated
        assertThat(NetworkGraph.of(s, SHAPE).nodes().stream().filter(n -> n.name().equals(merge.name())).findFirst()
                .orElseThrow().width()).isEqualTo(9);
        assertThat(GraphEdits.connect(s, wide.name(), merge.name())).as("an existing wire").isNull();
        assertThat(GraphEdits.connect(s, output, deep)).as("out of an output").isNull();
        assertThat(GraphEdits.connect(s, deep, wide.name())).as("into an input").isNull();
    }

    @Test
    void removeRenameAndDuplicateKeepTheWiringConsistent() {
        NetworkSpec s = GraphEdits.explicit(NetworkSpec.of(DenseLayer.of(8, Activation.RELU), DropoutLayer.of(0.1)));
        String dense = s.layers().get(0).name();
        String dropout = s.layers().get(1).name();
        assertThat(GraphEdits.renameProblem(s, dense, dropout)).contains("already used");
        assertThat(GraphEdits.renameProblem(s, dense, " ")).contains("empty");
        NetworkSpec renamed = GraphEdits.rename(s, dense, "hidden");
        assertThat(renamed.connections().get(dropout)).containsExactly("hidden");
        GraphEdits.Added copy = GraphEdits.duplicate(renamed, "hidden");
        assertThat(copy.spec().connections().get(copy.name())).isEqualTo(renamed.connections().get("hidden"));
        NetworkSpec removed = GraphEdits.removeNode(copy.spec(), "hidden");
        assertThat(GraphEdits.nodeNames(removed)).doesNotContain("hidden");
        assertThat(removed.connections().get(dropout)).isEmpty();
        assertThat(NetworkValidator.problems(removed, SHAPE)).isNotEmpty(); // the dropout now has no source
        String input = NetworkGraph.inputsOf(s).get(0).name();
        assertThat(GraphEdits.removeNode(s, input)).as("the last input stays").isNull();
        assertThat(GraphEdits.disconnect(s, dense, dropout).connections().get(dropout)).isEmpty();
    }
}
