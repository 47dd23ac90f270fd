package dev.layerlab.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.gui.graph.GraphEditorViewModel.Edge;
import dev.layerlab.gui.graph.GraphEditorViewModel.NodeType;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.NetworkTemplates;
import dev.layerlab.model.NetworkValidator;
import dev.layerlab.model.OutputNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The editor's state without a window: wiring, deleting, history, layout, templates. */
class GraphEditorViewModelTest {

    static final List<String> COLUMNS = List.of("longitude", "latitude", "housing_median_age", "total_rooms",
            "total_bedrooms", "population", "households", "median_income");

    private final GraphEditorViewModel vm = new GraphEditorViewModel(COLUMNS);

    private OutputNode out(String name) {
        return vm.getSpec().outputs().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void startsAsInputToOutputAndAddsNamedNodesAtFreeSpots() {
        assertThat(vm.nodesProperty().get()).extracting(GraphEditorViewModel.NodeInfo::name)
                .containsExactly("input", "output");
        assertThat(vm.edges()).containsExactly(new Edge("input", "output"));

        assertThat(vm.addNode(NodeType.DENSE, null)).isEqualTo("dense");
        assertThat(vm.addNode(NodeType.DENSE, null)).isEqualTo("dense_1");
        assertThat(vm.addNode(NodeType.CONCATENATE, null)).isEqualTo("concatenate");
        assertThat(vm.addNode(NodeType.INPUT, null)).isEqualTo("input_1");
        assertThat(vm.addNode(NodeType.OUTPUT, null)).isEqualTo("output_1");
        assertThat(vm.selectedNodeProperty().get()).isEqualTo("output_1");

        NetworkSpec spec = vm.getSpec();
        // Explicit once edited: every layer listed, new layers unconnected, outputs name their source.
        assertThat(spec.connections()).containsEntry("dense", List.of()).containsEntry("dense_1", List.of())
                .containsEntry("concatenate", List.of());
        assertThat(spec.inputs()).extracting(i -> i.name()).containsExactly("input", "input_1");
        assertThat(out("output").from()).isEqualTo("input");
        assertThat(out("output_1").from()).isEmpty();
        assertThat(vm.problems()).anyMatch(p -> p.contains("'output_1' is not connected"));
        assertThat(vm.problemsOf("dense")).isNotEmpty();
        // No two nodes share a spot.
        assertThat(vm.positions().values()).doesNotHaveDuplicates().hasSize(7);
    }

    @Test
    void connectReplacesSingleInputsAppendsToMergesAndSetsOutputFrom() {
        vm.addNode(NodeType.DENSE, null);
        vm.addNode(NodeType.DENSE, null);
        vm.addNode(NodeType.CONCATENATE, null);
        assertThat(vm.connect("input", "dense")).isTrue();
        assertThat(vm.connect("input", "dense_1")).isTrue();
        assertThat(vm.connect("dense", "dense_1")).isTrue(); // replaces input -> dense_1
        assertThat(vm.connect("input", "concatenate")).isTrue();
        assertThat(vm.connect("dense_1", "concatenate")).isTrue(); // appends
        assertThat(vm.connect("dense_1", "concatenate")).isFalse(); // already there
        assertThat(vm.connect("concatenate", "output")).isTrue();

        NetworkSpec spec = vm.getSpec();
        assertThat(spec.connections()).isEqualTo(Map.of("dense", List.of("input"), "dense_1", List.of("dense"),
                "concatenate", List.of("input", "dense_1")));
        assertThat(out("output").from()).isEqualTo("concatenate");
        assertThat(NetworkValidator.problems(spec, vm.effectiveShape())).isEmpty();
        assertThat(vm.problems()).isEmpty();

        // Nonsense wires are refused.
        assertThat(vm.connect("dense", "input")).isFalse();
        assertThat(vm.connect("output", "dense")).isFalse();
        assertThat(vm.connect("dense", "dense")).isFalse();
        assertThat(vm.connect("nope", "dense")).isFalse();

        assertThat(vm.disconnect("input", "concatenate")).isTrue();
        assertThat(vm.getSpec().connections().get("concatenate")).containsExactly("dense_1");
        assertThat(vm.disconnect("concatenate", "output")).isTrue();
        assertThat(out("output").from()).isEmpty();
        assertThat(vm.problems()).anyMatch(p -> p.contains("output 'output' is not connected"))
                .anyMatch(p -> p.contains("merge 'concatenate' merges 1 input"));
        assertThat(vm.disconnect("concatenate", "output")).isFalse();
    }

    @Test
    void deletingANodeRemovesItsWiresButKeepsTheLastInputAndOutput() {
        vm.addNode(NodeType.DENSE, null);
        vm.connect("input", "dense");
        vm.connect("dense", "output");
        vm.selectEdge(new Edge("input", "dense"));
        assertThat(vm.deleteSelection()).isTrue();
        assertThat(vm.getSpec().connections().get("dense")).isEmpty();
        vm.connect("input", "dense");

        assertThat(vm.removeNode("dense")).isTrue();
        assertThat(vm.getSpec().layers()).isEmpty();
        assertThat(vm.getSpec().connections()).doesNotContainKey("dense");
        assertThat(out("output").from()).isEmpty();
        assertThat(vm.positions()).doesNotContainKey("dense");

        assertThat(vm.removeNode("input")).isFalse();
        assertThat(vm.removeNode("output")).isFalse();
        vm.addNode(NodeType.INPUT, null);
        vm.selectNode("input");
        assertThat(vm.deleteSelection()).isTrue();
        assertThat(vm.getSpec().inputs()).extracting(i -> i.name()).containsExactly("input_1");
    }

    @Test
    void duplicateAndRenameKeepTheWiring() {
        vm.addNode(NodeType.DENSE, null);
        vm.connect("input", "dense");
        vm.connect("dense", "output");
        String copy = vm.duplicateNode("dense");
        assertThat(copy).isEqualTo("dense_1");
        assertThat(vm.getSpec().connections().get("dense_1")).containsExactly("input");

        assertThat(vm.rename("dense", "hidden")).isNull();
        assertThat(vm.getSpec().connections()).containsKey("hidden").doesNotContainKey("dense");
        assertThat(out("output").from()).isEqualTo("hidden");
        assertThat(vm.positions()).containsKey("hidden");
        assertThat(vm.rename("hidden", "dense_1")).contains("already used");
        assertThat(vm.rename("output", "main_output")).isNull();
        assertThat(vm.rename("hidden", "output")).contains("reserved");
        assertThat(vm.rename("input", "deep_input")).isNull();
        assertThat(vm.getSpec().connections().get("hidden")).containsExactly("deep_input");
    }

    @Test
    void undoAndRedoRestoreSpecAndPositions() {
        NetworkSpec start = vm.getSpec();
        Map<String, ?> startPositions = Map.copyOf(vm.positions());
        assertThat(vm.canUndoProperty().get()).isFalse();
        vm.addNode(NodeType.DENSE, null);
        vm.connect("input", "dense");
        NetworkSpec connected = vm.getSpec();
        vm.markUndoPoint();
        vm.moveNode("dense", new javafx.geometry.Point2D(500, 400));

        vm.undo();
        assertThat(vm.positions().get("dense")).isNotEqualTo(new javafx.geometry.Point2D(500, 400));
        vm.undo();
        assertThat(vm.getSpec().connections().get("dense")).isEmpty();
        vm.undo();
        assertThat(vm.getSpec()).isEqualTo(start);
        assertThat(vm.positions()).isEqualTo(startPositions);
        assertThat(vm.canUndoProperty().get()).isFalse();
        assertThat(vm.canRedoProperty().get()).isTrue();

        vm.redo();
        vm.redo();
        assertThat(vm.getSpec()).isEqualTo(connected);
        vm.redo();
        assertThat(vm.positions().get("dense")).isEqualTo(new javafx.geometry.Point2D(500, 400));
        assertThat(vm.canRedoProperty().get()).isFalse();

        // Typing in one field is one undo step.
        DenseLayer dense = (DenseLayer) vm.layer("dense");
        vm.updateLayer("dense", dense.withUnits(1), "units:dense");
        vm.updateLayer("dense", dense.withUnits(12), "units:dense");
        vm.updateLayer("dense", dense.withUnits(128), "units:dense");
        vm.undo();
        assertThat(((DenseLayer) vm.layer("dense")).units()).isEqualTo(32);
    }

    @Test
    void aCycleIsAllowedAndReportedByTheValidator() {
        vm.addNode(NodeType.DENSE, null);
        vm.addNode(NodeType.DENSE, null);
        vm.connect("input", "dense");
        vm.connect("dense", "dense_1");
        vm.connect("dense_1", "output");
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.connect("dense_1", "dense")).isTrue();
        assertThat(vm.problems()).anyMatch(p -> p.contains("cycle") && p.contains("'dense'") && p.contains("'dense_1'"));
        assertThat(vm.problemsOf("dense")).anyMatch(p -> p.contains("cycle"));
        assertThat(vm.layoutColumns()).containsEntry("input", 0); // cycle nodes still get a column
        assertThat(vm.layoutColumns()).containsKeys("dense", "dense_1", "output");
    }

