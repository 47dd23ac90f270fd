package dev.layerlab.bench.gui;

import javafx.animation.AnimationTimer;

import java.util.Arrays;

/**
 * Measures how responsive the FX thread is: an {@link AnimationTimer} asks for a pulse every frame and
 * records the time between consecutive pulses. Anything that holds the FX thread (a slow layout, a burst
 * of {@code runLater}s, I/O) delays the next pulse, so the longest gap is the longest freeze a user sees.
 * Idle, the gaps are the pulse period (about 16.7 ms at 60 Hz).
 *
 * <p>It also notes how much CPU the FX thread itself used during the longest gap: near the gap's length means
 * the FX thread was busy (work to move off it); near zero means it was held up elsewhere (a collector pause,
 * the render thread, or no free core).
 *
 * <p>Start, stop and read on the FX thread.
 */
public final class PulseGapMonitor {
    /** Gap statistics in milliseconds. */
    public record Gaps(int count, double maxMs, double p99Ms, double p50Ms, double meanMs, double fxCpuInMaxMs) {
        static final Gaps NONE = new Gaps(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    private long[] gaps = new long[4096];
    private int count;
    private long last = -1;
    private long lastCpu;
    private long maxGap = -1;
    private long cpuInMaxGap;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long cpu = threads.getCurrentThreadCpuTime();
            if (last >= 0) {
                record(now - last);
                if (now - last > maxGap) {
                    maxGap = now - last;
                    cpuInMaxGap = cpu - lastCpu;
                }
            }
            last = now;
            lastCpu = cpu;
        }
    };

    /** Clears what was recorded and starts recording (FX thread). */
    public void start() {
        count = 0;
        last = -1;
        maxGap = -1;
        cpuInMaxGap = 0;
        timer.start();
    }

    /** Stops recording (FX thread); the gaps stay readable. */
    public void stop() {
        timer.stop();
    }

    private void record(long nanos) {
        if (count == gaps.length) {
            gaps = Arrays.copyOf(gaps, count * 2);
        }
        gaps[count++] = nanos;
    }

    /** The gaps recorded so far (FX thread). */
    public Gaps gaps() {
        Gaps g = summarize(Arrays.copyOf(gaps, count));
        return new Gaps(g.count(), g.maxMs(), g.p99Ms(), g.p50Ms(), g.meanMs(), count == 0 ? Double.NaN : cpuInMaxGap / 1e6);
    }

    /** Max, 99th percentile (nearest rank), median and mean of gaps given in nanoseconds. */
    static Gaps summarize(long[] nanos) {
        if (nanos.length == 0) {
            return Gaps.NONE;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long g : sorted) {
            sum += g;
        }
        return new Gaps(sorted.length, sorted[sorted.length - 1] / 1e6, rank(sorted, 0.99) / 1e6, rank(sorted, 0.50) / 1e6,
                sum / sorted.length / 1e6, Double.NaN);
    }

    private static long rank(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
