package dev.layerlab.gui.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.TrainingSpec;
import dev.layerlab.tuning.Objective;
import dev.layerlab.experiment.ParamDomain;
import dev.layerlab.experiment.SearchSpace;
import dev.layerlab.tuning.StrategyKind;
import dev.layerlab.tuning.StudyListener;
import dev.layerlab.tuning.TrialRecord;
import dev.layerlab.tuning.TrialStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view model without a window: plain JUnit on the test thread. */
class TuningViewModelTest {
    @TempDir
    Path dir;

    @Test
    void editorRoundTripsTheDefaultSpaceAndCountsTheGrid() {
        TuningViewModel vm = new TuningViewModel();
        assertThat(vm.toSearchSpace().parameters()).isEqualTo(SearchSpace.defaults().parameters());
        assertThat(vm.row(SearchSpace.LEARNING_RATE).modeProperty().get()).isEqualTo(ParamRow.Mode.RANGE);
        assertThat(vm.row(SearchSpace.LEARNING_RATE).logProperty().get()).isTrue();
        assertThat(vm.row(SearchSpace.UNITS).pointsProperty().get()).isEqualTo("5 values");
        assertThat(vm.row(SearchSpace.LEARNING_RATE).pointsProperty().get()).startsWith("continuous");
        vm.strategyProperty().set(StrategyKind.GRID);
        assertThat(vm.budgetProperty().get()).contains("2,480 points");

        ParamRow opt = vm.row(SearchSpace.OPTIMIZER);
        opt.modeProperty().set(ParamRow.Mode.CHOICES);
        opt.choicesProperty().set("adam, sgd");
        assertThat(vm.toSearchSpace().parameters().get(SearchSpace.OPTIMIZER)).isEqualTo(ParamDomain.Choice.of("adam", "sgd"));
        assertThat(vm.budgetProperty().get()).contains("4,960 points");
        assertThat(opt.pointsProperty().get()).isEqualTo("2 values");

        ParamRow layers = vm.row(SearchSpace.HIDDEN_LAYERS);
        layers.modeProperty().set(ParamRow.Mode.FIX);
        layers.fixedProperty().set("2");
        assertThat(vm.toSearchSpace().parameters().get(SearchSpace.HIDDEN_LAYERS)).isEqualTo(new ParamDomain.Fixed(2));
        // 4 lr x 4 dropout x 2 optimizers x 5 x 5 units
        assertThat(vm.budgetProperty().get()).contains("800 points");

        ParamRow lr = vm.row(SearchSpace.LEARNING_RATE);
        lr.lowProperty().set("abc");
        assertThat(lr.errorProperty().get()).isEqualTo("not a number");
        assertThat(vm.budgetProperty().get()).contains("Fix the highlighted");
        lr.lowProperty().set("-1");
        assertThat(lr.errorProperty().get()).contains("0 < low");
    }

    @Test
    void perLayerUnitsGetTheirOwnRows() {
        TuningViewModel vm = new TuningViewModel();
        SearchSpace space = SearchSpace.defaults().with(SearchSpace.unitsName(0), new ParamDomain.Fixed(64));
        vm.loadSpace(space);
        assertThat(vm.row("network.units[0]").fixedProperty().get()).isEqualTo("64");
        assertThat(vm.toSearchSpace().parameters()).isEqualTo(space.parameters());
        vm.loadSpace(SearchSpace.defaults());
        assertThat(vm.parameters()).noneMatch(r -> r.name().equals("network.units[0]"));
    }

    static TrialRecord trial(int n, TrialStatus s, double v, long params, Map<String, Object> p) {
        return new TrialRecord(n, p, s, v, 3, 3, params, 100, List.of(v + 0.2, v + 0.1, v), null);
    }

