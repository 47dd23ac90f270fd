package dev.layerlab.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The GUI benchmark groups, each in child JVMs so that the engine (and this process) never loads JavaFX:
 * <ul>
 *   <li>{@code gui}: {@code dev.layerlab.bench.gui.GuiBench} drives the real window headless (Monocle) and
 *       reports pulse gaps while training and the loss chart's redraw time as {@link FigureLine}s;</li>
 *   <li>{@code startup}: launches the workbench the way {@code ./layerlab} does with
 *       {@link #STARTUP_PROBE}, which prints {@value #READY} when the window is ready for
 *       input and exits; the wall time from launch to that line is the figure.</li>
 * </ul>
 */
final class GuiGroups {
    static final String GUI_BENCH_MAIN = "dev.layerlab.bench.gui.GuiBench";
    static final String READY = "LAYERLAB_READY";
    /** Installs the start-up probe in the workbench (gui.StartupObserver); named, as the child runs it, not this. */
    static final String STARTUP_PROBE = "-Dlayerlab.startupObserver=dev.layerlab.bench.gui.StartupProbe";
    private static final String MONOCLE = "com/sun/glass/ui/monocle/MonoclePlatformFactory.class";
    /** Headless JavaFX: Monocle (on the runtime class path) with the software renderer. */
    static final List<String> HEADLESS = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
            "-Dprism.order=sw", "-Dprism.text=t2k", "-Djava.awt.headless=true", "-Dheadless.geometry=1600x1000-32");
    /** What the launcher adds for the workbench (no command): the concurrent collector. */
    static final List<String> GUI_JVM_FLAGS = List.of("-XX:+UseZGC");
    /** What the launcher passes to java besides the class path. */
    private static final List<String> LAUNCHER_FLAGS = List.of("-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
            "-Dorg.bytedeco.javacpp.maxBytes=0");

    private GuiGroups() {
    }

    /** Why the GUI cannot be benchmarked here, or null if it can. */
    static String unavailable() {
        if (!BenchSupport.classExists(GUI_BENCH_MAIN)) {
            return "no GUI in this build";
        }
        if (ClassLoader.getSystemResource(MONOCLE) == null && GuiGroups.class.getClassLoader().getResource(MONOCLE) == null) {
            return "Monocle (headless JavaFX) is not on the class path";
        }
        return null;
    }

    // ---- gui ---------------------------------------------------------------------------------------

    static List<Figure> gui(boolean quick, Path csv, PrintWriter out) throws IOException {
        String why = unavailable();
        if (why != null) {
            return List.of(Figure.skipped("gui.pulse_gap.max", why), Figure.skipped("gui.chart_redraw_100k", why));
        }
        List<String> command = java();
        command.addAll(GUI_JVM_FLAGS);
        command.addAll(HEADLESS);
        command.add(GUI_BENCH_MAIN);
        command.addAll(List.of(csv.toAbsolutePath().toString(), quick ? "2" : "10", quick ? "1" : "7",
                quick ? "300" : "2000"));
        List<Figure> figures = new ArrayList<>();
        Child child = run(command, Map.of(), 600, line -> FigureLine.parse(line).ifPresent(f -> {
            figures.add(f);
        }));
        if (figures.isEmpty()) {
            out.println("gui bench child failed (exit " + child.exit + "):\n" + child.log);
            return List.of(Figure.skipped("gui.pulse_gap.max", "the GUI bench failed: " + child.lastLine()));
        }
        return figures;
    }

    // ---- startup -----------------------------------------------------------------------------------

    static List<Figure> startup(boolean quick, PrintWriter out) throws IOException {
        String why = unavailable();
        if (why != null) {
            return List.of(Figure.skipped("startup.window_ready", why));
        }
        int runs = quick ? 1 : 5;
        double[] wall = new double[runs];
        double[] inJvm = new double[runs];
        double[] reference = new double[runs];
        String[] milestones = new String[runs];
        // Untimed first start: warms the file cache, and the launcher writes its class-data archive if it has none.
        run(launch(List.of(STARTUP_PROBE)), Map.of(), 180, line -> { });
        for (int i = 0; i < runs; i++) {
            // Alternating with the reference, so both see the same load.
            reference[i] = timeToExit(List.of("--version"));
            long t0 = System.nanoTime();
            long[] at = {-1};
            String[] marker = {null};
            Child c = run(launch(List.of(STARTUP_PROBE)), Map.of(), 180, line -> {
                if (line.startsWith(READY) && marker[0] == null) {
                    at[0] = System.nanoTime();
                    marker[0] = line;
                }
            });
            if (marker[0] == null) {
                out.println("start-up run failed (exit " + c.exit + "):\n" + c.log);
                return List.of(Figure.skipped("startup.window_ready", "the workbench did not report ready: " + c.lastLine()));
            }
            wall[i] = (at[0] - t0) / 1e6;
            inJvm[i] = Double.parseDouble(field(marker[0], "jvm_ms"));
            milestones[i] = field(marker[0], "milestones");
        }
        double w = BenchSupport.median(wall);
        int medianRun = 0; // the milestones shown are those of the run closest to the median
        for (int i = 1; i < runs; i++) {
            if (Math.abs(wall[i] - w) < Math.abs(wall[medianRun] - w)) {
                medianRun = i;
            }
        }
        double ref = BenchSupport.median(reference);
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("startup.window_ready", w, "ms", "layerlab --version", ref, w / ref, "< 3000 ms",
                String.format(Locale.ROOT, "launch to window ready (sample loaded, Train enabled), headless, median of %d %s;"
                        + " %.0f ms after JVM start; ms after JVM start in the median run: %s; lower is better", runs,
                        Arrays.toString(rounded(wall)), BenchSupport.median(inJvm), milestones[medianRun])));
        figures.add(engineBeforeReady());
        return figures;
    }

    /** One more start with class loading logged: which ND4J/DL4J classes loaded before the ready line. */
    private static Figure engineBeforeReady() throws IOException {
        List<String> engine = new ArrayList<>();
        boolean[] ready = {false};
        run(launch(List.of(STARTUP_PROBE, "-Xlog:class+load=info:stdout")), Map.of(), 180, line -> {
            if (line.startsWith(READY)) {
                ready[0] = true;
            } else if (!ready[0] && (line.contains(" org.nd4j.") || line.contains(" org.deeplearning4j."))) {
                engine.add(line.replaceFirst("^.*?\\] ", "").replaceFirst(" source:.*$", ""));
            }
        });
        if (!ready[0]) {
            return Figure.skipped("startup.nd4j_classes_before_ready", "the logged start did not report ready");
        }
        return new Figure("startup.nd4j_classes_before_ready", engine.size(), "classes", "", Double.NaN, Double.NaN, "0",
                engine.isEmpty() ? "no ND4J/DL4J class loaded before the window was ready: the engine loads on first training, off the FX thread"
                        : "first: " + String.join(" ", engine.subList(0, Math.min(3, engine.size()))));
    }

    private static double timeToExit(List<String> args) throws IOException {
        List<String> command = launch(List.of());
        command.addAll(args);
        long t0 = System.nanoTime();
        run(command, Map.of(), 120, line -> { });
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double[] rounded(double[] v) {
        return Arrays.stream(v).map(Math::rint).toArray();
    }

    /** {@code key=value} from a marker line (values run to the next " key=" or the end). */
    static String field(String line, String key) {
        int i = line.indexOf(" " + key + "=");
        if (i < 0) {
            return "";
        }
        int from = i + key.length() + 2;
        int to = line.indexOf(" ", from);
        String rest = line.substring(from);
        if (key.equals("milestones")) {
            return rest.trim();
        }
        return to < 0 ? rest.trim() : line.substring(from, to);
    }

    /**
     * The command {@code ./layerlab} runs, with {@code jvmArgs} and headless JavaFX: the launcher script itself
     * when this process was started by it (so its class-data sharing is measured too), else java with this
     * process's class path and the launcher's flags.
     */
    static List<String> launch(List<String> jvmArgs) {
        String home = System.getProperty("layerlab.home");
        List<String> opts = new ArrayList<>(HEADLESS);
        opts.addAll(jvmArgs);
        if (home != null && Files.isExecutable(Path.of(home, "layerlab"))) {
            List<String> command = new ArrayList<>();
            command.add("env");
            String user = System.getenv("LAYERLAB_JAVA_OPTS");
            command.add("LAYERLAB_JAVA_OPTS=" + (user == null ? "" : user + " ") + String.join(" ", opts));
            command.add(Path.of(home, "layerlab").toString());
            return command;
        }
        List<String> command = java();
        command.addAll(GUI_JVM_FLAGS);
        command.addAll(opts);
        command.add("-Dlayerlab.home=" + (home != null ? home : Path.of("").toAbsolutePath()));
        command.add("dev.layerlab.app.Main");
        return command;
    }

    /** java with this process's full class path (expanded from a manifest-only jar) and the launcher's flags. */
    private static List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAUNCHER_FLAGS);
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.addAll(BenchSupport.expandManifest(entry));
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, entries));
        if (System.getProperty("layerlab.home") != null) {
            command.add("-Dlayerlab.home=" + System.getProperty("layerlab.home"));
        }
        return command;
    }

    record Child(int exit, String log) {
        String lastLine() {
            String[] lines = log.strip().split("\n");
            return lines.length == 0 ? "" : lines[lines.length - 1];
        }
    }

    /** Runs a child to its end (killed after {@code timeoutSeconds}), passing each output line to {@code lines}. */
    static Child run(List<String> command, Map<String, String> env, int timeoutSeconds, Consumer<String> lines) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
        Process process = pb.start();
        Thread killer = new Thread(() -> {
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }, "bench-child-timeout");
        killer.setDaemon(true);
        killer.start();
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.accept(line);
                if (!line.startsWith("[") && log.length() < 8000) { // -Xlog lines start with '['
                    log.append(line).append('\n');
                }
            }
        }
        try {
            return new Child(process.waitFor(), log.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Child(-1, log.toString());
        }
    }
}
