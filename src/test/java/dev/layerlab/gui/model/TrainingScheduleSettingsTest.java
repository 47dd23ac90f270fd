package dev.layerlab.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.ScheduleKind;
import dev.layerlab.training.TrainingSpec;
import org.junit.jupiter.api.Test;

/** The Model screen's schedule, warm-up and weight-decay settings reach the training spec; loaded ones are kept. */
class TrainingScheduleSettingsTest {
    @Test
    void aLoadedScheduleSurvivesTheScreenAndNewChoicesReachTheSpec() {
        ModelViewModel vm = new ModelViewModel();
        OptimizerSpec loaded = new OptimizerSpec(OptimizerKind.SGD, 0.05, 0.8, ScheduleKind.STEP, 0.3, 7, null, null, null);
        vm.applyTraining(TrainingSpec.defaults().withOptimizer(loaded));
        assertThat(vm.toTrainingSpec().optimizer()).isEqualTo(loaded);

        vm.scheduleProperty().set(ScheduleKind.ONE_CYCLE);
        vm.warmupEpochsProperty().set(3);
        vm.weightDecayProperty().set(0.01);
        OptimizerSpec edited = vm.toTrainingSpec().optimizer();
        assertThat(edited.schedule()).isEqualTo(ScheduleKind.ONE_CYCLE);
        assertThat(edited.warmupEpochs()).isEqualTo(3);
        assertThat(edited.weightDecay()).isEqualTo(0.01);
        assertThat(edited.momentum()).isEqualTo(0.8);
    }
}