    @Test
    void drainCoalescesProgressIntoTheLeaderboardAndCharts() {
        TuningViewModel vm = new TuningViewModel();
        vm.setObjective(new Objective("val_rmse", false));
        StudyListener l = vm.listener();
        l.onTrialStarted(0, Map.of(SearchSpace.LEARNING_RATE, 0.001, SearchSpace.OPTIMIZER, "adam"));
        l.onTrialStarted(1, Map.of(SearchSpace.LEARNING_RATE, 0.01, SearchSpace.OPTIMIZER, "sgd"));
        for (int e = 1; e <= 100; e++) {
            l.onTrialEpoch(0, e, 1.0 / e);
        }
        assertThat(vm.leaderboard()).isEmpty(); // nothing happens until drained
        assertThat(vm.drain()).isEqualTo(102);
        assertThat(vm.leaderboard()).hasSize(2);
        TrialRow row0 = vm.leaderboard().get(0);
        assertThat(row0.statusProperty().get()).isEqualTo("running");
        assertThat(row0.epochsProperty().get()).isEqualTo(100);
        assertThat(row0.valueProperty().get()).isEqualTo(0.01);
        assertThat(vm.curves().get(0)).hasSize(100);
        int revision = vm.revisionProperty().get();
        assertThat(vm.drain()).isZero();
        assertThat(vm.revisionProperty().get()).isEqualTo(revision);

        l.onTrialFinished(trial(0, TrialStatus.COMPLETE, 0.5, 1000, Map.of(SearchSpace.LEARNING_RATE, 0.001, SearchSpace.OPTIMIZER, "adam")), 1, 4);
        l.onTrialFinished(trial(1, TrialStatus.PRUNED, 0.9, 10, Map.of(SearchSpace.LEARNING_RATE, 0.01, SearchSpace.OPTIMIZER, "sgd")), 2, 4);
        l.onTrialFinished(trial(2, TrialStatus.COMPLETE, 0.4, 5000, Map.of(SearchSpace.LEARNING_RATE, 0.003, SearchSpace.OPTIMIZER, "adam")), 3, 4);
        l.onTrialFinished(trial(3, TrialStatus.COMPLETE, 0.7, 100, Map.of(SearchSpace.LEARNING_RATE, 0.002, SearchSpace.OPTIMIZER, "sgd")), 4, 4);
        vm.drain();
        assertThat(vm.leaderboard()).hasSize(4);
        assertThat(vm.bestProperty().get().number()).isEqualTo(2);
        assertThat(vm.leaderboard().stream().filter(r -> r.bestProperty().get()).map(TrialRow::number)).containsExactly(2);
        assertThat(vm.leaderboard().stream().filter(r -> r.paretoProperty().get()).map(TrialRow::number)).containsExactlyInAnyOrder(0, 2, 3);
        assertThat(vm.pruned(1)).isTrue();
        assertThat(vm.curves().get(0)).hasSize(3); // the journaled curve replaces the live one
        assertThat(vm.bestSoFar()).extracting(p -> p[1]).containsExactly(0.5, 0.5, 0.4, 0.4);
        assertThat(vm.varyingParameters()).containsExactlyInAnyOrder(SearchSpace.LEARNING_RATE, SearchSpace.OPTIMIZER); // trial maps have no order
        assertThat(vm.importance()).containsKeys(SearchSpace.LEARNING_RATE, SearchSpace.OPTIMIZER);
        assertThat(vm.statusProperty().get()).isEqualTo("Ready.");
    }

    @Test
    void runsARealStudyInTheBackground() throws Exception {
        Path csv = TestData.regression(dir, 100);
        Experiment e = new Experiment(0, "t", DataSpec.of(csv.toString(), "y"), NetworkSpec.of(DenseLayer.of(8, Activation.RELU)),
                TrainingSpec.defaults().withEpochs(2))
                .withSearch(SearchSpace.of(Map.of(SearchSpace.LEARNING_RATE, new ParamDomain.LogUniform(1e-3, 1e-2))));
        PreparedData data = DataPipeline.prepare(e.data(), dir);
        TuningViewModel vm = new TuningViewModel();
        vm.setExperiment(e, data);
        assertThat(vm.row(SearchSpace.HIDDEN_LAYERS).toDomain()).isNull(); // the experiment's space replaced the default
        vm.trialsProperty().set(3);
        vm.parallelProperty().set(2);
        vm.start(dir.resolve("study"));
        assertThat(vm.runningProperty().get()).isTrue();
        long deadline = System.currentTimeMillis() + 60_000;
        while (vm.runningProperty().get() && System.currentTimeMillis() < deadline) {
            vm.drain();
            Thread.sleep(50);
        }
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.leaderboard()).hasSize(3);
        assertThat(vm.statusProperty().get()).startsWith("Finished: 3 trials");
        assertThat(vm.bestProperty().get()).isNotNull();
        vm.saveBest(dir.resolve("best"), false);
        assertThat(dir.resolve("best").resolve("model.zip")).exists();
    }
}
