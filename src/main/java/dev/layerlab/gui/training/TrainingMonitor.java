package dev.layerlab.gui.training;

import dev.layerlab.diagnostics.HealthSample;
import dev.layerlab.diagnostics.HealthWarning;
import dev.layerlab.diagnostics.NetworkHealth;
import dev.layerlab.training.monitor.FloatSeries;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The bridge from the training thread to the window. The training thread calls the {@code on*}
 * methods; each is a few stores (per-iteration loss goes into a lock-free {@link FloatSeries}), never
 * an FX call. The FX thread reads it ~30 times a second through {@link TrainingViewModel#drain()}.
 */
public final class TrainingMonitor {
    final FloatSeries iterationLoss = new FloatSeries();
    final ConcurrentLinkedQueue<EpochPoint> epochs = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    /** Network-health samples and warnings, drained with the rest (never one FX call per sample). */
    final ConcurrentLinkedQueue<HealthSample> health = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<HealthWarning> warnings = new ConcurrentLinkedQueue<>();
    volatile int totalEpochs;
    volatile int iterationsPerEpoch;
    volatile int currentEpoch;
    volatile long startNanos = System.nanoTime();
    volatile RunOutcome outcome;
    volatile String baselines;
    volatile Throwable failure;
    volatile boolean finished;
    /** Epochs the network had before this job's first iteration (a resumed or fine-tuned run): the iteration chart starts there. */
    volatile int epochOffset;

    public void onStart(int totalEpochs, int iterationsPerEpoch) {
        this.totalEpochs = totalEpochs;
        this.iterationsPerEpoch = iterationsPerEpoch;
        this.startNanos = System.nanoTime();
    }

    /** Training thread, every iteration: must stay cheap. */
    public void onIteration(int epoch, double loss) {
        currentEpoch = epoch;
        iterationLoss.add((float) loss);
    }

    public void onEpoch(EpochPoint point) {
        epochs.add(point);
    }

    public void log(String line) {
        log.add(line);
    }

    /** The baselines' comparison line (or that they are being fitted); may come after {@link #onFinished}. */
    public void onBaselines(String line) {
        baselines = line;
    }

    public void onFinished(RunOutcome result) {
        outcome = result;
        finished = true;
    }

    public void onFailed(Throwable error) {
        failure = error;
        finished = true;
    }

    /** Hears the run's network health on the training thread: two queue adds, nothing else. */
    public NetworkHealth.Listener healthListener() {
        return new NetworkHealth.Listener() {
            @Override
            public void onSamples(java.util.List<HealthSample> step) {
                health.addAll(step);
            }

            @Override
            public void onWarning(HealthWarning warning) {
                warnings.add(warning);
                log.add("warning: " + warning.text());
            }
        };
    }

    public int iterations() {
        return iterationLoss.size();
    }
}
