package dev.layerlab.gui.model;

import dev.layerlab.data.TaskType;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.NetworkShape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelViewModelTest {
    ModelViewModel vm;

    @BeforeEach
    void setUp() {
        vm = new ModelViewModel();
        vm.shapeProperty().set(new NetworkShape(13, 1, TaskType.REGRESSION));
        vm.suggest();
    }

    @Test
    void suggestionFitsTheInputsAndTheSummaryCountsParameters() {
        assertThat(vm.layers()).hasSize(3);
        assertThat(((DenseLayer) vm.layers().get(0)).units()).isEqualTo(32);
        // 13*32+32 + 32*16+16 + 16*8+8 + 8+1
        assertThat(vm.totalParamsProperty().get()).isEqualTo(448 + 528 + 136 + 9);
        assertThat(vm.summaryTextProperty().get()).contains("dense_1");
        assertThat(vm.problems()).isEmpty();
    }

    @Test
    void addInsertsAfterTheSelectionAndUndoRedoRestore() {
        vm.selectedProperty().set(0);
        vm.add(ModelViewModel.LayerKind.DROPOUT);
        assertThat(vm.layers().get(1)).isInstanceOf(DropoutLayer.class);
        assertThat(vm.selectedProperty().get()).isEqualTo(1);
        vm.undo();
        assertThat(vm.layers()).hasSize(3);
        vm.redo();
        assertThat(vm.layers()).hasSize(4);
    }

    @Test
    void moveReordersLikeADrop() {
        vm.move(2, 0);
        assertThat(((DenseLayer) vm.layers().get(0)).units()).isEqualTo(8);
        vm.move(0, 3);
        assertThat(((DenseLayer) vm.layers().get(2)).units()).isEqualTo(8);
    }

    @Test
    void typingIntoOneLayerUndoesInOneStep() {
        DenseLayer d = (DenseLayer) vm.layers().get(0);
        vm.replace(0, d.withUnits(6));
        vm.replace(0, d.withUnits(64));
        vm.undo();
        assertThat(((DenseLayer) vm.layers().get(0)).units()).isEqualTo(32);
    }

    @Test
    void duplicateAndDelete() {
        vm.duplicate(1);
        assertThat(vm.layers()).hasSize(4);
        assertThat(vm.layers().get(2).name()).isNotEqualTo(vm.layers().get(1).name());
        vm.remove(2);
        vm.remove(0);
        assertThat(vm.layers()).hasSize(2);
    }

    @Test
    void badSettingsAreReportedAsProblems() {
        vm.learningRateProperty().set(-1);
        assertThat(vm.problems()).anyMatch(p -> p.contains("learning rate"));
        vm.learningRateProperty().set(0.001);
        vm.replace(0, ((DenseLayer) vm.layers().get(0)).withUnits(0));
        assertThat(vm.problems()).isNotEmpty();
    }

    @Test
    void switchingOptimizerMovesAnUntouchedLearningRateToItsUsualValue() {
        vm.optimizerProperty().set(dev.layerlab.training.OptimizerKind.SGD);
        assertThat(vm.learningRateProperty().get()).isEqualTo(0.01);
        assertThat(vm.toTrainingSpec().optimizer().learningRate()).isEqualTo(0.01);
    }
}
