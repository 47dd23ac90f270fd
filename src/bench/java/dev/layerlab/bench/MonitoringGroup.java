package dev.layerlab.bench;

import static dev.layerlab.bench.BenchSupport.*;

import dev.layerlab.data.PreparedData;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/** Monitoring overhead: training with the workbench's monitoring path attached against without. */
final class MonitoringGroup {
    private MonitoringGroup() {
    }

    /**
     * The same training with the GUI's monitoring path attached (listener on the training thread, chart thread
     * draining and redrawing) and without. After a warm-up of both, runs alternate in pairs (watched first in
     * every other pair, so neither side always runs second), and the figure is the median of the per-pair
     * slowdowns; the spread (smallest and largest pair) says how far one pair can be trusted.
     */
    static void run(Bench.Options options, PreparedData data, Consumer<Figure> add) {
        // Alternating pairs, each run long enough (~2 s) that a GC cycle or JIT event does not decide a pair:
        // with 0.5 s runs the pairs ranged from -60 % to +150 % even on an idle machine, and a fixed 5 epochs
        // shrank to 0.7 s as the trainer got faster (pairs -49 .. +100 %). So the epochs follow the warm speed.
        int pairs = options.quick() ? 2 : 12;
        String loadBefore = loadAverage();
        int warm = options.quick() ? 1 : 5;
        timedTrain(data, 32, warm, null);
        Run warmRun = timedTrain(data, 32, warm, new MonitoringListener()); // the JIT-warm one
        int epochs = options.quick() ? 1 : Math.max(Math.max(1, options.epochs() / 4),
                Math.min(60, (int) Math.ceil(2.0 * warmRun.samplesPerSecond() / data.train().rows())));
        double[] slower = new double[pairs];
        double[] slowerCpu = new double[pairs];
        double[] extraCpu = new double[pairs];
        double[] inCallbacks = new double[pairs];
        double[] none = new double[pairs];
        double[] watched = new double[pairs];
        MonitoringListener last = null;
        for (int p = 0; p < pairs; p++) {
            Run a;
            Run b;
            last = new MonitoringListener();
            if (p % 2 == 0) {
                a = timedTrain(data, 32, epochs, null);
                b = timedTrain(data, 32, epochs, last);
            } else {
                b = timedTrain(data, 32, epochs, last);
                a = timedTrain(data, 32, epochs, null);
            }
            none[p] = a.samplesPerSecond();
            watched[p] = b.samplesPerSecond();
            slower[p] = (a.samplesPerSecond() / b.samplesPerSecond() - 1) * 100;
            slowerCpu[p] = (a.cpuSamplesPerSecond() / b.cpuSamplesPerSecond() - 1) * 100;
            // All the CPU watching costs: the training thread's extra time plus the chart thread's.
            extraCpu[p] = (b.cpuSeconds() + last.chartCpuSeconds() - a.cpuSeconds()) / a.cpuSeconds() * 100;
            inCallbacks[p] = last.callbackSeconds() / b.cpuSeconds() * 100;
        }
        double overhead = median(slower);
        double[] sorted = slower.clone();
        Arrays.sort(sorted);
        double n = median(none);
        double w = median(watched);
        add.accept(new Figure("monitoring.overhead", overhead, "% slower", "no listener", n, 1 + overhead / 100, "< 3 %",
                String.format(Locale.ROOT, "batch 32, %d alternating pairs of %d epochs after a warm-up; median of the "
                                + "pairs' slowdowns, pairs range %.1f .. %.1f %%; CPU time: training thread %+.1f %%, with the "
                                + "chart thread %+.1f %%; inside the listener %.3f %% of the training thread's time; median "
                                + "%.0f vs %.0f samples/s; per run %d losses recorded, %d chart redraws; load %s -> %s",
                        pairs, epochs, sorted[0], sorted[sorted.length - 1], median(slowerCpu), median(extraCpu),
                        median(inCallbacks), w, n, last.size(),
                        last.redraws(), loadBefore, loadAverage())));
    }
}