    @Test
    void templatesAreLaidOutInLayersLeftToRight() {
        vm.applyTemplate("wide-deep-aux");
        assertThat(vm.getSpec()).isEqualTo(NetworkTemplates.forData("wide-deep-aux", COLUMNS));
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.layoutColumns()).isEqualTo(Map.of("wide_input", 0, "deep_input", 0, "hidden1", 1,
                "hidden2", 2, "concat", 3, "main_output", 4, "aux_output", 3));
        double columnWidth = GraphEditorViewModel.NODE_WIDTH + GraphEditorViewModel.COLUMN_GAP;
        assertThat(vm.positions().get("concat").getX()).isEqualTo(GraphEditorViewModel.MARGIN + 3 * columnWidth);
        assertThat(vm.positions().get("concat").getY()).isNotEqualTo(vm.positions().get("aux_output").getY());
        // The wide input runs straight to the concatenation; the deep stack sits on the row below.
        assertThat(vm.positions().get("wide_input").getY()).isEqualTo(vm.positions().get("concat").getY())
                .isEqualTo(vm.positions().get("main_output").getY());
        assertThat(vm.positions().get("hidden1").getY()).isEqualTo(vm.positions().get("deep_input").getY())
                .isEqualTo(vm.positions().get("hidden2").getY()).isEqualTo(vm.positions().get("aux_output").getY());
        assertThat(vm.node("hidden1").subtitle()).isEqualTo("(None, 30) · 210 params");
        assertThat(vm.node("wide_input").detail()).startsWith("5 columns: longitude");
        assertThat(vm.edges()).contains(new Edge("hidden2", "aux_output"), new Edge("wide_input", "concat"));

