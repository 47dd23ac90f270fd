package dev.layerlab.export.codegen;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.RatioFeature;
import dev.layerlab.data.TargetTransform;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.ScheduleKind;
import dev.layerlab.training.TrainingSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings the generated code cannot reproduce yet are refused in one line by both generators, not exported wrongly. */
class ExportLimitsTest {
    static final NetworkSpec NET = NetworkSpec.of(DenseLayer.of(8, Activation.RELU));
    static final Experiment BASE = new Experiment(0, "x", DataSpec.of("a.csv", "y"), NET, TrainingSpec.defaults());

    static void refusedByBoth(Experiment e, String words) {
        assertThatThrownBy(() -> Dl4jGenerator.generate(e, "Net")).isInstanceOf(InvalidInputException.class).hasMessageContaining(words);
        assertThatThrownBy(() -> KerasGenerator.generate(e)).isInstanceOf(InvalidInputException.class).hasMessageContaining(words);
    }

    @Test
    void newScheduleWarmupWeightDecayAlphaDropoutRatiosAndLogTargetAreRefused() {
        OptimizerSpec adam = OptimizerSpec.defaults();
        refusedByBoth(BASE.withTraining(TrainingSpec.defaults().withOptimizer(adam.withSchedule(ScheduleKind.ONE_CYCLE, null))),
                "one-cycle learning-rate schedule");
        refusedByBoth(BASE.withTraining(TrainingSpec.defaults().withOptimizer(adam.withWarmupEpochs(3))), "warm-up");
        refusedByBoth(BASE.withTraining(TrainingSpec.defaults().withOptimizer(adam.withWeightDecay(0.01))), "weight decay");
        refusedByBoth(BASE.withNetwork(NetworkSpec.of(DenseLayer.of(8, Activation.SELU), DropoutLayer.alpha(0.1))), "alpha dropout");
        refusedByBoth(BASE.withData(BASE.data().withRatios(List.of(new RatioFeature("a", "b")))), "ratio inputs yet ('a/b')");
        refusedByBoth(BASE.withData(BASE.data().withTargetTransform(TargetTransform.LOG1P)), "log target");
    }
}
