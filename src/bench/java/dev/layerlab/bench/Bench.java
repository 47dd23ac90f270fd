package dev.layerlab.bench;

import static dev.layerlab.bench.BenchSupport.deleteRecursively;
import static dev.layerlab.bench.BenchSupport.loadAverage;
import static dev.layerlab.bench.BenchSupport.machine;
import static dev.layerlab.bench.BenchSupport.residentKb;

import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.training.nd4j.NativeRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every benchmark group in one process (one class each: {@link TrainingGroup}, {@link MonitoringGroup},
 * {@link HealthGroup}, {@link TrialsGroup}, {@link ImportGroup}, {@link GuiGroups}, {@link ServeBench}) and reports
 * each figure with its reference measured in the same run.
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
                TrainingGroup.run(options, data, tmp, this::add);
            }
            if (options.only().contains("monitoring")) {
                MonitoringGroup.run(options, data, this::add);
            }
            if (options.only().contains("health")) {
                HealthGroup.run(options, data, this::add);
            }
            if (options.only().contains("trials")) {
                TrialsGroup.run(options, data, tmp, this::add);
            }
            if (options.only().contains("import")) {
                ImportGroup.run(options, tmp, this::add);
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
}