        vm.undo();
        assertThat(vm.getSpec()).isEqualTo(NetworkSpec.of());

        vm.applyTemplate("sequential");
        assertThat(vm.edges()).containsExactly(new Edge("input", "hidden1"), new Edge("hidden1", "hidden2"),
                new Edge("hidden2", "output"));
        assertThat(vm.layoutColumns()).isEqualTo(Map.of("input", 0, "hidden1", 1, "hidden2", 2, "output", 3));

        // Moving nodes then auto-layout puts them back, undoably.
        vm.moveNode("hidden1", new javafx.geometry.Point2D(900, 900));
        vm.autoLayout();
        assertThat(vm.positions().get("hidden1").getX()).isEqualTo(GraphEditorViewModel.MARGIN + columnWidth);
        vm.undo();
        assertThat(vm.positions().get("hidden1")).isEqualTo(new javafx.geometry.Point2D(900, 900));
    }

    @Test
    void anEditedGraphSurvivesAJsonRoundTrip() {
        vm.applyTemplate("wide-deep");
        vm.addNode(NodeType.DROPOUT, null);
        vm.connect("hidden1", "dropout");
        vm.connect("dropout", "hidden2");
        NetworkSpec spec = vm.getSpec();
        assertThat(NetworkSpec.fromJson(spec.toJson())).isEqualTo(spec);
        assertThat(vm.problems()).isEmpty();
    }

    @Test
    void inputColumnsAndOutputSettingsAreEditable() {
        vm.setInputColumns("input", List.of("median_income"));
        assertThat(vm.getSpec().inputs().get(0).columns()).containsExactly("median_income");
        assertThat(vm.node("input").subtitle()).isEqualTo("(None, 1)");
        vm.setInputColumns("input", List.of("no_such_column"));
        assertThat(vm.problemsOf("input")).anyMatch(p -> p.contains("no_such_column"));
        vm.updateOutput("output", o -> new OutputNode(o.name(), o.from(), o.settings(), 0.25), "w");
        assertThat(out("output").lossWeight()).isEqualTo(0.25);
        assertThat(out("output").from()).isEqualTo("input");
    }
}
