package dev.layerlab.bench;

import dev.layerlab.data.CsvSniffer;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.Matrix;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.Table;
import dev.layerlab.data.TableLoader;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.Dl4jTranslator;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.CheckpointSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.nd4j.NativeRuntime;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingSpec;
import dev.layerlab.training.Updaters;
import dev.layerlab.experiment.ParamDomain;
import dev.layerlab.tuning.PrunerKind;
import dev.layerlab.experiment.SearchSpace;
import dev.layerlab.tuning.StrategyKind;
import dev.layerlab.tuning.Study;
import dev.layerlab.tuning.StudyResult;
import dev.layerlab.tuning.StudySettings;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import com.sun.management.GarbageCollectionNotificationInfo;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * Runs every benchmark in one process and reports each figure with its reference measured in the same run.
 *
 * <p>Training throughput: LayerLab's {@link Trainer} (this process, tuned by {@link NativeRuntime}) against a
 * plain DL4J loop as ND4J's examples write it ({@link BareDl4jLoop}) in a child JVM with DL4J's defaults, because the settings that
 * matter (native threads, periodic GC, JavaCPP checks, which native binary is loaded) are process-wide and
 * partly fixed once ND4J has loaded. Reference and candidate alternate (reference batch 32, candidate batch
 * 32, reference batch 256, candidate batch 256), each after a short warm-up of its own JVM, on the same
 * training rows and the same network configuration.
 */
public final class Bench {
    /** Settings of one bench run. */
    public record Options(boolean quick, Path out, Path data, String target, int importRows, int epochs,
                          java.util.Set<String> only) {
        /** The benchmark groups, in run order. */
        public static final List<String> GROUPS = List.of("train", "monitoring", "health", "trials", "import", "gui",
                "startup", "serve");

        public Options(boolean quick, Path out, Path data, String target, int importRows, int epochs) {
            this(quick, out, data, target, importRows, epochs, null);
        }

        public Options {
            only = only == null || only.isEmpty() ? java.util.Set.copyOf(GROUPS) : java.util.Set.copyOf(only);
            out = out == null ? Path.of("bench-results.csv") : out;
            data = data == null ? defaultData() : data;
            target = target == null ? "median_house_value" : target;
            importRows = importRows > 0 ? importRows : quick ? 100_000 : 1_000_000;
            epochs = epochs > 0 ? epochs : quick ? 2 : 20;
        }

        static Path defaultData() {
            String home = System.getProperty("layerlab.home");
            Path base = home != null ? Path.of(home) : Path.of("");
            return base.resolve("sample-data").resolve("california_housing.csv");
        }
    }

    private final Options options;
    private final PrintWriter out;
    private final List<Figure> figures = new ArrayList<>();

