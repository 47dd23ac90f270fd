package dev.layerlab.bench;

import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.TrainingListener;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.training.monitor.Decimator;
import dev.layerlab.training.monitor.FloatSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the workbench does while a run trains, without JavaFX, so the bench can measure the cost of watching a
 * run. It follows, step for step, the GUI's path, with the same series and decimation classes:
 * <ul>
 *   <li>training thread (the listener {@code gui.training.EngineTrainingJob} attaches, feeding
 *       {@code gui.training.TrainingMonitor}): every iteration a volatile epoch store and an append to a lock-free
 *       chunked float series ({@link FloatSeries}); every epoch an epoch point and a formatted log line
 *       into concurrent queues;</li>
 *   <li>"FX" thread ({@link #startCharts()}): ~30 times a second it drains the queues
 *       ({@code TrainingViewModel.drain}), and at most every 200 ms it redraws the iteration chart as
 *       {@code TrainingView.redrawIterations} does: copy every loss, min/max-decimate to 800 points, smooth and
 *       decimate again. What JavaFX then does with the points (layout, rendering) is not included.</li>
 * </ul>
 * Keep it in step with those classes when they change.
 */
public final class MonitoringListener implements TrainingListener {
    private static final int MAX_DISPLAY_POINTS = 800;
    private static final long DRAIN_NANOS = 33_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int MAX_LOG_LINES = 5000;

    /** The GUI's epoch point (gui.training.EpochPoint). */
    record EpochPoint(int epoch, double trainLoss, double valLoss, double trainMetric, double valMetric,
                      double seconds, Map<String, Double> outputValLoss) {
    }

    private final String headline;
    private final FloatSeries losses = new FloatSeries();
    private volatile int currentEpoch;
    private volatile int totalEpochs;
    private volatile int iterationsPerEpoch;
    private volatile long startNanos = System.nanoTime();
    private final ConcurrentLinkedQueue<EpochPoint> epochs = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();

    // "FX" side
    private Thread charts;
    private volatile boolean chartsRunning;
    private final List<EpochPoint> shownEpochs = new ArrayList<>();
    private final List<String> shownLog = new ArrayList<>();
    private volatile double progress;
    private volatile double elapsedSeconds;
    private volatile int drains;
    private volatile int redraws;
    private volatile long drawnPoints;
    private volatile long chartCpuNanos;
    /** Training thread only: time spent in this listener's callbacks (two clock reads per call, ~50 ns). */
    private long callbackNanos;

    /** @param headline the metric the screen charts ("rmse", "accuracy") */
    public MonitoringListener(String headline) {
        this.headline = headline;
    }

    public MonitoringListener() {
        this("rmse");
    }

    // ---- training thread (EngineTrainingJob's listener + TrainingMonitor) ----

    @Override
    public void onStart(int epochs, int iterationsPerEpoch) {
        this.totalEpochs = epochs;
        this.iterationsPerEpoch = iterationsPerEpoch;
        this.startNanos = System.nanoTime();
    }

    @Override
    public void onIteration(int epoch, long iteration, double loss) {
        long t0 = System.nanoTime();
        currentEpoch = epoch;
        losses.add((float) loss);
        callbackNanos += System.nanoTime() - t0;
    }

    @Override
    public void onEpoch(EpochRecord r) {
        long t0 = System.nanoTime();
        addEpoch(r);
        callbackNanos += System.nanoTime() - t0;
    }

    private void addEpoch(EpochRecord r) {
        epochs.add(new EpochPoint(r.epoch(), r.trainLoss(), r.valLoss(),
                r.trainMetrics().getOrDefault(headline, Double.NaN),
                r.valMetrics().getOrDefault(headline, Double.NaN), r.elapsedMillis() / 1000.0,
                outputLosses(r.valMetrics())));
        log.add(String.format(Locale.ROOT, "epoch %d: loss %.5g, val_loss %.5g, val_%s %.5g",
                r.epoch(), r.trainLoss(), r.valLoss(), headline, r.valMetrics().getOrDefault(headline, Double.NaN)));
    }

    private static Map<String, Double> outputLosses(Map<String, Double> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            String k = e.getKey();
            if (k.endsWith("_loss") && k.length() > 5 && e.getValue() != null) {
                out.put(k.substring(0, k.length() - 5), e.getValue());
            }
        }
        return out;
    }

    @Override
    public void onMessage(String message) {
        log.add(message);
    }

    @Override
    public void onEnd(TrainingResult result) {
        log.add(result.status() + (result.message() == null ? "" : ": " + result.message()));
    }

    // ---- reader side ----

    /** Losses recorded so far (a reader's snapshot). */
    public long size() {
        return losses.size();
    }

    public double loss(long i) {
        if (i >= losses.size()) {
            throw new IndexOutOfBoundsException(i);
        }
        return losses.get((int) i);
    }

    public int epochCount() {
        return shownEpochs.size() + epochs.size();
    }

    /** Starts the chart thread: drains ~30 times a second, redraws the iteration chart at most every 200 ms. */
    public synchronized void startCharts() {
        if (charts != null) {
            return;
        }
        chartsRunning = true;
        charts = new Thread(() -> {
            long lastDraw = 0;
            int drawnSize = -1;
            while (chartsRunning) {
                drain();
                long now = System.nanoTime();
                int n = losses.size();
                if (n != drawnSize && now - lastDraw > REDRAW_NANOS) {
                    lastDraw = now;
                    drawnSize = n;
                    redrawIterations(n);
                }
                try {
                    Thread.sleep(DRAIN_NANOS / 1_000_000);
                } catch (InterruptedException e) {
                    break;
                }
            }
            chartCpuNanos = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }, "bench-charts");
        charts.setDaemon(true);
        charts.start();
    }

    /** Stops the chart thread after a last drain and redraw, as the screen does when a run finishes. */
    public synchronized void stopCharts() {
        if (charts == null) {
            return;
        }
        chartsRunning = false;
        charts.interrupt();
        try {
            charts.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        charts = null;
        drain();
        redrawIterations(losses.size());
    }

    /** Time the training thread spent inside this listener's callbacks; read after the run. */
    public double callbackSeconds() {
        return callbackNanos / 1e9;
    }

    /** CPU time the chart thread used, once {@link #stopCharts()} has returned (the final redraw excluded). */
    public double chartCpuSeconds() {
        return chartCpuNanos / 1e9;
    }

    /** Chart redraws so far. */
    public int redraws() {
        return redraws;
    }

    public int drains() {
        return drains;
    }

    /** Points the iteration chart received, over all redraws. */
    public long drawnPoints() {
        return drawnPoints;
    }

    /** Log lines the screen shows. */
    public List<String> logLines() {
        return List.copyOf(shownLog);
    }

    private void drain() {
        for (EpochPoint p; (p = epochs.poll()) != null; ) {
            shownEpochs.add(p);
        }
        for (String l; (l = log.poll()) != null; ) {
            shownLog.add(l);
        }
        if (shownLog.size() > MAX_LOG_LINES) {
            shownLog.subList(0, shownLog.size() - MAX_LOG_LINES).clear();
        }
        // the status bar's progress and elapsed time
        int total = totalEpochs;
        if (total > 0 && iterationsPerEpoch > 0) {
            progress = Math.min(1, Math.max(shownEpochs.size(), (double) losses.size() / iterationsPerEpoch) / total);
            elapsedSeconds = (System.nanoTime() - startNanos) / 1e9;
        }
        drains++;
    }

    private void redrawIterations(int n) {
        float[] ys = losses.copy(0, n);
        int ipe = Math.max(1, iterationsPerEpoch);
        double scale = 1.0 / ipe;
        drawnPoints += Decimator.minMax(ys, MAX_DISPLAY_POINTS, scale, scale).size();
        drawnPoints += Decimator.minMax(Decimator.smooth(ys, 0.6), MAX_DISPLAY_POINTS, scale, scale).size();
        redraws++;
    }
}
