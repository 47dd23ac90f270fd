package dev.layerlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped after epoch 3 and resumed from its checkpoint ends exactly like the uninterrupted run. */
class ResumeTest {
    @TempDir
    static Path dir;
    static PreparedData data;

    static final NetworkSpec NET = NetworkSpec.of(DenseLayer.of(12, Activation.RELU), new DropoutLayer(null, 0.2),
            DenseLayer.of(6, Activation.TANH));

    @BeforeAll
    static void load() {
        data = DataPipeline.prepare(new DataSpec(TestData.regression(dir, 160).toString(), null, null, "y",
                TaskChoice.AUTO, Map.of(), new SplitSpec(0.7, 0.15, 0.15, 3, true), null), dir);
    }

    static TrainingSpec spec(int epochs, EarlyStoppingSpec stopping) {
        return new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, 0.01), 32, epochs, 5, stopping,
                CheckpointSpec.defaults());
    }

    /** Trains until {@code stopAfter} epochs are done, then stops the way a crash would (no final files). */
    static void trainUntil(Path checkpoints, TrainingSpec spec, int stopAfter) {
        RunControl control = new RunControl();
        Trainer trainer = new Trainer(control, checkpoints);
        trainer.addListener(new TrainingListener() {
            @Override
            public void onEpoch(EpochRecord record) {
                if (record.epoch() == stopAfter) {
                    control.cancel();
                }
            }
        });
        trainer.fit(Trainer.buildNetwork(NET, Trainer.shapeOf(data), spec), spec, data, TrainingState.start("t0", "f", "h"));
    }

    static void assertSameRun(TrainingResult resumed, TrainingResult whole) {
        assertThat(resumed.status()).isEqualTo(whole.status());
        assertThat(resumed.keptEpoch()).isEqualTo(whole.keptEpoch());
        assertThat(resumed.history()).hasSameSizeAs(whole.history());
        for (int i = 0; i < whole.history().size(); i++) {
            EpochRecord a = resumed.history().get(i);
            EpochRecord b = whole.history().get(i);
            assertThat(a.epoch()).isEqualTo(b.epoch());
            assertThat(a.trainLoss()).isCloseTo(b.trainLoss(), within(1e-5));
            assertThat(a.valLoss()).isCloseTo(b.valLoss(), within(1e-5));
            assertThat(a.learningRate()).isEqualTo(b.learningRate());
        }
        whole.metrics().forEach((split, metrics) -> metrics.forEach((name, value) ->
                assertThat(resumed.metrics().get(split).get(name)).as(split + " " + name).isCloseTo(value, within(1e-5))));
    }

    @Test
    void sixEpochsEqualThreePlusResumedThree() throws Exception {
        TrainingSpec spec = spec(6, EarlyStoppingSpec.disabled());
        TrainingResult whole = new Trainer(null, dir.resolve("whole")).train(NET, spec, data);

        Path checkpoints = dir.resolve("interrupted");
        trainUntil(checkpoints, spec, 3);
        TrainingState state = Checkpoints.readState(checkpoints.resolve(Checkpoints.LAST));
        assertThat(state.epoch()).isEqualTo(3);
        assertThat(state.history()).hasSize(3);
        assertThat(TrainingState.fromJson(Files.readString(checkpoints.resolve(TrainingState.FILE)), "state.json")).isEqualTo(state);

        TrainingResult resumed = new Trainer(null, checkpoints).resume(spec, data);

        assertThat(resumed.history()).hasSize(6);
        assertSameRun(resumed, whole);
    }

    @Test
    void earlyStoppingStateAndBestWeightsSurviveTheResume() {
        // Patience 1 with restore-best: the counter and the best epoch carried over decide when and what ends.
        TrainingSpec spec = spec(8, new EarlyStoppingSpec(true, "val_loss", 1, 0.05, true));
        TrainingResult whole = new Trainer(null, dir.resolve("whole-es")).train(NET, spec, data);
        int stopAt = Math.min(3, whole.history().size() - 1);

        Path checkpoints = dir.resolve("interrupted-es");
        trainUntil(checkpoints, spec, stopAt);
        TrainingResult resumed = new Trainer(null, checkpoints).resume(spec, data);

        assertSameRun(resumed, whole);
    }

    @Test
    void nothingToResumeIsAClearError() {
        assertThatThrownBy(() -> new Trainer(null, dir.resolve("empty")).resume(spec(4, EarlyStoppingSpec.disabled()), data))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nothing to resume");
    }

    @Test
    void aCheckpointIsReplacedAtomically() throws Exception {
        Path checkpoints = dir.resolve("atomic");
        TrainingSpec spec = spec(2, EarlyStoppingSpec.disabled());
        new Trainer(null, checkpoints).train(NET, spec, data);
        Path last = checkpoints.resolve(Checkpoints.LAST);
        byte[] good = Files.readAllBytes(last);

        // A writer that fails half way (like a crash or a full disk) leaves the good file untouched.
        assertThatThrownBy(() -> dev.layerlab.AtomicFiles.write(last, temp -> {
            Files.write(temp, new byte[] {1, 2, 3});
            throw new java.io.IOException("disk full");
        })).isInstanceOf(java.io.IOException.class);

        assertThat(Files.readAllBytes(last)).isEqualTo(good);
        assertThat(Checkpoints.read(last).epochCount()).isEqualTo(2);
        try (var files = Files.list(checkpoints)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("last.zip", "best.zip", "state.json");
        }
        assertThat(List.of(Checkpoints.readState(last).epoch())).containsExactly(2);
    }
}
