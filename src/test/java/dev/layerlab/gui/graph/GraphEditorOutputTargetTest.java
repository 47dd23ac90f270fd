package dev.layerlab.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.data.TaskType;
import dev.layerlab.model.NetworkShape;
import dev.layerlab.model.NetworkTemplates;
import dev.layerlab.model.OutputNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Picking the column an output predicts, in the graph editor's view model (no window). */
class GraphEditorOutputTargetTest {
    static final List<String> COLUMNS = List.of("longitude", "latitude", "housing_median_age", "total_rooms",
            "total_bedrooms", "population", "households", "median_income", "ocean_proximity");

    private final GraphEditorViewModel vm = new GraphEditorViewModel(COLUMNS.subList(0, 8));

    /** The Data screen's shape: every other column is offered as a possible target. */
    static NetworkShape workbenchShape() {
        List<String> features = new java.util.ArrayList<>(COLUMNS.subList(0, 8));
        for (String c : List.of("<1H OCEAN", "INLAND", "ISLAND", "NEAR BAY", "NEAR OCEAN")) {
            features.add("ocean_proximity=" + c);
        }
        Map<String, NetworkShape.Target> targets = new LinkedHashMap<>();
        COLUMNS.subList(0, 8).forEach(c -> targets.put(c, new NetworkShape.Target(TaskType.REGRESSION, 1)));
        targets.put("ocean_proximity", new NetworkShape.Target(TaskType.MULTICLASS_CLASSIFICATION, 5));
        return new NetworkShape(features.size(), 1, TaskType.REGRESSION, features, "median_house_value", targets);
    }

    @BeforeEach
    void wideDeepAux() {
        vm.shapeProperty().set(workbenchShape());
        vm.load(NetworkTemplates.forData("wide-deep-aux", COLUMNS.subList(0, 8)));
    }

    private OutputNode out(String name) {
        return vm.getSpec().outputs().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    private GraphEditorViewModel.NodeInfo info(String name) {
        return vm.nodesProperty().get().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theTemplateTrainsBothHeadsOnTheExperimentsTarget() {
        assertThat(vm.getSpec().outputs()).extracting(OutputNode::target).containsOnlyNulls();
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.targetChoices()).contains("median_income", "ocean_proximity").doesNotContain("median_house_value");
    }

    @Test
    void anAuxiliaryHeadCanPredictAClassColumnAndIsSizedForIt() {
        vm.setOutputTarget("aux_output", "ocean_proximity");

        assertThat(out("aux_output").target()).isEqualTo("ocean_proximity");
        assertThat(vm.problems()).isEmpty();
        assertThat(info("aux_output").subtitle()).startsWith("(None, 5)");
        assertThat(info("aux_output").detail()).startsWith("→ ocean_proximity, softmax, categorical_crossentropy");

        vm.undo();
        assertThat(out("aux_output").target()).isNull();
        vm.redo();
        assertThat(out("aux_output").target()).isEqualTo("ocean_proximity");
        vm.setOutputTarget("aux_output", null);
        assertThat(out("aux_output").target()).isNull();
    }

    @Test
    void aPredictedColumnThatAnInputStillTakesIsShownAsALeak() {
        vm.setOutputTarget("aux_output", "median_income"); // the deep input takes median_income

        assertThat(vm.problemsOf("deep_input")).anyMatch(p -> p.contains("takes column 'median_income', which is what"
                + " output 'aux_output' predicts") && p.contains("leaks the answer"));
    }

    @Test
    void theMainOutputKeepsTheExperimentsTarget() {
        vm.setOutputTarget("main_output", "median_income");

        assertThat(vm.problemsOf("main_output")).anyMatch(p -> p.contains("the first output is the main one"));
    }

    @Test
    void renamingAndDuplicatingAnOutputKeepItsTarget() {
        vm.setOutputTarget("aux_output", "ocean_proximity");

        assertThat(vm.rename("aux_output", "ocean_head")).isNull();
        assertThat(out("ocean_head").target()).isEqualTo("ocean_proximity");
        String copy = vm.duplicateNode("ocean_head");
        assertThat(out(copy).target()).isEqualTo("ocean_proximity");
        vm.updateOutput("ocean_head", o -> o.withLossWeight(0.3), null);
        assertThat(out("ocean_head").target()).isEqualTo("ocean_proximity");
        assertThat(out("ocean_head").lossWeight()).isEqualTo(0.3);
    }
}
