package dev.layerlab.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.data.TaskType;
import dev.layerlab.gui.graph.GraphEditorViewModel;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.NetworkShape;
import dev.layerlab.model.NetworkSpec;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The layer list and the graph editor of the Model screen keep one undo history: Ctrl+Z in either undoes the last edit. */
class OneUndoHistoryTest {
    ModelViewModel vm;
    GraphEditorViewModel graph;

    @BeforeEach
    void setUp() {
        vm = new ModelViewModel();
        vm.shapeProperty().set(new NetworkShape(3, 1, TaskType.REGRESSION, List.of("a", "b", "c")));
        vm.suggest();
        graph = vm.graph();
    }

    @Test
    void editsInBothEditorsUndoInOrderFromEitherEditor() {
        NetworkSpec suggested = vm.networkProperty().get();
        vm.add(ModelViewModel.LayerKind.DROPOUT); // edit 1: layer list
        NetworkSpec withDropout = vm.networkProperty().get();
        vm.setGraphShown(true);
        assertThat(graph.getSpec()).isEqualTo(withDropout);
        String dense = graph.addNode(GraphEditorViewModel.NodeType.DENSE, null); // edit 2: graph editor
        assertThat(vm.networkProperty().get()).as("the network follows the graph").isEqualTo(graph.getSpec());
        assertThat(vm.layers()).extracting(l -> l.name()).contains(dense);
        NetworkSpec withDense = vm.networkProperty().get();

        // Undo from the layer list undoes the graph's edit, and the graph shows it.
        vm.undo();
        assertThat(vm.networkProperty().get()).isEqualTo(withDropout);
        assertThat(graph.getSpec()).isEqualTo(withDropout);
        // Undo from the graph editor undoes the layer list's edit, and the layer list shows it.
        graph.undo();
        assertThat(vm.networkProperty().get()).isEqualTo(suggested);
        assertThat(graph.getSpec()).isEqualTo(suggested);
        assertThat(vm.canUndoProperty().get()).isTrue(); // the suggestion itself
        assertThat(graph.canRedoProperty().get()).isTrue();

        // Redo, from either editor, replays both edits in order.
        graph.redo();
        assertThat(vm.layers()).hasAtLeastOneElementOfType(DropoutLayer.class);
        assertThat(graph.getSpec()).isEqualTo(withDropout);
        vm.redo();
        assertThat(vm.networkProperty().get()).isEqualTo(withDense);
        assertThat(graph.getSpec()).isEqualTo(withDense);
        assertThat(vm.canRedoProperty().get()).isFalse();
        assertThat(graph.canRedoProperty().get()).isFalse();
    }

    @Test
    void aGraphEditIsOneStepNotTwo() {
        vm.setGraphShown(true);
        NetworkSpec before = vm.networkProperty().get();
        graph.addNode(GraphEditorViewModel.NodeType.DROPOUT, null);
        vm.undo();
        assertThat(vm.networkProperty().get()).isEqualTo(before);
        assertThat(graph.getSpec()).isEqualTo(before);
        // the step before is the suggestion: undoing it empties the network
        vm.undo();
        assertThat(vm.layers()).isEmpty();
    }

    @Test
    void typingInAFieldIsOneStepButEditsOfTheOtherEditorAreNotMergedIntoIt() {
        vm.selectedProperty().set(0);
        DenseLayer first = (DenseLayer) vm.layers().get(0);
        vm.replace(0, first.withUnits(1));
        vm.replace(0, first.withUnits(12));
        vm.replace(0, first.withUnits(128));
        vm.setGraphShown(true);
        String name = vm.layers().get(0).name();
        graph.updateLayer(name, ((DenseLayer) vm.layers().get(0)).withUnits(64), "edit-0");
        assertThat(((DenseLayer) vm.layers().get(0)).units()).isEqualTo(64);
        vm.undo(); // the graph's edit, although it used the same key
        assertThat(((DenseLayer) vm.layers().get(0)).units()).isEqualTo(128);
        vm.undo(); // the three keystrokes at once
        assertThat(((DenseLayer) vm.layers().get(0)).units()).isEqualTo(first.units());
    }

    @Test
    void openingAnotherNetworkForgetsTheHistoryOfBoth() {
        vm.setGraphShown(true);
        graph.addNode(GraphEditorViewModel.NodeType.DENSE, null);
        vm.loadNetwork(NetworkSpec.of(DenseLayer.of(4, dev.layerlab.model.Activation.RELU)));
        assertThat(vm.canUndoProperty().get()).isFalse();
        assertThat(graph.canUndoProperty().get()).isFalse();
        assertThat(graph.getSpec()).isEqualTo(vm.networkProperty().get());
    }
}
