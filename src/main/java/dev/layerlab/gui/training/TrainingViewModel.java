package dev.layerlab.gui.training;

import dev.layerlab.diagnostics.HealthSample;
import dev.layerlab.diagnostics.HealthWarning;
import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.training.monitor.Decimator;
import dev.layerlab.gui.common.Formats;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The training screen's state: the run's lifecycle, its epochs, its per-iteration loss (kept whole in
 * the monitor), its log and its outcome. Everything here changes on the FX thread only, in
 * {@link #drain()}, which the window's pump calls about 30 times a second.
 */
public final class TrainingViewModel {

    /** Where a run is. */
    public enum State { IDLE, RUNNING, PAUSED, STOPPING, FINISHED, FAILED }

    /** Starts a job that reports into the monitor; returns its control. Runs on the FX thread. */
    @FunctionalInterface
    public interface Job {
        RunHandle start(TrainingMonitor monitor);
    }

    private static final int MAX_LOG_LINES = 5000;

    private final StatusModel status;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final ObservableList<EpochPoint> epochs = FXCollections.observableArrayList();
    private final ObservableList<String> logLines = FXCollections.observableArrayList();
    /** Names of the per-output validation-loss series ("val main_output", ...), in order of appearance. */
    private final ObservableList<String> outputLossSeries = FXCollections.observableArrayList();
    private final Map<String, List<Decimator.Point>> outputLossPoints = new HashMap<>();
    private final IntegerProperty iterationCount = new SimpleIntegerProperty(0);
    /** The run's network-health samples (FX thread only); {@link #healthVersion} counts the drains that added some. */
    private final List<HealthSample> health = new ArrayList<>();
    private final IntegerProperty healthVersion = new SimpleIntegerProperty(0);
    private final ObservableList<HealthWarning> warnings = FXCollections.observableArrayList();
    private final IntegerProperty iterationsPerEpoch = new SimpleIntegerProperty(0);
    private final ObjectProperty<RunOutcome> outcome = new SimpleObjectProperty<>();
    private final StringProperty metricName = new SimpleStringProperty("RMSE");
    /** "Test RMSE: linear $68.4k · gradient boosting $47.8k · this network $52.0k" once the baselines are fitted. */
    private final StringProperty baselines = new SimpleStringProperty("");
    private final StringProperty runName = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty logScale = new SimpleBooleanProperty(false);
    private final ObjectProperty<Double> smoothing = new SimpleObjectProperty<>(0.6);
    private TrainingMonitor monitor = new TrainingMonitor();
    private RunHandle handle;
    private boolean outcomeDelivered = true;
    private Consumer<State> onEnd = s -> { };

    public TrainingViewModel(StatusModel status) {
        this.status = status;
        running.bind(state.isEqualTo(State.RUNNING).or(state.isEqualTo(State.PAUSED)).or(state.isEqualTo(State.STOPPING)));
    }

    /** Called when a run ends (finished, stopped or failed), after its outcome is in place. */
    public void setOnEnd(Consumer<State> handler) {
        this.onEnd = handler;
    }

    /** Starts a run; ignored while one is running. */
    public void start(String name, String metric, String modelSummary, Job job) {
        if (running.get()) {
            return;
        }
        outputLossPoints.clear();
        outputLossSeries.clear();
        health.clear();
        warnings.clear();
        healthVersion.set(healthVersion.get() + 1);
        epochs.clear();
        logLines.clear();
        outcome.set(null);
        baselines.set("");
        iterationCount.set(0);
        runName.set(name);
        metricName.set(metric);
        summary.set(modelSummary);
        monitor = new TrainingMonitor();
        outcomeDelivered = false;
        state.set(State.RUNNING);
        status.info("Training " + name + "…");
        status.progress(0, "");
        try {
            handle = job.start(monitor);
        } catch (RuntimeException e) {
            monitor.onFailed(e);
            drain();
        }
    }

    public void pause() {
        if (state.get() == State.RUNNING && handle != null) {
            handle.pause();
            state.set(State.PAUSED);
            status.info("Paused at epoch " + (monitor.currentEpoch + 1));
        }
    }

    public void resume() {
        if (state.get() == State.PAUSED && handle != null) {
            handle.resume();
            state.set(State.RUNNING);
            status.info("Training " + runName.get() + "…");
        }
    }

    public void togglePause() {
        if (state.get() == State.PAUSED) {
            resume();
        } else {
            pause();
        }
    }

    public void stop() {
        if ((state.get() == State.RUNNING || state.get() == State.PAUSED) && handle != null) {
            handle.cancel();
            state.set(State.STOPPING);
            status.info("Stopping after the current batch…");
        }
    }

    /** FX thread, ~30 Hz: moves what the training thread wrote into the properties. */
    public void drain() {
        TrainingMonitor m = monitor;
        List<EpochPoint> fresh = new ArrayList<>();
        for (EpochPoint p; (p = m.epochs.poll()) != null; ) {
            fresh.add(p);
        }
        if (!fresh.isEmpty()) {
            addOutputLosses(fresh);
            epochs.addAll(fresh);
        }
        List<String> lines = new ArrayList<>();
        for (String l; (l = m.log.poll()) != null; ) {
            lines.add(l);
        }
        if (!lines.isEmpty()) {
            logLines.addAll(lines);
            if (logLines.size() > MAX_LOG_LINES) {
                logLines.remove(0, logLines.size() - MAX_LOG_LINES);
            }
        }
        boolean healthAdded = false;
        for (HealthSample h; (h = m.health.poll()) != null; ) {
            health.add(h);
            healthAdded = true;
        }
        if (healthAdded) {
            iterationsPerEpoch.set(m.iterationsPerEpoch);
            healthVersion.set(healthVersion.get() + 1);
        }
        for (HealthWarning w; (w = m.warnings.poll()) != null; ) {
            warnings.add(w);
        }
        String b = m.baselines;
        if (b != null && !b.equals(baselines.get())) {
            baselines.set(b);
        }
        int n = m.iterations();
        if (n != iterationCount.get()) {
            iterationCount.set(n);
        }
        if (running.get() && m.totalEpochs > 0) {
            double done = epochs.size();
            int ipe = m.iterationsPerEpoch;
            if (ipe > 0) {
                done = Math.max(done, Math.min(m.totalEpochs, (double) n / ipe));
            }
            double fraction = Math.min(1, done / m.totalEpochs);
            double elapsed = (System.nanoTime() - m.startNanos) / 1e9;
            String eta = fraction > 0.01 && state.get() == State.RUNNING
                    ? "epoch " + Math.min(m.totalEpochs, epochs.size() + 1) + "/" + m.totalEpochs
                    + " · ETA " + Formats.duration(Duration.ofSeconds((long) (elapsed / fraction * (1 - fraction))))
                    : "epoch " + Math.min(m.totalEpochs, epochs.size() + 1) + "/" + m.totalEpochs;
            status.progress(fraction, eta);
        }
        if (m.finished && !outcomeDelivered) {
            outcomeDelivered = true;
            handle = null;
            status.clearProgress();
            if (m.failure != null) {
                state.set(State.FAILED);
                logLines.add("Training failed: " + m.failure.getMessage());
                status.fail("Training failed", m.failure);
            } else {
                outcome.set(m.outcome);
                state.set(State.FINISHED);
                RunOutcome o = m.outcome;
                status.info("Finished " + runName.get() + (o != null && o.stopReason() != null ? " (" + o.stopReason() + ")" : "")
                        + " after " + epochs.size() + " epochs");
            }
            onEnd.accept(state.get());
        }
    }

    /**
     * Appends the fresh epochs' per-output validation losses; series seen for the first time are
     * announced (once per drain) before the epochs themselves, so a redraw on the epochs sees them.
     */
    private void addOutputLosses(List<EpochPoint> fresh) {
        List<String> added = new ArrayList<>();
        for (EpochPoint p : fresh) {
            for (Map.Entry<String, Double> e : p.outputValLoss().entrySet()) {
                String name = outputSeriesName(e.getKey());
                List<Decimator.Point> pts = outputLossPoints.get(name);
                if (pts == null) {
                    pts = new ArrayList<>();
                    outputLossPoints.put(name, pts);
                    added.add(name);
                }
                pts.add(new Decimator.Point(p.epoch(), e.getValue()));
            }
        }
        if (!added.isEmpty()) {
            outputLossSeries.addAll(added);
        }
    }

    /** The run's network-health samples so far, oldest first (FX thread). */
    public List<HealthSample> healthSamples() {
        return Collections.unmodifiableList(health);
    }

    /** Changes whenever {@link #healthSamples()} does. */
    public IntegerProperty healthVersionProperty() {
        return healthVersion;
    }

    /** Training steps per epoch of the current run (0 before its first health sample). */
    public int healthIterationsPerEpoch() {
        return iterationsPerEpoch.get();
    }

    /** The run's network-health warnings, in the order they were raised. */
    public ObservableList<HealthWarning> warnings() {
        return warnings;
    }

    /** The loss chart's series name for an output's validation loss. */
    public static String outputSeriesName(String output) {
        return "val " + output;
    }

    /**
     * The per-output validation-loss series of the current run, by name (see {@link #outputLossPoints});
     * empty for a sequential network. Cleared when a run starts.
     */
    public ObservableList<String> outputLossSeries() {
        return outputLossSeries;
    }

    /** One per-output series' points (epoch, loss), oldest first; empty for an unknown name. */
    public List<Decimator.Point> outputLossPoints(String series) {
        List<Decimator.Point> pts = outputLossPoints.get(series);
        return pts == null ? List.of() : Collections.unmodifiableList(pts);
    }

    /** Writes every epoch as CSV (epoch, losses, metrics, seconds). */
    public void writeHistoryCsv(Path file) throws IOException {
        writeHistoryCsv(new ArrayList<>(epochs), metricName.get(), file);
    }

    private static void writeHistoryCsv(List<EpochPoint> copy, String metricTitle, Path file) throws IOException {
        String metric = metricTitle.toLowerCase(Locale.ROOT);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("epoch,train_loss,val_loss,train_" + metric + ",val_" + metric + ",seconds\n");
            for (EpochPoint p : copy) {
                w.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%.3f%n", p.epoch(), num(p.trainLoss()), num(p.valLoss()),
                        num(p.trainMetric()), num(p.valMetric()), p.seconds()));
            }
        }
    }

    /** Writes the history off the FX thread (a copy of the epochs is taken now). */
    public void writeHistoryCsvAsync(dev.layerlab.gui.task.TaskExecutor executor, Path file) {
        List<EpochPoint> copy = new ArrayList<>(epochs);
        String metric = metricName.get();
        executor.execute(dev.layerlab.gui.task.BackgroundTask.of("Export history", c -> {
            writeHistoryCsv(copy, metric, file);
            return file;
        }).onSuccess(f -> status.info("Saved " + f.getFileName()))
                .onFailure(e -> status.fail("Could not save the history", e)));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public ObservableList<EpochPoint> epochs() {
        return epochs;
    }

    public ObservableList<String> logLines() {
        return logLines;
    }

    public IntegerProperty iterationCountProperty() {
        return iterationCount;
    }

    /** The current run's per-iteration losses (every point). */
    public TrainingMonitor monitor() {
        return monitor;
    }

    public float[] iterationLosses() {
        int n = monitor.iterations();
        return monitor.iterationLoss.copy(0, n);
    }

    public int iterationsPerEpoch() {
        return monitor.iterationsPerEpoch;
    }

    /** The epoch the current run's first iteration continues from (0 for a new run; the checkpoint's when resumed). */
    public int iterationEpochOffset() {
        return monitor.epochOffset;
    }

    public ObjectProperty<RunOutcome> outcomeProperty() {
        return outcome;
    }

    /** The baselines beside the network's figure (empty until the run ended; a note while they are fitted). */
    public StringProperty baselinesProperty() {
        return baselines;
    }

    public StringProperty metricNameProperty() {
        return metricName;
    }

    public StringProperty runNameProperty() {
        return runName;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    public ObjectProperty<Double> smoothingProperty() {
        return smoothing;
    }
}
