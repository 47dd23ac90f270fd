package dev.layerlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import dev.layerlab.cli.LayerLabCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench runs end to end in --quick mode on tiny inputs and writes one CSV row per figure. Figures are not checked. */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void quickBenchWritesEveryFigure() throws Exception {
        Path csv = TestData.regression(dir, 300);
        Path out = dir.resolve("results.csv");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = LayerLabCommand.commandLine(new PrintWriter(stdout, true), new PrintWriter(stderr, true))
                .execute("bench", "--quick", "--only", "train,monitoring,trials,import,serve", "--data", csv.toString(),
                        "--target", "y", "--epochs", "1", "--import-rows", "3000", "--out", out.toString());

        assertThat(code).as(stderr.toString()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo(Figure.CSV_HEADER);
        List<String> names = lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(names).containsExactly("train.batch32", "train.batch32.vs_per_batch_fit",
                "train.batch256", "train.batch256.vs_per_batch_fit", "monitoring.overhead", "trials.parallel", "import.load",
                "import.load.heap", "import.to_training_arrays", "import.to_training_arrays.heap",
                "serve.requests_per_s", "serve.latency_p50", "serve.latency_p99");
        for (String line : lines.subList(1, 13)) {
            assertFinite(line);
        }
        for (String line : lines.subList(13, 16)) {
            assertFinite(line);
            String[] cells = line.split(",");
            assertThat(Double.parseDouble(cells[1])).as(line).isGreaterThan(0);
            assertThat(Double.parseDouble(cells[4])).as(line).isGreaterThan(0); // in-process reference
        }
        assertThat(lines.get(13)).contains("answer equals Predictor.predict");
        assertThat(stdout.toString()).contains("train.batch32", "vs DL4J fit(iterator)", "Binary level",
                "serve.requests_per_s", "vs in-process Predictor");
    }

    /** --table renders a bench CSV as Markdown: every figure, its reference and ratio; a file that is not one is refused. */
    @Test
    void tableRendersEveryFigureOfABenchCsv() throws Exception {
        Path csv = dir.resolve("bench.csv");
        Files.writeString(csv, Figure.CSV_HEADER + "\n"
                + new Figure("train.batch32", 111814, "samples/s", "DL4J fit(iterator)", 11929, 9.373, ">= 2.5x", "a, b").csvRow() + "\n"
                + new Figure("import.load", 0.94, "s", "", Double.NaN, Double.NaN, "< 5 s", "one cold run").csvRow() + "\n");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = LayerLabCommand.commandLine(new PrintWriter(stdout, true), new PrintWriter(stderr, true))
                .execute("bench", "--table", csv.toString());
        assertThat(code).as(stderr.toString()).isZero();
        assertThat(stdout.toString()).contains(
                "| `train.batch32` | 111,814 samples/s | DL4J fit(iterator) 11,929 | 9.37x | >= 2.5x | a, b |",
                "| `import.load` | 0.94 s |");
        Path bad = TestData.regression(dir, 5);
        int refused = LayerLabCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(stderr, true))
                .execute("bench", "--table", bad.toString());
        assertThat(refused).isEqualTo(LayerLabCommand.BAD_INPUT);
    }

    /**
     * The GUI group drives the real window headless in a child JVM (Monocle is on the runtime class path) and reports
     * measured pulse gaps and a chart redraw time. Only that they were measured is checked, never how fast.
     */
    @Test
    void guiGroupMeasuresTheWindowHeadless() throws Exception {
        Path csv = TestData.regression(dir, 400);
        Path out = dir.resolve("gui.csv");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = LayerLabCommand.commandLine(new PrintWriter(stdout, true), new PrintWriter(stderr, true))
                .execute("bench", "--quick", "--only", "gui", "--data", csv.toString(), "--target", "y", "--out", out.toString());

        assertThat(code).as(stderr.toString()).isZero();
        List<String> lines = Files.readAllLines(out);
        List<String> names = lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(names).as(stdout.toString()).containsExactly("gui.pulse_gap.max", "gui.pulse_gap.p99", "gui.chart_redraw_100k");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"); // commas outside quotes
            assertThat(Double.parseDouble(cells[1])).as(line).isPositive();
            assertThat(Double.parseDouble(cells[4])).as(line).isPositive(); // the same-run reference
        }
    }

    private static void assertFinite(String line) {
        String[] cells = line.split(",");
        double value = Double.parseDouble(cells[1]); // overhead may be negative in noise: only finite
        assertThat(Double.isFinite(value)).as(line).isTrue();
        if (!cells[0].equals("monitoring.overhead")) {
            assertThat(value).as(line).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void referenceClassPathDropsTheCpuSpecificBuilds() {
        String cp = BenchSupport.defaultClassPath();
        assertThat(cp).doesNotContain("-avx2.jar").doesNotContain("-avx512.jar").contains("nd4j-native");
    }

    @Test
    void monitoringListenerKeepsEveryLoss() {
        MonitoringListener l = new MonitoringListener();
        for (int i = 0; i < 10_000; i++) {
            l.onIteration(1, i, i * 0.5);
        }
        assertThat(l.size()).isEqualTo(10_000);
        assertThat(l.loss(9_999)).isEqualTo(4999.5);
        assertThat(l.loss(4096)).isEqualTo(2048);
    }

    @Test
    void monitoringListenerMirrorsTheScreenDuringARealRun() {
        var data = dev.layerlab.data.DataPipeline.prepare(dev.layerlab.data.DataSpec.of(TestData.regression(dir, 200).toString(), "y"), (Path) null);
        MonitoringListener l = new MonitoringListener();
        BenchSupport.Run run = BenchSupport.timedTrain(data, 32, 3, l);

        int steps = (data.train().rows() + 31) / 32;
        assertThat(l.size()).isEqualTo(3L * steps);
        assertThat(l.loss(0)).isPositive();
        assertThat(l.epochCount()).isEqualTo(3);
        assertThat(l.redraws()).isPositive(); // at least the final redraw when the run ends
        assertThat(l.drains()).isPositive();
        assertThat(l.logLines()).anyMatch(s -> s.startsWith("epoch 3: loss ")).anyMatch(s -> s.startsWith("COMPLETED"));
        assertThat(run.samplesPerSecond()).isPositive();
    }
}
