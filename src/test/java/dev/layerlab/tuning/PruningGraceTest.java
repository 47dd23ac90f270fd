package dev.layerlab.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.experiment.ParamDomain;
import dev.layerlab.experiment.SearchSpace;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.TrainingSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No pruner stops a trial inside its grace period (a share of the epoch budget, 25 % unless set). */
class PruningGraceTest {
    @TempDir
    Path dir;

    static final Objective LOSS = new Objective("val_loss", false);

    @Test
    void theMedianRuleWaitsOutTheGraceEpochs() {
        MedianPruner pruner = new MedianPruner(LOSS, 1, 5);
        for (int e = 1; e <= 10; e++) {
            pruner.report(0, e, 1.0);
        }
        pruner.finished(0);
        for (int e = 1; e <= 5; e++) {
            assertThat(pruner.report(1, e, 100.0)).as("epoch %d", e).isFalse();
        }
        assertThat(pruner.report(1, 6, 100.0)).isTrue();
    }

    @Test
    void ashaRungsStartAtTheGraceEpochs() {
        assertThat(AshaPruner.hyperband(LOSS, 100, 25).rungEpochs(0)).containsExactly(25, 75);
        assertThat(AshaPruner.hyperband(LOSS, 100).rungEpochs(0)).startsWith(1, 3, 9);
    }

    @Test
    void theGraceComesFromTheCommandElseTheExperimentElseAQuarter() {
        Path csv = TestData.regression(dir, 80);
        Experiment base = new Experiment(0, "t", DataSpec.of(csv.toString(), "y"), NetworkSpec.of(DenseLayer.of(4, Activation.RELU)),
                TrainingSpec.defaults().withEpochs(40));
        PreparedData data = DataPipeline.prepare(base.data(), dir);
        StudySettings settings = new StudySettings(StrategyKind.RANDOM, 2, 1, 0, null, null, 7, PrunerKind.MEDIAN, 0, null);

        assertThat(new Study(base, data, settings, null).graceEpochs()).isEqualTo(10);
        Experiment half = base.withSearch(SearchSpace.defaults().withPruningGrace(0.5));
        assertThat(new Study(half, data, settings, null).graceEpochs()).isEqualTo(20);
        assertThat(new Study(half, data, settings.withPruningGrace(0.1), null).graceEpochs()).isEqualTo(4);
        assertThat(new Study(half, data, settings.withMaxEpochs(10), null).graceEpochs()).isEqualTo(5);

        Experiment back = ExperimentJson.fromJson(ExperimentJson.toJson(half), "t");
        assertThat(back.search().pruningGrace()).isEqualTo(0.5);
        assertThat(ExperimentJson.toJson(base.withSearch(SearchSpace.defaults()))).doesNotContain("pruningGrace");
        assertThatThrownBy(() -> settings.withPruningGrace(1.5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("between 0 and 1");
    }

    @Test
    void aRealStudyPrunesNoTrialInsideItsGrace() {
        Path csv = TestData.regression(dir, 120);
        Experiment base = new Experiment(0, "t", DataSpec.of(csv.toString(), "y"), NetworkSpec.of(DenseLayer.of(8, Activation.RELU)),
                TrainingSpec.defaults().withEpochs(8).withBatchSize(32))
                .withSearch(SearchSpace.of(Map.of()).with(SearchSpace.LEARNING_RATE, new ParamDomain.LogUniform(1e-5, 3e-2))
                        .withPruningGrace(0.5));
        PreparedData data = DataPipeline.prepare(base.data(), dir);
        StudySettings settings = new StudySettings(StrategyKind.RANDOM, 10, 2, 0, null, null, 3, PrunerKind.MEDIAN, 0, 0);
        StudyResult result = new Study(base, data, settings, null).run();

        assertThat(result.trials()).hasSize(10);
        result.trials().stream().filter(t -> t.status() == TrialStatus.PRUNED)
                .forEach(t -> assertThat(t.curve().size()).as("trial %d", t.number()).isGreaterThan(4));
    }
}
