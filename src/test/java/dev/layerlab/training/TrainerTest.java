package dev.layerlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.NetworkSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    @TempDir
    static Path dir;
    static PreparedData regression;
    static PreparedData classification;

    static final NetworkSpec NET = NetworkSpec.of(DenseLayer.of(16, Activation.RELU), new DropoutLayer(null, 0.1),
            DenseLayer.of(8, Activation.RELU));

    @BeforeAll
    static void load() {
        regression = prepare(TestData.regression(dir, 600), "y");
        classification = prepare(TestData.classification(dir, 400), "label");
    }

    static PreparedData prepare(Path csv, String target) {
        return DataPipeline.prepare(new DataSpec(csv.toString(), null, null, target, TaskChoice.AUTO, Map.of(),
                new SplitSpec(0.7, 0.15, 0.15, 3, true), null), dir);
    }

    static TrainingSpec spec(int epochs) {
        return new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, 0.01), 32, epochs, 5,
                EarlyStoppingSpec.disabled(), CheckpointSpec.none());
    }

    @Test
    void regressionLearnsAndReportsMetricsInTargetUnits() {
        TrainingResult result = new Trainer(null, null).train(NET, spec(30), regression);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.history()).hasSize(30);
        assertThat(result.history().get(29).trainLoss()).isLessThan(result.history().get(0).trainLoss());
        // y has a standard deviation of about 4: a fitted model is far better than predicting the mean
        assertThat(result.metrics().get("test").get("rmse")).isLessThan(1.5);
        assertThat(result.metrics().get("test").get("r2")).isGreaterThan(0.85);
        assertThat(result.metrics().keySet()).containsExactly("train", "validation", "test");
        assertThat(result.evaluation().split()).isEqualTo("test");
        assertThat(result.evaluation().predicted()).hasSameSizeAs(result.evaluation().actual());
    }

    @Test
    void binaryClassificationReportsAccuracyAucAndConfusion() {
        TrainingResult result = new Trainer(null, null).train(NET, spec(20), classification);

        Map<String, Double> test = result.metrics().get("test");
        assertThat(test).containsKeys("accuracy", "log_loss", "f1_macro", "auc");
        assertThat(test.get("accuracy")).isGreaterThan(0.9);
        assertThat(test.get("auc")).isGreaterThan(0.95);
        int[][] confusion = result.evaluation().confusion();
        assertThat(confusion.length).isEqualTo(2);
        assertThat(confusion[0][0] + confusion[0][1] + confusion[1][0] + confusion[1][1])
                .isEqualTo(classification.test().rows());
    }

    @Test
    void sameSeedAndSettingsGiveTheSameHistory() {
        TrainingResult first = new Trainer(null, null).train(NET, spec(4), regression);
        TrainingResult second = new Trainer(null, null).train(NET, spec(4), regression);

        for (int i = 0; i < 4; i++) {
            assertThat(second.history().get(i).trainLoss()).isEqualTo(first.history().get(i).trainLoss());
            assertThat(second.history().get(i).valLoss()).isEqualTo(first.history().get(i).valLoss());
        }
        assertThat(second.metrics()).isEqualTo(first.metrics());
        TrainingResult otherSeed = new Trainer(null, null).train(NET, spec(4).withSeed(6), regression);
        assertThat(otherSeed.history().get(3).valLoss()).isNotEqualTo(first.history().get(3).valLoss());
    }

    @Test
    void cancelFromAnotherThreadEndsCleanlyKeepingWhatWasTrained() throws Exception {
        RunControl control = new RunControl();
        CountDownLatch secondEpochDone = new CountDownLatch(2);
        Trainer trainer = new Trainer(control, null).addListener(new TrainingListener() {
            @Override
            public void onEpoch(EpochRecord record) {
                secondEpochDone.countDown();
            }
        });
        AtomicReference<TrainingResult> result = new AtomicReference<>();
        Thread thread = new Thread(() -> result.set(trainer.train(NET, spec(10_000), regression)));
        thread.start();
        assertThat(secondEpochDone.await(60, TimeUnit.SECONDS)).isTrue();
        control.cancel();
        thread.join(30_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(result.get().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(result.get().history().size()).isBetween(2, 9_999);
        assertThat(result.get().metrics().get("test").get("rmse")).isFinite();
    }

    @Test
    void pauseHoldsTheRunUntilResumed() throws Exception {
        RunControl control = new RunControl();
        CountDownLatch firstEpoch = new CountDownLatch(1);
        List<Integer> epochs = new ArrayList<>();
        Trainer trainer = new Trainer(control, null).addListener(new TrainingListener() {
            @Override
            public void onEpoch(EpochRecord record) {
                synchronized (epochs) {
                    epochs.add(record.epoch());
                }
                if (record.epoch() == 1) {
                    control.pause();
                    firstEpoch.countDown();
                }
            }
        });
        Thread thread = new Thread(() -> trainer.train(NET, spec(3), regression));
        thread.start();
        assertThat(firstEpoch.await(60, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300);
        synchronized (epochs) {
            assertThat(epochs).containsExactly(1);
        }
        control.resume();
        thread.join(60_000);
        assertThat(epochs).containsExactly(1, 2, 3);
    }

    @Test
    void divergenceStopsWithAClearMessageAndKeepsTheLastGoodWeights() {
        TrainingSpec reckless = new TrainingSpec(new OptimizerSpec(OptimizerKind.SGD, 5.0, 0.0, null, null, null), 16, 50, 5,
                EarlyStoppingSpec.disabled(), CheckpointSpec.defaults());
        Path checkpoints = dir.resolve("diverged");

        TrainingResult result = new Trainer(null, checkpoints).train(
                NetworkSpec.of(DenseLayer.of(64, Activation.RELU), DenseLayer.of(64, Activation.RELU)), reckless, regression);

        assertThat(result.status()).isEqualTo(RunStatus.DIVERGED);
        assertThat(result.message()).contains("diverged in epoch").contains("learning rate (5.000)").contains("too high");
        assertThat(result.network().params().isInfinite().any()).isFalse();
        assertThat(result.network().params().isNaN().any()).isFalse();
        assertThat(Files.exists(checkpoints.resolve(Checkpoints.LAST))).isTrue();
    }

    @Test
    void earlyStoppingRestoresTheBestEpoch() {
        // min delta so large that no epoch after the first counts as an improvement: stops after 1 + patience
        TrainingSpec stopping = spec(50).withEarlyStopping(new EarlyStoppingSpec(true, "val_loss", 2, 1e9, true));

        TrainingResult result = new Trainer(null, null).train(NET, stopping, regression);

        assertThat(result.status()).isEqualTo(RunStatus.EARLY_STOPPED);
        assertThat(result.history()).hasSize(3);
        assertThat(result.keptEpoch()).isEqualTo(1);
        assertThat(result.message()).contains("Restored the weights of epoch 1");
        assertThat(result.metrics().get("validation").get("rmse"))
                .isEqualTo(result.history().get(0).valMetrics().get("rmse"))
                .isNotEqualTo(result.history().get(2).valMetrics().get("rmse"));
    }

    @Test
    void earlyStoppingOnAMetricThatShouldRise() {
        TrainingSpec stopping = spec(40).withEarlyStopping(new EarlyStoppingSpec(true, "val_accuracy", 3, 0.0, true));

        TrainingResult result = new Trainer(null, null).train(NET, stopping, classification);

        double best = result.history().stream().mapToDouble(r -> r.value("val_accuracy")).max().orElseThrow();
        assertThat(result.metrics().get("validation").get("accuracy")).isEqualTo(best);
    }

    @Test
    void checkpointsAreWrittenAndLoadableByPlainDl4j() {
        Path checkpoints = dir.resolve("checkpoints");
        TrainingSpec spec = spec(3).withCheckpoints(new CheckpointSpec(1, true));

        new Trainer(null, checkpoints).train(NET, spec, regression);

        assertThat(Checkpoints.read(checkpoints.resolve(Checkpoints.LAST)).epochCount()).isEqualTo(3);
        assertThat(Checkpoints.read(checkpoints.resolve(Checkpoints.BEST)).numParams()).isGreaterThan(0);
        try (var files = Files.list(checkpoints)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("last.zip", "best.zip", "state.json");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void badSettingsAreRefusedBeforeTraining() {
        TrainingSpec bad = new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, -1), -1, 5, 1, null, null);

        assertThatThrownBy(() -> new Trainer(null, null).train(NET, bad, regression))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("learning rate must be a positive number")
                .hasMessageContaining("batch size must be at least 1");
    }

    @Test
    void stepScheduleLowersTheLearningRate() {
        OptimizerSpec decaying = new OptimizerSpec(OptimizerKind.ADAM, 0.01, null, ScheduleKind.STEP, 0.5, 2);
        TrainingResult result = new Trainer(null, null).train(NET, spec(4).withOptimizer(decaying), regression);

        assertThat(result.history()).extracting(EpochRecord::learningRate).containsExactly(0.01, 0.01, 0.005, 0.005);
    }
}
