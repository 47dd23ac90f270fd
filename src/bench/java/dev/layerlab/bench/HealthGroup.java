package dev.layerlab.bench;

import static dev.layerlab.bench.BenchSupport.*;

import dev.layerlab.data.PreparedData;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.Trainer;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/** Network-health sampling overhead: training with health sampling against without. */
final class HealthGroup {
    private HealthGroup() {
    }

    /**
     * The same training with network-health sampling (every {@link dev.layerlab.diagnostics.HealthProbe#DEFAULT_EVERY}
     * steps, rules checked) and without, in alternating pairs after a warm-up; the figure is the median of the pairs'
     * slowdowns, as for the monitoring overhead.
     */
    static void run(Bench.Options options, PreparedData data, Consumer<Figure> add) {
        int pairs = options.quick() ? 2 : 10;
        int epochs = options.quick() ? 1 : Math.max(2, options.epochs() / 4);
        String loadBefore = loadAverage();
        healthRun(data, epochs, false);
        healthRun(data, epochs, true);
        double[] slower = new double[pairs];
        double[] plain = new double[pairs];
        double[] probed = new double[pairs];
        double[] cpuShare = new double[pairs];
        double[] cpuSlower = new double[pairs];
        int samples = 0;
        for (int p = 0; p < pairs; p++) {
            double[] a;
            double[] b;
            if (p % 2 == 0) {
                a = healthRun(data, epochs, false);
                b = healthRun(data, epochs, true);
            } else {
                b = healthRun(data, epochs, true);
                a = healthRun(data, epochs, false);
            }
            plain[p] = a[0];
            probed[p] = b[0];
            samples = (int) b[1];
            slower[p] = (a[0] / b[0] - 1) * 100;
            cpuShare[p] = b[2] / (b[3] - b[2]) * 100;
            cpuSlower[p] = (b[3] / a[3] - 1) * 100;
        }
        // The figure: the training thread's CPU time spent sampling over the rest of its CPU time. It does not
        // depend on what else the machine runs, unlike the wall-clock pairs (given as context).
        double overhead = median(cpuShare);
        double[] sorted = slower.clone();
        Arrays.sort(sorted);
        add.accept(new Figure("health.overhead", overhead, "% slower", "no health sampling", median(plain), 1 + overhead / 100,
                "< 3 %", String.format(Locale.ROOT, "batch 32, every %d steps; training-thread CPU spent sampling over the "
                                + "rest of its CPU time, median of %d runs of %d epochs after a warm-up; wall-clock pairs: "
                                + "median %.1f %%, range %.1f .. %.1f %%, median %.0f vs %.0f samples/s; training-thread CPU "
                                + "pairs: median %+.1f %%; %d layer samples per run; load %s -> %s",
                        dev.layerlab.diagnostics.HealthProbe.DEFAULT_EVERY, pairs, epochs, median(slower), sorted[0],
                        sorted[sorted.length - 1], median(probed), median(plain), median(cpuSlower), samples, loadBefore,
                        loadAverage())));
    }

    /** Samples per second of one run, with or without health sampling, and the layer samples it took. */
    static double[] healthRun(PreparedData data, int epochs, boolean withHealth) {
        Trainer trainer = new Trainer(new RunControl(), null);
        dev.layerlab.diagnostics.NetworkHealth health = withHealth ? new dev.layerlab.diagnostics.NetworkHealth() : null;
        if (health != null) {
            health.attachTo(trainer);
        }
        var threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        trainer.train(network(), trainingSpec(32, epochs), data);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = threads.getCurrentThreadCpuTime() - cpu0;
        return new double[] {(double) data.train().rows() * epochs / seconds, health == null ? 0 : health.samples().size(),
                health == null ? 0 : health.samplingCpuNanos(), cpu};
    }
}
