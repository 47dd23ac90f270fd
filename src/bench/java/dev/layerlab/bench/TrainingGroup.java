package dev.layerlab.bench;

import static dev.layerlab.bench.BenchSupport.*;

import dev.layerlab.data.Matrix;
import dev.layerlab.data.PreparedData;
import dev.layerlab.model.Dl4jTranslator;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.Updaters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * Training throughput.
 *
 * LayerLab's {@link Trainer} (this process, tuned by {@link dev.layerlab.training.nd4j.NativeRuntime}) against a
 * plain DL4J loop as ND4J's examples write it ({@link BareDl4jLoop}) in a child JVM with DL4J's defaults, because the settings that
 * matter (native threads, periodic GC, JavaCPP checks, which native binary is loaded) are process-wide and
 * partly fixed once ND4J has loaded. Reference and candidate alternate (reference batch 32, candidate batch
 * 32, reference batch 256, candidate batch 256), each after a short warm-up of its own JVM, on the same
 * training rows and the same network configuration.
 */
final class TrainingGroup {
    private TrainingGroup() {
    }

    static void run(Bench.Options options, PreparedData data, Path tmp, Consumer<Figure> add) throws IOException {
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
        // JIT warm-up (the reference warms up in its own JVM): throughput still climbs for several epochs after
        // the first few.
        trainerThroughput(data, 32, options.quick() ? 1 : 10, null);
        String rows = train.rows() + " rows x " + train.featureCount() + " features, 64-64 relu, adam 1e-3, " + epochs + " epochs";
        int[] batches = {32, 256};
        String[] targets = {">= 2.5x", ">= 3x"};
        int runs = options.quick() ? 1 : 5;
        for (int i = 0; i < batches.length; i++) {
            int batch = batches[i];
            String loadBefore = loadAverage();
            double reference = bareDl4j(confFile, dataFile, batch, epochs, warmup, BareDl4jLoop.Loop.IDIOMATIC);
            double oldReference = bareDl4j(confFile, dataFile, batch, epochs, warmup, BareDl4jLoop.Loop.PER_BATCH_FIT);
            List<Run> timed = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                timed.add(timedTrain(data, batch, epochs, null));
            }
            double candidate = median(timed.stream().mapToDouble(Run::samplesPerSecond).toArray());
            double candidateCpu = median(timed.stream().mapToDouble(Run::cpuSamplesPerSecond).toArray());
            double[] sorted = timed.stream().mapToDouble(Run::samplesPerSecond).sorted().toArray();
            String load = "load " + loadBefore + " -> " + loadAverage();
            add.accept(new Figure("train.batch" + batch, candidate, "samples/s", BareDl4jLoop.Loop.IDIOMATIC.label, reference,
                    candidate / reference, targets[i], String.format(Locale.ROOT,
                    "%s; median of %d (range %.0f .. %.0f); training thread CPU %.0f samples/s; %s", rows, runs,
                    sorted[0], sorted[sorted.length - 1], candidateCpu, load)));
            add.accept(new Figure("train.batch" + batch + ".vs_per_batch_fit", candidate, "samples/s",
                    BareDl4jLoop.Loop.PER_BATCH_FIT.label + " (former reference)", oldReference, candidate / oldReference,
                    "", "the same trainer against the loop the bench used as its reference before"));
        }
    }

    /** Runs the bare DL4J loop in a child JVM with DL4J's default settings; samples/s. */
    static double bareDl4j(Path conf, Path dataFile, int batch, int epochs, int warmup, BareDl4jLoop.Loop loop) throws IOException {
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
}
