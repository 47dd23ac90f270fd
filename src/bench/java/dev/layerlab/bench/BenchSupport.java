package dev.layerlab.bench;

import dev.layerlab.data.PreparedData;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.CheckpointSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingSpec;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** What the benchmark groups share: the benchmark network, timed training runs, the machine's description, medians. */
final class BenchSupport {
    private BenchSupport() {
    }

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
    static double trainerThroughput(PreparedData data, int batch, int epochs,
                                    MonitoringListener listener) {
        return timedTrain(data, batch, epochs, listener).samplesPerSecond();
    }

    /** Trains on this thread; with a listener its chart thread runs for the duration, as the screen's would. */
    static Run timedTrain(PreparedData data, int batch, int epochs, MonitoringListener listener) {
        Trainer trainer = new Trainer(new RunControl(), null);
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

    static long residentKb() {
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

    static String formatRatios(double[] ratios) {
        StringBuilder text = new StringBuilder();
        for (double r : ratios) {
            text.append(text.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", r));
        }
        return text.toString();
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
            Class.forName(name, false, BenchSupport.class.getClassLoader());
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

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp dir: best effort
        }
    }
}
