package dev.layerlab.bench;

import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.TrainingListener;
import dev.layerlab.training.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the workbench does while a run trains, without JavaFX, so the bench can measure the cost of watching a
 * run. It mirrors, step for step, the GUI's path:
 * <ul>
 *   <li>training thread (the listener {@code gui.training.EngineTrainingJob} attaches, feeding
 *       {@code gui.training.TrainingMonitor}): every iteration a volatile epoch store and an append to a lock-free
 *       chunked float series ({@code gui.common.FloatSeries}); every epoch an epoch point and a formatted log line
 *       into concurrent queues;</li>
 *   <li>"FX" thread ({@link #startCharts()}): ~30 times a second it drains the queues
 *       ({@code TrainingViewModel.drain}), and at most every 200 ms it redraws the iteration chart as
 *       {@code TrainingView.redrawIterations} does: copy every loss, min/max-decimate to 800 points, smooth and
 *       decimate again. What JavaFX then does with the points (layout, rendering) is not included.</li>
 * </ul>
 * Keep it in step with those classes when they change.
 */
public final class MonitoringListener implements TrainingListener {
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MAX_CHUNKS = 1 << 16;
    private static final int MAX_DISPLAY_POINTS = 800;
    private static final long DRAIN_NANOS = 33_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int MAX_LOG_LINES = 5000;

    /** The GUI's epoch point (gui.training.EpochPoint). */
    record EpochPoint(int epoch, double trainLoss, double valLoss, double trainMetric, double valMetric,
                      double seconds, Map<String, Double> outputValLoss) {
    }

    private final String headline;
    private final AtomicReferenceArray<float[]> chunks = new AtomicReferenceArray<>(MAX_CHUNKS);
    private volatile int size;
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
        add((float) loss);
        callbackNanos += System.nanoTime() - t0;
    }

    private void add(float value) {
        int n = size;
        int c = n >>> CHUNK_BITS;
        if (c >= MAX_CHUNKS) {
            return;
        }
        float[] chunk = chunks.get(c);
        if (chunk == null) {
            chunk = new float[CHUNK];
            chunks.set(c, chunk);
        }
        chunk[n & (CHUNK - 1)] = value;
        size = n + 1; // volatile write publishes the value
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
        return size;
    }

    public double loss(long i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return chunks.get((int) (i >>> CHUNK_BITS))[(int) (i & (CHUNK - 1))];
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
                int n = size;
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
        redrawIterations(size);
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
            progress = Math.min(1, Math.max(shownEpochs.size(), (double) size / iterationsPerEpoch) / total);
            elapsedSeconds = (System.nanoTime() - startNanos) / 1e9;
        }
        drains++;
    }

    private void redrawIterations(int n) {
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            ys[i] = chunks.get(i >>> CHUNK_BITS)[i & (CHUNK - 1)];
        }
        int ipe = Math.max(1, iterationsPerEpoch);
        double scale = 1.0 / ipe;
        drawnPoints += minMax(ys, MAX_DISPLAY_POINTS, scale, scale).size();
        drawnPoints += minMax(smooth(ys, 0.6), MAX_DISPLAY_POINTS, scale, scale).size();
        redraws++;
    }

    /** gui.common.Decimator.minMax: per bucket, its minimum and maximum in order. */
    static List<double[]> minMax(float[] ys, int maxPoints, double xOffset, double xScale) {
        int n = ys.length;
        List<double[]> out = new ArrayList<>(Math.min(n, maxPoints + 2));
        if (n <= maxPoints) {
            for (int i = 0; i < n; i++) {
                out.add(new double[] {xOffset + i * xScale, ys[i]});
            }
            return out;
        }
        int buckets = Math.max(1, maxPoints / 2);
        double per = (double) n / buckets;
        for (int b = 0; b < buckets; b++) {
            int from = (int) Math.floor(b * per);
            int to = (int) Math.min(n, Math.floor((b + 1) * per));
            if (from >= to) {
                continue;
            }
            int lo = from;
            int hi = from;
            for (int i = from; i < to; i++) {
                if (ys[i] < ys[lo]) {
                    lo = i;
                }
                if (ys[i] > ys[hi]) {
                    hi = i;
                }
            }
            int first = Math.min(lo, hi);
            int second = Math.max(lo, hi);
            out.add(new double[] {xOffset + first * xScale, ys[first]});
            if (second != first) {
                out.add(new double[] {xOffset + second * xScale, ys[second]});
            }
        }
        return out;
    }

    /** gui.common.Decimator.smooth: debiased exponential moving average. */
    static float[] smooth(float[] ys, double smoothing) {
        float[] out = new float[ys.length];
        double last = 0;
        double weight = 0;
        for (int i = 0; i < ys.length; i++) {
            float y = ys[i];
            if (!Float.isFinite(y)) {
                out[i] = y;
                continue;
            }
            last = last * smoothing + (1 - smoothing) * y;
            weight = weight * smoothing + (1 - smoothing);
            out[i] = (float) (last / weight);
        }
        return out;
    }
}
