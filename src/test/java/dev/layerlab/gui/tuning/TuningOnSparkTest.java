package dev.layerlab.gui.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.layerlab.InvalidInputException;
import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ParamDomain;
import dev.layerlab.experiment.SearchSpace;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.TrainingSpec;
import dev.layerlab.tuning.StrategyKind;
import dev.layerlab.tuning.TrialRecord;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Tuning screen's "Run on": the same 4-trial study on this machine and on Spark local[2] gives the same trials. */
class TuningOnSparkTest {
    @TempDir
    Path dir;

    @Test
    void aStudyRunOnSparkFromTheScreenMatchesTheSameStudyOnThisMachine() throws Exception {
        Path csv = TestData.regression(dir, 120);
        Experiment e = new Experiment(0, "t", DataSpec.of(csv.toString(), "y"), NetworkSpec.of(DenseLayer.of(8, Activation.RELU)),
                TrainingSpec.defaults().withEpochs(2))
                .withSearch(SearchSpace.of(Map.of(SearchSpace.LEARNING_RATE, new ParamDomain.LogUniform(1e-3, 1e-2))));
        PreparedData data = DataPipeline.prepare(e.data(), dir);

        TuningViewModel here = viewModel(e, data);
        List<TrialRecord> local = run(here, dir.resolve("here"));

        TuningViewModel spark = viewModel(e, data);
        spark.runOnSparkProperty().set(true);
        spark.sparkMasterProperty().set("local[2]");
        List<TrialRecord> onSpark = run(spark, dir.resolve("spark"));

        assertThat(spark.log()).anyMatch(l -> l.startsWith("Trials run on Spark local[2] (embedded in this process"));
        assertThat(spark.statusProperty().get()).startsWith("Finished: 4 trials");
        assertThat(onSpark).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(onSpark.get(i).params()).isEqualTo(local.get(i).params());
            assertThat(onSpark.get(i).value()).isCloseTo(local.get(i).value(), within(1e-5 * Math.abs(local.get(i).value())));
        }
        assertThat(spark.curves().get(0)).hasSameSizeAs(local.get(0).curve()); // curves reach the chart
    }

    @Test
    void aBadMasterUrlIsRefusedBeforeAnythingRuns() {
        TuningViewModel vm = new TuningViewModel();
        vm.runOnSparkProperty().set(true);
        vm.sparkMasterProperty().set("http://cluster");
        assertThat(vm.settings().pruner().id()).isEqualTo("none");
        TestData.regression(dir, 40);
        Experiment e = new Experiment(0, "t", DataSpec.of("regression.csv", "y"), NetworkSpec.of(DenseLayer.of(4, Activation.RELU)),
                TrainingSpec.defaults().withEpochs(1));
        vm.setExperiment(e, DataPipeline.prepare(e.data(), dir));
        assertThatThrownBy(() -> vm.start(null)).isInstanceOf(InvalidInputException.class).hasMessageContaining("spark://host:7077");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    private static TuningViewModel viewModel(Experiment e, PreparedData data) {
        TuningViewModel vm = new TuningViewModel();
        vm.setExperiment(e, data);
        vm.strategyProperty().set(StrategyKind.RANDOM);
        vm.trialsProperty().set(4);
        vm.parallelProperty().set(2);
        vm.seedProperty().set(5);
        return vm;
    }

    private static List<TrialRecord> run(TuningViewModel vm, Path out) throws InterruptedException {
        vm.start(out);
        long deadline = System.currentTimeMillis() + 120_000;
        while (vm.runningProperty().get() && System.currentTimeMillis() < deadline) {
            vm.drain();
            Thread.sleep(50);
        }
        vm.drain();
        assertThat(vm.runningProperty().get()).as(vm.statusProperty().get()).isFalse();
        return vm.finishedTrials().stream().sorted(Comparator.comparingInt(TrialRecord::number)).toList();
    }
}
