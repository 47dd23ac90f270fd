package dev.layerlab.tuning.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.layerlab.InvalidInputException;
import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.TrainingSpec;
import dev.layerlab.experiment.ParamDomain;
import dev.layerlab.tuning.PrunerKind;
import dev.layerlab.experiment.SearchSpace;
import dev.layerlab.tuning.StrategyKind;
import dev.layerlab.tuning.Study;
import dev.layerlab.tuning.StudyJournal;
import dev.layerlab.tuning.StudyListener;
import dev.layerlab.tuning.StudyResult;
import dev.layerlab.tuning.StudySettings;
import dev.layerlab.tuning.TrialBackends;
import dev.layerlab.tuning.TrialRecord;
import dev.layerlab.tuning.TrialStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real trials as tasks of an embedded Spark (local[2]) against the same study on the thread pool. */
class SparkTrialsTest {
    @TempDir
    static Path shared;
    static PreparedData data;
    static Experiment base;
    /** Random strategy, fixed seed, no pruner, 3 epochs a trial. */
    static final StudySettings SETTINGS = new StudySettings(StrategyKind.RANDOM, 4, 2, 0, null, null, 7, PrunerKind.NONE, 3, null);

    @BeforeAll
    static void prepare() {
        Path csv = TestData.regression(shared, 160);
        base = new Experiment(0, "spark", DataSpec.of(csv.toString(), "y"), NetworkSpec.of(DenseLayer.of(8, Activation.RELU)),
                TrainingSpec.defaults().withEpochs(3).withBatchSize(32))
                .withSearch(SearchSpace.of(Map.of()).with(SearchSpace.LEARNING_RATE, new ParamDomain.LogUniform(1e-3, 3e-2))
                        .with(SearchSpace.HIDDEN_LAYERS, ParamDomain.IntRange.of(1, 2))
                        .with(SearchSpace.UNITS, ParamDomain.IntRange.powersOfTwo(4, 16)));
        data = DataPipeline.prepare(base.data(), shared);
    }

    @Test
    void sparkProposesTheSameTrialsAndReachesTheSameMetricsAsTheThreadPool(@TempDir Path pool, @TempDir Path spark) throws Exception {
        StudyResult local = new Study(base, data, SETTINGS, pool).run();
        List<String> messages = new CopyOnWriteArrayList<>();
        List<Integer> epochs = new CopyOnWriteArrayList<>();
        StudyResult onSpark = new Study(base, data, SETTINGS, spark).runOn(TrialBackends.spark("local[2]"))
                .addListener(new StudyListener() {
                    @Override
                    public void onMessage(String message) {
                        messages.add(message);
                    }

                    @Override
                    public void onTrialEpoch(int number, int epoch, double value) {
                        epochs.add(epoch);
                    }
                }).run();

        assertThat(messages).anyMatch(m -> m.startsWith("Trials run on Spark local[2] (embedded in this process, 2 trials at once"));
        assertThat(local.trials()).hasSize(4).allMatch(t -> t.status() == TrialStatus.COMPLETE);
        assertThat(onSpark.trials()).hasSize(4).allMatch(t -> t.status() == TrialStatus.COMPLETE);
        for (int i = 0; i < 4; i++) {
            TrialRecord a = byNumber(local, i);
            TrialRecord b = byNumber(onSpark, i);
            assertThat(b.params()).isEqualTo(a.params());
            assertThat(b.value()).isCloseTo(a.value(), within(1e-5 * Math.max(1, Math.abs(a.value()))));
            assertThat(b.epochs()).isEqualTo(a.epochs());
            assertThat(b.numParams()).isEqualTo(a.numParams());
            assertThat(b.curve()).hasSameSizeAs(a.curve());
        }
        // the curves reach the driver's listeners when each trial ends; the journal is the driver's
        assertThat(epochs).hasSize(onSpark.trials().stream().mapToInt(t -> t.curve().size()).sum());
        assertThat(Files.readAllLines(spark.resolve(StudyJournal.FILE))).hasSize(5);
    }

    @Test
    void aTaskThatThrowsBecomesAFailedTrialAndTheStudyGoesOn(@TempDir Path out) throws Exception {
        TrialBody failsTrialOne = (study, number, params) -> {
            if (number == 1) {
                throw new IllegalStateException("executor ran out of luck");
            }
            return study.runTrialHere(number, params);
        };
        StudySettings three = new StudySettings(StrategyKind.RANDOM, 3, 2, 0, null, null, 7, PrunerKind.NONE, 2, null);
        StudyResult r = new Study(base, data, three, out).runOn(new SparkTrials("local[2]", failsTrialOne)).run();

        assertThat(r.trials()).hasSize(3);
        TrialRecord failed = byNumber(r, 1);
        assertThat(failed.status()).isEqualTo(TrialStatus.FAILED);
        assertThat(failed.message()).startsWith("task failed: java.lang.IllegalStateException: executor ran out of luck");
        assertThat(byNumber(r, 0).status()).isEqualTo(TrialStatus.COMPLETE);
        assertThat(byNumber(r, 2).status()).isEqualTo(TrialStatus.COMPLETE);
        assertThat(Files.readAllLines(out.resolve(StudyJournal.FILE))).hasSize(4);
    }

    @Test
    void aStoppedSparkStudyResumesWithTheSameCommand(@TempDir Path out) {
        StudySettings one = SETTINGS.withParallel(1);
        Study first = new Study(base, data, one, out).runOn(TrialBackends.spark("local[1]"));
        first.addListener(new StudyListener() {
            @Override
            public void onTrialFinished(TrialRecord record, int count, int planned) {
                if (count == 2) {
                    first.stop(); // what Ctrl-C does (the CLI's shutdown hook)
                }
            }
        });
        StudyResult stopped = first.run();
        assertThat(stopped.stopped()).isTrue();
        assertThat(stopped.trials()).hasSizeBetween(2, 3);

        List<Integer> started = new CopyOnWriteArrayList<>();
        StudyResult resumed = new Study(base, data, one, out).runOn(TrialBackends.spark("local[2]"))
                .addListener(new StudyListener() {
                    @Override
                    public void onTrialStarted(int number, Map<String, Object> params) {
                        started.add(number);
                    }
                }).run();
        assertThat(resumed.stopped()).isFalse();
        assertThat(resumed.trials()).hasSize(4).allMatch(t -> t.status() == TrialStatus.COMPLETE);
        assertThat(started).hasSize(4 - stopped.trials().size()).doesNotContainAnyElementsOf(
                stopped.trials().stream().map(TrialRecord::number).toList());
    }

    @Test
    void pruningAndBadMastersAreRefusedBeforeSparkStarts() {
        StudySettings median = SETTINGS.withPruner(PrunerKind.MEDIAN);
        assertThatThrownBy(() -> new Study(base, data, median, null).runOn(TrialBackends.spark("local[2]")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--pruner none");
        assertThatThrownBy(() -> TrialBackends.spark("localhost:7077"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("spark://host:7077");
        assertThat(SparkContexts.slotsOf("local[*]", 1)).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(SparkContexts.slotsOf("local[3,2]", 1)).isEqualTo(3);
        assertThat(SparkContexts.slotsOf("spark://h:7077", 8)).isEqualTo(8);
    }

    private static TrialRecord byNumber(StudyResult r, int number) {
        return r.trials().stream().filter(t -> t.number() == number).findFirst().orElseThrow();
    }
}
