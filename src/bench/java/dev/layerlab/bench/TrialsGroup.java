package dev.layerlab.bench;

import static dev.layerlab.bench.BenchSupport.*;

import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ParamDomain;
import dev.layerlab.experiment.SearchSpace;
import dev.layerlab.tuning.PrunerKind;
import dev.layerlab.tuning.StrategyKind;
import dev.layerlab.tuning.Study;
import dev.layerlab.tuning.StudyResult;
import dev.layerlab.tuning.StudySettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/** Parallel trials: the same random study one trial at a time and with the pool sized to the machine. */
final class TrialsGroup {
    private TrialsGroup() {
    }

    static void run(Bench.Options options, PreparedData data, Path tmp, Consumer<Figure> add) throws IOException {
        // Trials long enough (10 epochs) that what a trial costs besides training (network set-up, evaluation,
        // journal) does not dominate: with the faster trainer, 3-epoch trials took a fraction of a second.
        int trials = options.quick() ? 2 : 8;
        int epochs = options.quick() ? 1 : 10;
        int pairs = options.quick() ? 1 : 5;
        int threads = Runtime.getRuntime().availableProcessors();
        // The real tuning path (Study with its trial pool, journal and per-trial evaluation), the same random
        // study twice: one trial at a time, then with the pool sized to the machine. Random search with no
        // pruner samples the same trials whatever the parallelism, so both runs do the same work.
        Experiment experiment = new Experiment(0, "bench-trials", DataSpec.of(options.data().toString(), options.target()),
                network(), trainingSpec(64, epochs), SearchSpace.of(java.util.Map.of(
                        SearchSpace.LEARNING_RATE, new ParamDomain.LogUniform(1e-4, 1e-2))));
        StudySettings settings = StudySettings.of(StrategyKind.RANDOM, trials).withPruner(PrunerKind.NONE)
                .withMaxEpochs(epochs).withSeed(42);
        // Warm-up: one full-length trial per pool thread, so that the first timed run does not still carry the
        // JIT's compilations (with 1-epoch warm-up trials the compiler kept most of a core busy into it).
        new Study(experiment, data, StudySettings.of(StrategyKind.RANDOM, threads).withPruner(PrunerKind.NONE)
                .withMaxEpochs(epochs).withParallel(threads), tmp.resolve("trials-warmup")).run();
        // Pairs run back to back and the median ratio is reported: one pair alone moved by +-0.2x between runs.
        double[] sequential = new double[pairs];
        double[] parallel = new double[pairs];
        double[] ratio = new double[pairs];
        double[] sequentialCores = new double[pairs];
        double[] parallelCores = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            StudyTiming one = timeStudy(experiment, data, settings.withParallel(1), tmp.resolve("trials-1-" + p));
            StudyTiming many = timeStudy(experiment, data, settings.withParallel(threads), tmp.resolve("trials-n-" + p));
            sequential[p] = one.trialsPerMinute();
            parallel[p] = many.trialsPerMinute();
            ratio[p] = parallel[p] / sequential[p];
            sequentialCores[p] = one.coresBusy();
            parallelCores[p] = many.coresBusy();
        }
        add.accept(new Figure("trials.parallel", median(parallel), "trials/min", "one at a time", median(sequential),
                median(ratio), ">= 1.8x", String.format(Locale.ROOT,
                        "random study, %d trials of %d epochs at batch 64, --parallel %d vs 1, median of %d pairs "
                                + "(ratios %s); cores busy %.2f one at a time, %.2f in parallel",
                        trials, epochs, threads, pairs, formatRatios(ratio), median(sequentialCores),
                        median(parallelCores))));
    }

    /** Trials per minute, and how many cores the whole JVM kept busy meanwhile (training, GC, deallocators). */
    record StudyTiming(double trialsPerMinute, double coresBusy) {
    }

    static StudyTiming timeStudy(Experiment experiment, PreparedData data, StudySettings settings, Path dir) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        StudyResult result = new Study(experiment, data, settings, dir).run();
        long wall = System.nanoTime() - start;
        return new StudyTiming(result.trials().size() / (wall / 6e10), (os.getProcessCpuTime() - cpu) / (double) wall);
    }
}
