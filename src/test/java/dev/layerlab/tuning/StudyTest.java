package dev.layerlab.tuning;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real (tiny) trainings: a few epochs on ~100 rows. */
class StudyTest {
    @TempDir
    static Path shared;
    static PreparedData data;
    static Experiment base;

    @TempDir
    Path out;

    @BeforeAll
    static void prepare() {
        Path csv = TestData.regression(shared, 120);
        base = new Experiment(0, "t", DataSpec.of(csv.toString(), "y"), NetworkSpec.of(DenseLayer.of(8, Activation.RELU)),
                TrainingSpec.defaults().withEpochs(4).withBatchSize(32))
                .withSearch(SearchSpace.of(Map.of()).with(SearchSpace.LEARNING_RATE, new ParamDomain.LogUniform(1e-3, 3e-2))
                        .with(SearchSpace.HIDDEN_LAYERS, ParamDomain.IntRange.of(1, 2))
                        .with(SearchSpace.UNITS, ParamDomain.IntRange.powersOfTwo(4, 8)));
        data = DataPipeline.prepare(base.data(), shared);
    }

    @Test
    void runsTrialsInParallelWritesJournalAndCsvAndResumes() throws Exception {
        StudySettings settings = new StudySettings(StrategyKind.RANDOM, 4, 2, 0, null, null, 7, null, 3, null);
        AtomicInteger finished = new AtomicInteger();
        StudyResult r = new Study(base, data, settings, out).addListener(new StudyListener() {
            @Override
            public void onTrialFinished(TrialRecord record, int count, int planned) {
                finished.incrementAndGet();
            }
        }).run();
        assertThat(r.trials()).hasSize(4).allMatch(t -> t.status() == TrialStatus.COMPLETE);
        assertThat(r.trials()).allMatch(t -> t.epochs() >= 1 && t.epochs() <= 3 && t.numParams() > 0 && t.hasValue());
        assertThat(r.objective().metric()).isEqualTo("val_rmse");
        assertThat(finished.get()).isEqualTo(4);
        List<String> csv = Files.readAllLines(out.resolve(TrialsCsv.FILE));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).startsWith("trial,status,training.learningRate,network.hiddenLayers").contains("val_rmse");
        assertThat(Files.readAllLines(out.resolve(StudyJournal.FILE))).hasSize(5);

        // a bigger budget on the same folder resumes: only the new trials run
        AtomicInteger started = new AtomicInteger();
        StudySettings more = new StudySettings(StrategyKind.RANDOM, 6, 1, 0, null, null, 7, null, 3, null);
        StudyResult resumed = new Study(base, data, more, out).addListener(new StudyListener() {
            @Override
            public void onTrialStarted(int number, Map<String, Object> params) {
                started.incrementAndGet();
                assertThat(number).isIn(4, 5);
            }
        }).run();
        assertThat(started.get()).isEqualTo(2);
        assertThat(resumed.trials()).hasSize(6);
        assertThat(resumed.trials().subList(0, 4)).isEqualTo(r.trials());

        // the best trial becomes a bundle
        TrialRecord best = resumed.best().orElseThrow();
        BestModel.promote(base, data, best, true, 3, out.resolve("best"), "regression.csv", null, null);
        assertThat(out.resolve("best").resolve("model.zip")).exists();
    }

    @Test
    void crossValidationAndPruning() {
        StudySettings settings = new StudySettings(StrategyKind.HYPERBAND, 5, 1, 3, "val_mae", null, 3, null, 4, 0);
        List<Integer> epochsSeen = new CopyOnWriteArrayList<>();
        StudyResult r = new Study(base, data, settings, null).addListener(new StudyListener() {
            @Override
            public void onTrialEpoch(int number, int epoch, double value) {
                epochsSeen.add(epoch);
            }
        }).run();
        assertThat(r.trials()).hasSize(5);
        assertThat(r.objective().metric()).isEqualTo("val_mae");
        for (TrialRecord t : r.trials()) {
            if (t.status() == TrialStatus.COMPLETE) {
                assertThat(t.epochs()).as("3 folds x 4 epochs").isEqualTo(12);
            } else {
                assertThat(t.status()).isEqualTo(TrialStatus.PRUNED);
                assertThat(t.epochs()).isLessThan(4);
            }
        }
        // with hyperband some trial is stopped at a rung
        assertThat(r.trials()).anyMatch(t -> t.status() == TrialStatus.PRUNED);
        assertThat(epochsSeen).isNotEmpty();
    }

    @Test
    void stopEndsTheStudyWithoutJournalingInterruptedTrials() throws Exception {
        StudySettings settings = new StudySettings(StrategyKind.RANDOM, 50, 1, 0, null, null, 1, null, 4, null);
        Study study = new Study(base, data, settings, out);
        study.addListener(new StudyListener() {
            @Override
            public void onTrialFinished(TrialRecord record, int count, int planned) {
                if (count >= 2) {
                    study.stop();
                }
            }
        });
        StudyResult r = study.run();
        assertThat(r.stopped()).isTrue();
        assertThat(r.trials().size()).isBetween(2, 3);
        try (StudyJournal j = StudyJournal.open(out, settings.identity("val_rmse", base.search()))) {
            assertThat(j.trials()).hasSize(r.trials().size());
        }
    }

    @Test
    void resumesAfterATornJournalLineRedoingOnlyThatTrialWithTheSameValues() throws Exception {
        StudySettings settings = new StudySettings(StrategyKind.RANDOM, 3, 1, 0, null, null, 11, null, 2, null);
        StudyResult first = new Study(base, data, settings, out).run();
        Path journal = out.resolve(StudyJournal.FILE);
        String text = Files.readString(journal);
        Files.writeString(journal, text.substring(0, text.length() - 25)); // the process died writing trial 2
        List<Integer> rerun = new CopyOnWriteArrayList<>();
        StudyResult resumed = new Study(base, data, settings, out).addListener(new StudyListener() {
            @Override
            public void onTrialStarted(int number, Map<String, Object> params) {
                rerun.add(number);
            }
        }).run();
        assertThat(rerun).containsExactly(2);
        assertThat(resumed.trials()).hasSize(3);
        assertThat(resumed.trials().get(2).params()).isEqualTo(first.trials().get(2).params());
        assertThat(resumed.trials().subList(0, 2)).isEqualTo(first.trials().subList(0, 2));
        assertThat(Files.readAllLines(journal)).hasSize(4);
    }
}
