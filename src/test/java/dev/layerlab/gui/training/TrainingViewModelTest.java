package dev.layerlab.gui.training;

import dev.layerlab.gui.StatusModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingViewModelTest {
    @TempDir
    Path tmp;

    /** A job that reports what the test tells it, synchronously. */
    static final class FakeJob implements TrainingViewModel.Job, RunHandle {
        TrainingMonitor monitor;
        final AtomicBoolean cancelled = new AtomicBoolean();
        boolean paused;

        @Override
        public RunHandle start(TrainingMonitor m) {
            monitor = m;
            m.onStart(10, 4);
            return this;
        }

        @Override
        public void pause() {
            paused = true;
        }

        @Override
        public void resume() {
            paused = false;
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    }

    @Test
    void progressArrivesOnlyWhenDrained() {
        StatusModel status = new StatusModel();
        TrainingViewModel vm = new TrainingViewModel(status);
        FakeJob job = new FakeJob();
        vm.start("run", "RMSE", "summary", job);
        for (int i = 0; i < 4; i++) {
            job.monitor.onIteration(0, 1.0 / (i + 1));
        }
        job.monitor.onEpoch(new EpochPoint(1, 0.5, 0.6, 2, 3, 0.1));
        assertThat(vm.epochs()).isEmpty();
        vm.drain();
        assertThat(vm.epochs()).hasSize(1);
        assertThat(vm.iterationCountProperty().get()).isEqualTo(4);
        assertThat(vm.iterationLosses()).containsExactly(1f, 0.5f, 1f / 3, 0.25f);
        assertThat(status.progressProperty().get()).isEqualTo(0.1);
        assertThat(status.etaProperty().get()).contains("epoch 2/10");
    }

    @Test
    void pauseResumeStopAndFinish() {
        TrainingViewModel vm = new TrainingViewModel(new StatusModel());
        FakeJob job = new FakeJob();
        List<TrainingViewModel.State> ends = new java.util.ArrayList<>();
        vm.setOnEnd(ends::add);
        vm.start("run", "RMSE", "", job);
        vm.togglePause();
        assertThat(job.paused).isTrue();
        assertThat(vm.stateProperty().get()).isEqualTo(TrainingViewModel.State.PAUSED);
        vm.togglePause();
        assertThat(job.paused).isFalse();
        vm.stop();
        assertThat(job.cancelled).isTrue();
        assertThat(vm.runningProperty().get()).isTrue();
        job.monitor.onFinished(new RunOutcome(Map.of("rmse", 1.0), new double[0], new double[0], List.of(), new int[0][0],
                List.of(), 3, "cancelled"));
        vm.drain();
        assertThat(vm.stateProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(vm.outcomeProperty().get().bestEpoch()).isEqualTo(3);
        assertThat(ends).containsExactly(TrainingViewModel.State.FINISHED);
    }

    @Test
    void failureIsShown() {
        StatusModel status = new StatusModel();
        TrainingViewModel vm = new TrainingViewModel(status);
        FakeJob job = new FakeJob();
        vm.start("run", "RMSE", "", job);
        job.monitor.onFailed(new IllegalStateException("diverged"));
        vm.drain();
        assertThat(vm.stateProperty().get()).isEqualTo(TrainingViewModel.State.FAILED);
        assertThat(status.errorProperty().get()).contains("diverged");
    }

    @Test
    void historyCsvHasEveryEpoch() throws Exception {
        TrainingViewModel vm = new TrainingViewModel(new StatusModel());
        FakeJob job = new FakeJob();
        vm.start("run", "RMSE", "", job);
        job.monitor.onEpoch(new EpochPoint(1, 0.5, Double.NaN, 2, 3, 0.1));
        job.monitor.onEpoch(new EpochPoint(2, 0.4, 0.45, 1.5, 2.5, 0.2));
        vm.drain();
        Path f = tmp.resolve("h.csv");
        vm.writeHistoryCsv(f);
        assertThat(Files.readAllLines(f)).containsExactly(
                "epoch,train_loss,val_loss,train_rmse,val_rmse,seconds",
                "1,0.5,,2.0,3.0,0.100",
                "2,0.4,0.45,1.5,2.5,0.200");
    }
}
