package dev.layerlab.gui.training;

import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.training.monitor.Decimator;
import dev.layerlab.training.EpochRecord;
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

    private static EpochRecord graphEpoch(int epoch, double mainLoss, double auxLoss) {
        Map<String, Double> train = new java.util.LinkedHashMap<>();
        train.put("main_output_loss", mainLoss * 0.9);
        train.put("aux_output_loss", auxLoss * 0.9);
        train.put("main_output_rmse", 1.0);
        Map<String, Double> val = new java.util.LinkedHashMap<>();
        val.put("main_output_loss", mainLoss);
        val.put("aux_output_loss", auxLoss);
        val.put("main_output_rmse", 1.1);
        val.put("rmse", 1.1);
        return new EpochRecord(epoch, mainLoss + 0.2 * auxLoss, mainLoss + 0.2 * auxLoss, train, val, 1e-3, 10L * epoch);
    }

    @Test
    void graphRunAddsOneValidationLossSeriesPerOutput() {
        TrainingViewModel vm = new TrainingViewModel(new StatusModel());
        FakeJob job = new FakeJob();
        vm.start("run", "RMSE", "", job);
        job.monitor.onEpoch(EpochPoint.of(graphEpoch(1, 0.8, 0.5), "rmse"));
        assertThat(vm.outputLossSeries()).isEmpty();
        vm.drain();
        assertThat(vm.outputLossSeries()).containsExactly("val main_output", "val aux_output");
        job.monitor.onEpoch(EpochPoint.of(graphEpoch(2, 0.6, 0.4), "rmse"));
        job.monitor.onEpoch(EpochPoint.of(graphEpoch(3, 0.5, 0.3), "rmse"));
        vm.drain();
        assertThat(vm.outputLossSeries()).containsExactly("val main_output", "val aux_output");
        assertThat(vm.outputLossPoints("val main_output")).containsExactly(
                new Decimator.Point(1, 0.8), new Decimator.Point(2, 0.6), new Decimator.Point(3, 0.5));
        assertThat(vm.outputLossPoints("val aux_output")).containsExactly(
                new Decimator.Point(1, 0.5), new Decimator.Point(2, 0.4), new Decimator.Point(3, 0.3));
        assertThat(vm.epochs()).extracting(EpochPoint::valMetric).containsExactly(1.1, 1.1, 1.1);

        // a new run starts with no per-output curves; a sequential one never gets any
        vm.stop();
        job.monitor.onFinished(null);
        vm.drain();
        FakeJob seq = new FakeJob();
        vm.start("seq", "RMSE", "", seq);
        assertThat(vm.outputLossSeries()).isEmpty();
        assertThat(vm.outputLossPoints("val main_output")).isEmpty();
        seq.monitor.onEpoch(EpochPoint.of(new EpochRecord(1, 0.5, 0.6, Map.of("rmse", 2.0), Map.of("rmse", 3.0), 1e-3, 5), "rmse"));
        vm.drain();
        assertThat(vm.epochs()).hasSize(1);
        assertThat(vm.epochs().get(0).outputValLoss()).isEmpty();
        assertThat(vm.outputLossSeries()).isEmpty();
    }
}