    public Bench(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    public List<Figure> run() throws IOException {
        NativeRuntime.init();
        out.printf("LayerLab bench%s: %s%n", options.quick() ? " (quick)" : "", machine());
        out.printf("Native engine: %s (chosen: %s); load before: %s%n", NativeRuntime.describeBinary(),
                NativeRuntime.binaryChoice(), loadAverage());
        out.flush();
        Path tmp = Files.createTempDirectory("layerlab-bench");
        try {
            PreparedData data = DataPipeline.prepare(DataSpec.of(options.data().toString(), options.target()), (Path) null);
            if (options.only().contains("train")) {
                trainingThroughput(data, tmp);
            }
            if (options.only().contains("monitoring")) {
                monitoringOverhead(data);
            }
            if (options.only().contains("health")) {
                healthOverhead(data);
            }
            if (options.only().contains("trials")) {
                parallelTrials(data, tmp);
            }
            if (options.only().contains("import")) {
                csvImport(tmp);
            }
            if (options.only().contains("gui")) {
                settle();
                GuiGroups.gui(options.quick(), options.data(), out).forEach(this::add);
            }
            if (options.only().contains("startup")) {
                GuiGroups.startup(options.quick(), out).forEach(this::add);
            }
            if (options.only().contains("serve")) {
                ServeBench.run(data, tmp, options.quick(), options.data().toString()).forEach(this::add);
            }
        } finally {
            deleteRecursively(tmp);
        }
        out.printf("Load after: %s%n", loadAverage());
        writeCsv();
        out.println("Wrote " + figures.size() + " figures to " + options.out());
        out.flush();
        return figures;
    }

    // ---- (1) training throughput -------------------------------------------------------------------

    static NetworkSpec network() {
        return NetworkSpec.of(DenseLayer.of(64, Activation.RELU), DenseLayer.of(64, Activation.RELU));
    }

    static TrainingSpec trainingSpec(int batch, int epochs) {
        return new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, 1e-3), batch, epochs, 42,
                EarlyStoppingSpec.disabled(), CheckpointSpec.none());
    }

    /** One timed Trainer.train run: samples per second of wall-clock and of the training thread's CPU time. */
    record Run(double samplesPerSecond, double cpuSamplesPerSecond, double cpuSeconds) {
    }

    /** Samples per second of Trainer.train (including its per-epoch evaluation). */
    static double trainerThroughput(PreparedData data, int batch, int epochs, boolean prebatched,
                                    MonitoringListener listener) {
        return timedTrain(data, batch, epochs, prebatched, listener).samplesPerSecond();
    }

    /** Trains on this thread; with a listener its chart thread runs for the duration, as the screen's would. */
    static Run timedTrain(PreparedData data, int batch, int epochs, boolean prebatched, MonitoringListener listener) {
        Trainer trainer = new Trainer(new RunControl(), null).prebatchEpochs(prebatched);
        if (listener != null) {
            trainer.addListener(listener);
            listener.startCharts();
        }
        var threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        try {
            trainer.train(network(), trainingSpec(batch, epochs), data);
        } finally {
            if (listener != null) {
                listener.stopCharts();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double samples = data.train().rows() * (double) epochs;
        return new Run(samples / seconds, cpuSeconds > 0 ? samples / cpuSeconds : Double.NaN, cpuSeconds);
    }

    private void trainingThroughput(PreparedData data, Path tmp) throws IOException {
        Matrix train = data.train();
        MultiLayerConfiguration conf = Dl4jTranslator.toConfiguration(network(), Trainer.shapeOf(data),
                Updaters.toDl4j(trainingSpec(32, 1).optimizer()), 42);
        Path confFile = tmp.resolve("conf.json");
        Files.writeString(confFile, conf.toJson());
        Path dataFile = tmp.resolve("train.bin");
        BareDl4jLoop.writeData(dataFile, train.features(), train.targets(), train.rows(), train.featureCount(),
                train.targetWidth());
        int warmup = options.quick() ? 1 : 3;
        int epochs = options.epochs();
        // JIT warm-up of both pipelines (the reference warms up in its own JVM). Throughput still climbs for
        // several epochs after the first few, so a short warm-up favoured whichever pipeline ran later.
        int trainerWarmup = options.quick() ? 1 : 10;
        trainerThroughput(data, 32, trainerWarmup, true, null);
        trainerThroughput(data, 32, trainerWarmup, false, null);
        String rows = train.rows() + " rows x " + train.featureCount() + " features, 64-64 relu, adam 1e-3, " + epochs + " epochs";
        int[] batches = {32, 256};
        String[] targets = {">= 2.5x", ">= 3x"};
        int pairs = options.quick() ? 1 : 5;
        for (int i = 0; i < batches.length; i++) {
            int batch = batches[i];
            String loadBefore = loadAverage();
            double reference = bareDl4j(confFile, dataFile, batch, epochs, warmup, BareDl4jLoop.Loop.IDIOMATIC);
            double oldReference = bareDl4j(confFile, dataFile, batch, epochs, warmup, BareDl4jLoop.Loop.PER_BATCH_FIT);
            // The two pipelines run in pairs, alternating which goes first (A B, B A, ...): neither always runs
            // second, after the other's garbage, or later in the JIT's warm-up.
            List<Run> pre = new ArrayList<>();
            List<Run> copy = new ArrayList<>();
            double[] ratio = new double[pairs];
            double[] cpuRatio = new double[pairs];
            for (int p = 0; p < pairs; p++) {
                Run a;
                Run b;
                if (p % 2 == 0) {
                    a = timedTrain(data, batch, epochs, true, null);
                    b = timedTrain(data, batch, epochs, false, null);
                } else {
                    b = timedTrain(data, batch, epochs, false, null);
                    a = timedTrain(data, batch, epochs, true, null);
                }
                pre.add(a);
                copy.add(b);
                ratio[p] = b.samplesPerSecond() / a.samplesPerSecond();
                cpuRatio[p] = b.cpuSamplesPerSecond() / a.cpuSamplesPerSecond();
            }
            double candidate = median(pre.stream().mapToDouble(Run::samplesPerSecond).toArray());
            double simple = median(copy.stream().mapToDouble(Run::samplesPerSecond).toArray());
            double candidateCpu = median(pre.stream().mapToDouble(Run::cpuSamplesPerSecond).toArray());
            String load = "load " + loadBefore + " -> " + loadAverage();
            double[] sortedRatio = ratio.clone();
            Arrays.sort(sortedRatio);
            add(new Figure("train.batch" + batch, candidate, "samples/s", BareDl4jLoop.Loop.IDIOMATIC.label, reference,
                    candidate / reference, targets[i], String.format(Locale.ROOT,
                    "%s; median of %d; training thread CPU %.0f samples/s; %s", rows, pre.size(), candidateCpu, load)));
            add(new Figure("train.batch" + batch + ".vs_per_batch_fit", candidate, "samples/s",
                    BareDl4jLoop.Loop.PER_BATCH_FIT.label + " (former reference)", oldReference, candidate / oldReference,
                    "", "the same trainer against the loop the bench used as its reference before"));
            add(new Figure("train.batch" + batch + ".per_step_copy", simple, "samples/s", "pre-batched epoch", candidate,
                    median(ratio), "", String.format(Locale.ROOT,
                    "same trainer and settings, one new array per step; %d alternating pairs, median of the pairs' "
                            + "ratios (range %.2f .. %.2f); training thread CPU ratio %.2f; %s",
                    pairs, sortedRatio[0], sortedRatio[pairs - 1], median(cpuRatio), load)));
        }
    }

    /** Runs the bare DL4J loop in a child JVM with DL4J's default settings; samples/s. */
    double bareDl4j(Path conf, Path dataFile, int batch, int epochs, int warmup, BareDl4jLoop.Loop loop) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(defaultClassPath());
        if (System.getProperty("layerlab.logDir") != null) {
            command.add("-Dlayerlab.logDir=" + System.getProperty("layerlab.logDir"));
        }
        command.add(BareDl4jLoop.class.getName());
        command.addAll(List.of(conf.toString(), dataFile.toString(), Integer.toString(batch), Integer.toString(epochs),
                Integer.toString(warmup), loop.argument));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("OMP_") || k.startsWith("OPENBLAS_") || k.startsWith("MKL_")
                || k.startsWith("LAYERLAB_") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        Process process = pb.start();
        String result = null;
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                } else if (log.length() < 4000) {
                    log.append(line).append('\n');
                }
            }
        }
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
        if (result == null) {
            throw new IllegalStateException("the reference DL4J run failed:\n" + log);
        }
        return Double.parseDouble(result.split(" ")[1]);
    }

    /**
     * This JVM's class path, minus the AVX2/AVX-512 builds of nd4j-native: what plain
     * {@code nd4j-native-platform} brings. A manifest-only jar (Surefire's) is expanded.
     */
    static String defaultClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.addAll(expandManifest(entry));
        }
        return String.join(File.pathSeparator, entries.stream()
                .filter(e -> !e.matches(".*nd4j-native-[^/\\\\]*-avx(2|512)\\.jar$"))
                .toList());
    }

    static List<String> expandManifest(String entry) {
        if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
            return List.of(entry);
        }
        try (JarFile jar = new JarFile(entry)) {
            var manifest = jar.getManifest();
            String cp = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (cp == null || jar.size() > 2) {
                return List.of(entry);
            }
            List<String> expanded = new ArrayList<>();
            Path base = Path.of(entry).toAbsolutePath().getParent();
            for (String part : cp.trim().split("\\s+")) {
                if (part.isEmpty()) {
                    continue;
                }
                URI uri = base.toUri().resolve(part);
                expanded.add(Path.of(uri).toString());
            }
            return expanded;
        } catch (IOException | RuntimeException e) {
            return List.of(entry);
        }
    }

    // ---- (2) monitoring overhead -------------------------------------------------------------------

    /**
     * The same training with the GUI's monitoring path attached (listener on the training thread, chart thread
     * draining and redrawing) and without. After a warm-up of both, runs alternate in pairs (watched first in
     * every other pair, so neither side always runs second), and the figure is the median of the per-pair
     * slowdowns; the spread (smallest and largest pair) says how far one pair can be trusted.
     */
    private void monitoringOverhead(PreparedData data) {
        // Alternating pairs, each run long enough (~2 s) that a GC cycle or JIT event does not decide a pair:
        // with 0.5 s runs the pairs ranged from -60 % to +150 % even on an idle machine, and a fixed 5 epochs
        // shrank to 0.7 s as the trainer got faster (pairs -49 .. +100 %). So the epochs follow the warm speed.
        int pairs = options.quick() ? 2 : 12;
        String loadBefore = loadAverage();
        int warm = options.quick() ? 1 : 5;
        timedTrain(data, 32, warm, true, null);
        Run warmRun = timedTrain(data, 32, warm, true, new MonitoringListener()); // the JIT-warm one
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
                a = timedTrain(data, 32, epochs, true, null);
                b = timedTrain(data, 32, epochs, true, last);
            } else {
                b = timedTrain(data, 32, epochs, true, last);
                a = timedTrain(data, 32, epochs, true, null);
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
        add(new Figure("monitoring.overhead", overhead, "% slower", "no listener", n, 1 + overhead / 100, "< 3 %",
                String.format(Locale.ROOT, "batch 32, %d alternating pairs of %d epochs after a warm-up; median of the "
                                + "pairs' slowdowns, pairs range %.1f .. %.1f %%; CPU time: training thread %+.1f %%, with the "
                                + "chart thread %+.1f %%; inside the listener %.3f %% of the training thread's time; median "
                                + "%.0f vs %.0f samples/s; per run %d losses recorded, %d chart redraws; load %s -> %s",
                        pairs, epochs, sorted[0], sorted[sorted.length - 1], median(slowerCpu), median(extraCpu),
                        median(inCallbacks), w, n, last.size(),
                        last.redraws(), loadBefore, loadAverage())));
    }

    // ---- (2b) network-health sampling overhead ----------------------------------------------------------

    /**
     * The same training with network-health sampling (every {@link dev.layerlab.diagnostics.HealthProbe#DEFAULT_EVERY}
     * steps, rules checked) and without, in alternating pairs after a warm-up; the figure is the median of the pairs'
     * slowdowns, as for the monitoring overhead.
     */
    private void healthOverhead(PreparedData data) {
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
        add(new Figure("health.overhead", overhead, "% slower", "no health sampling", median(plain), 1 + overhead / 100,
                "< 3 %", String.format(Locale.ROOT, "batch 32, every %d steps; training-thread CPU spent sampling over the "
                                + "rest of its CPU time, median of %d runs of %d epochs after a warm-up; wall-clock pairs: "
                                + "median %.1f %%, range %.1f .. %.1f %%, median %.0f vs %.0f samples/s; training-thread CPU "
                                + "pairs: median %+.1f %%; %d layer samples per run; load %s -> %s",
                        dev.layerlab.diagnostics.HealthProbe.DEFAULT_EVERY, pairs, epochs, median(slower), sorted[0],
                        sorted[sorted.length - 1], median(probed), median(plain), median(cpuSlower), samples, loadBefore,
                        loadAverage())));
    }

    /** Samples per second of one run, with or without health sampling, and the layer samples it took. */
    private static double[] healthRun(PreparedData data, int epochs, boolean withHealth) {
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

    /** glibc's malloc_trim, to hand the freed native heap of the training groups back to the system. */
    private interface LibC extends com.sun.jna.Library {
        int malloc_trim(long pad);
    }

    /**
     * Releases what the training groups left in this process before the GUI groups' child JVMs run: after the
     * trials group this process held ~2.6 GB, mostly native memory freed but kept by glibc's arenas, and the
     * child drew the 100,000-point chart in 17-26 ms (its kernel time up 72 %) against 10-14 ms when started
     * from a process that had not trained. A collection alone, or with a 10 s pause, changed nothing; giving
     * the freed native heap back (malloc_trim) brings the child to 10.6-11.5 ms. A user's window has no bench
     * process beside it, so this measures it as it runs.
     */
    private void settle() {
        long before = residentKb();
        dev.layerlab.training.nd4j.NativeRuntime.releaseThreadWorkspaces();
        System.gc();
        try {
            ((LibC) com.sun.jna.Native.loadLibrary("c", LibC.class)).malloc_trim(0);
        } catch (RuntimeException | LinkageError e) {
            // not glibc: nothing to trim
        }
        out.printf(Locale.ROOT, "Before the GUI groups: this process's resident memory %d MB -> %d MB%n",
                before / 1024, residentKb() / 1024);
    }

    private static long residentKb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    // ---- (3) parallel trials -----------------------------------------------------------------------

    private void parallelTrials(PreparedData data, Path tmp) throws IOException {
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
        add(new Figure("trials.parallel", median(parallel), "trials/min", "one at a time", median(sequential),
                median(ratio), ">= 1.8x", String.format(Locale.ROOT,
                        "random study, %d trials of %d epochs at batch 64, --parallel %d vs 1, median of %d pairs "
                                + "(ratios %s); cores busy %.2f one at a time, %.2f in parallel",
                        trials, epochs, threads, pairs, formatRatios(ratio), median(sequentialCores),
                        median(parallelCores))));
    }

    private static String formatRatios(double[] ratios) {
        StringBuilder text = new StringBuilder();
        for (double r : ratios) {
            text.append(text.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", r));
        }
        return text.toString();
    }

    /** Trials per minute, and how many cores the whole JVM kept busy meanwhile (training, GC, deallocators). */
    private record StudyTiming(double trialsPerMinute, double coresBusy) {
    }

    private static StudyTiming timeStudy(Experiment experiment, PreparedData data, StudySettings settings, Path dir) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        StudyResult result = new Study(experiment, data, settings, dir).run();
        long wall = System.nanoTime() - start;
        return new StudyTiming(result.trials().size() / (wall / 6e10), (os.getProcessCpuTime() - cpu) / (double) wall);
    }

    // ---- (4) CSV import ----------------------------------------------------------------------------

    private void csvImport(Path tmp) throws IOException {
        int rows = options.importRows();
        int cols = 20;
        Path csv = tmp.resolve("import-" + rows + "x" + cols + ".csv");
        generateCsv(csv, rows, cols);
        long floatBytes = (long) rows * cols * Float.BYTES;

        HeapWatch load = HeapWatch.start();
        long t0 = System.nanoTime();
        Table table = TableLoader.load(csv, CsvSniffer.detect(csv));
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        HeapWatch.Result loadHeap = load.stop(table);
        add(new Figure("import.load", rows / loadSeconds, "rows/s", "", Double.NaN, Double.NaN, "< 5 s",
                String.format(Locale.ROOT, "%,d x %d numeric CSV to float columns in %.2f s", rows, cols, loadSeconds)));
        add(heapFigure("import.load.heap", loadHeap, floatBytes));
        table = null;

        HeapWatch prepare = HeapWatch.start();
        t0 = System.nanoTime();
        PreparedData prepared = DataPipeline.prepare(DataSpec.of(csv.toString(), "c" + (cols - 1)), (Path) null);
        double prepareSeconds = (System.nanoTime() - t0) / 1e9;
        HeapWatch.Result prepareHeap = prepare.stop(prepared);
        add(new Figure("import.to_training_arrays", rows / prepareSeconds, "rows/s", "", Double.NaN, Double.NaN, "< 5 s",
                String.format(Locale.ROOT, "%,d x %d CSV to split, scaled training arrays (DataPipeline) in %.2f s",
                        rows, cols, prepareSeconds)));
        add(heapFigure("import.to_training_arrays.heap", prepareHeap, floatBytes));
    }

    private static Figure heapFigure(String name, HeapWatch.Result heap, long floatBytes) {
        double ratio = heap.peakLiveExtra() / (double) floatBytes;
        return new Figure(name, heap.peakLiveExtra() / 1e6, "MB extra", "float array", floatBytes / 1e6, ratio, "< 2x",
                String.format(Locale.ROOT, "peak live heap above the start (after-GC figures); peak used incl. garbage %.0f MB; retained %.0f MB",
                        heap.peakUsedExtra() / 1e6, heap.retainedExtra() / 1e6));
    }

    /** {@code cols} numeric columns c0..c{cols-1}; the last is a noisy linear function of the others. */
    static void generateCsv(Path csv, int rows, int cols) throws IOException {
        Random random = new Random(20240601);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                line.append(c == 0 ? "" : ",").append('c').append(c);
            }
            w.append(line).append('\n');
            double[] v = new double[cols];
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                double y = 0;
                for (int c = 0; c < cols - 1; c++) {
                    v[c] = Math.round(random.nextGaussian() * 1e4) / 1e3;
                    y += (c % 3 - 1) * v[c];
                    line.append(v[c]).append(',');
                }
                line.append(Math.round((y + random.nextGaussian()) * 1e3) / 1e3).append('\n');
                w.append(line);
            }
        }
    }

    /** Heap in use above a baseline: sampled every few ms, and after each GC (live data). */
    static final class HeapWatch {
        record Result(long peakLiveExtra, long peakUsedExtra, long retainedExtra) {
        }

        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final long baseline;
        private final AtomicLong peakUsed = new AtomicLong();
        private final AtomicLong peakAfterGc = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Runnable> unregister = new ArrayList<>();
        private final Thread sampler;

        private HeapWatch() {
            settle();
            baseline = memory.getHeapMemoryUsage().getUsed();
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    NotificationListener l = (n, h) -> {
                        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                            var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                            long before = info.getGcInfo().getMemoryUsageBeforeGc().values().stream().mapToLong(u -> u.getUsed()).sum();
                            long after = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(u -> u.getUsed()).sum();
                            peakUsed.accumulateAndGet(before, Math::max);
                            peakAfterGc.accumulateAndGet(after, Math::max);
                        }
                    };
                    emitter.addNotificationListener(l, null, null);
                    unregister.add(() -> {
                        try {
                            emitter.removeNotificationListener(l);
                        } catch (Exception ignored) {
                            // already gone
                        }
                    });
                }
            }
            sampler = new Thread(() -> {
                while (running.get()) {
                    peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        /**
         * Full GCs until the heap stops shrinking. ND4J frees an array's Java objects only after its deallocator
         * thread has processed the reference a GC found, so after training a single GC leaves most of the dead
         * arrays in place (which then vanish during the measurement and hide its allocations): keep collecting,
         * with pauses for that thread, until two rounds in a row free less than 1 MB.
         */
        private void settle() {
            long best = Long.MAX_VALUE;
            int quiet = 0;
            for (int i = 0; i < 20 && quiet < 2; i++) {
                System.gc();
                long used = memory.getHeapMemoryUsage().getUsed();
                quiet = used < best - (1 << 20) ? 0 : quiet + 1;
                best = Math.min(best, used);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }

        static HeapWatch start() {
            return new HeapWatch();
        }

        /** Stops watching; {@code keep} is the result, held live while the retained size is measured. */
        Result stop(Object keep) {
            running.set(false);
            sampler.interrupt();
            settle();
            long retained = memory.getHeapMemoryUsage().getUsed();
            java.lang.ref.Reference.reachabilityFence(keep);
            unregister.forEach(Runnable::run);
            long peakLive = Math.max(peakAfterGc.get(), retained);
            return new Result(Math.max(0, peakLive - baseline), Math.max(0, peakUsed.get() - baseline),
                    Math.max(0, retained - baseline));
        }
    }

    // ---- output ------------------------------------------------------------------------------------

    private void add(Figure figure) {
        figures.add(figure);
        out.println(figure.line());
        out.flush();
    }

    private void writeCsv() throws IOException {
        Path parent = options.out().toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        List<String> lines = new ArrayList<>();
        lines.add(Figure.CSV_HEADER);
        figures.forEach(f -> lines.add(f.csvRow()));
        Files.write(options.out(), lines, StandardCharsets.UTF_8);
    }

    static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException | UncheckedIOException e) {
            // not Linux
        }
        return String.format(Locale.ROOT, "%s, %d cores, %s %s, Java %s, max heap %d MB", cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }


    static boolean classExists(String name) {
        try {
            Class.forName(name, false, Bench.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp dir: best effort
        }
    }
}
