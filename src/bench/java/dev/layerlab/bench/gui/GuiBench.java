package dev.layerlab.bench.gui;

import dev.layerlab.bench.Figure;
import dev.layerlab.bench.FigureLine;
import dev.layerlab.gui.WorkbenchServices;
import dev.layerlab.gui.WorkbenchViewModel;
import dev.layerlab.gui.WorkbenchWindow;
import dev.layerlab.gui.common.RecentFiles;
import dev.layerlab.gui.task.FxTaskExecutor;
import dev.layerlab.gui.training.TrainingViewModel;
import dev.layerlab.training.nd4j.NativeRuntime;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

/**
 * The {@code gui} benchmark group, run headless in its own JVM by the bench ({@code bench.GuiGroups}):
 * <ol>
 *   <li>the real workbench window opens the sample, then its pulse gaps are measured idle (the reference)
 *       and while it trains through its own path (Train pressed: {@code TrainingViewModel} with an
 *       {@code EngineTrainingJob}, live charts attached) at batch 32 with the suggested network;</li>
 *   <li>a 100,000-point loss chart is redrawn ({@link ChartRedrawBench}).</li>
 * </ol>
 * Prints each figure as a {@link FigureLine}. Arguments: CSV, seconds per measurement, chart repetitions,
 * iterations to train before measuring (past data preparation, ND4J start-up and the first JIT).
 * {@code -Dlayerlab.bench.png=FILE} also saves what the window showed at the end of the training window.
 */
public final class GuiBench {
    private final Path csv;
    private final double seconds;
    private final int warmIterations;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private WorkbenchViewModel vm;
    private WorkbenchWindow window;
    private FxTaskExecutor executor;
    private Stage stage;
    private final PulseGapMonitor monitor = new PulseGapMonitor();
    private long fxThreadId;

    GuiBench(Path csv, double seconds, int warmIterations) {
        this.csv = csv;
        this.seconds = seconds;
        this.warmIterations = warmIterations;
    }

    public static void main(String[] args) throws Exception {
        NativeRuntime.selectBinary(); // as Main does before any ND4J class loads
        Path csv = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        int reps = Integer.parseInt(args[2]);
        int warm = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        List<Figure> figures = new ArrayList<>();
        try {
            figures.addAll(new GuiBench(csv, seconds, warm).responsiveness());
            figures.addAll(ChartRedrawBench.run(reps));
        } catch (Throwable e) {
            e.printStackTrace();
        }
        figures.forEach(f -> System.out.println(FigureLine.encode(f)));
        System.out.flush();
        System.exit(figures.isEmpty() ? 1 : 0);
    }

    List<Figure> responsiveness() throws Exception {
        Path dir = Files.createTempDirectory("layerlab-guibench");
        Preferences prefs = Preferences.userRoot().node("dev/layerlab/gui-bench");
        WorkbenchServices services = new WorkbenchServices(dir.resolve("workspace"), new RecentFiles(prefs, "csv"),
                new RecentFiles(prefs, "exp"));
        fx(() -> {
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            fxThreadId = Thread.currentThread().getId();
            executor = new FxTaskExecutor();
            vm = new WorkbenchViewModel(executor, services);
            stage = new Stage();
            window = new WorkbenchWindow(stage, vm, executor);
            stage.setWidth(1600);
            stage.setHeight(960);
            stage.show();
            vm.openCsv(csv);
            return null;
        });
        waitFor(() -> fx(vm::readyToTrain), 120, "the sample to load");
        Thread.sleep(500);

        Window idle = measure();

        fx(() -> {
            vm.model().batchSizeProperty().set(32);
            vm.model().epochsProperty().set(100_000); // stopped after the measurement
            vm.model().earlyStoppingProperty().set(false);
            vm.train();
            return null;
        });
        TrainingViewModel training = vm.training();
        // Past data preparation, ND4J start-up and the first JIT: measure steady training.
        waitFor(() -> training.monitor().iterations() > warmIterations, 180, "training to start");
        Window busy = measure();
        String png = System.getProperty("layerlab.bench.png");
        if (png != null) { // what the window showed while training, to look at
            javafx.scene.image.WritableImage shot = fx(() -> stage.getScene().snapshot(null));
            dev.layerlab.gui.common.LiveChart.writePng(shot, Path.of(png));
        }
        fx(() -> {
            training.stop();
            return null;
        });
        waitFor(() -> fx(() -> !training.runningProperty().get()), 120, "training to stop");
        fx(() -> {
            window.close();
            stage.close();
            executor.shutdown();
            return null;
        });

        String where = String.format(Locale.ROOT, "%.0f s training the sample at %.0f it/s (batch 32, suggested network, live charts);"
                        + " %d pulses; CPU of the FX thread %.0f%% (idle %.0f%%), of the render thread %.0f%% (idle %.0f%%);"
                        + " %d GC pauses, longest %.0f ms; the FX thread ran %.0f ms of the longest gap; lower is better", seconds,
                busy.iterationsPerSecond, busy.gaps.count(), busy.fxCpuPercent, idle.fxCpuPercent, busy.renderCpuPercent,
                idle.renderCpuPercent, busy.gcs, busy.longestGcMs, busy.gaps.fxCpuInMaxMs());
        return List.of(
                new Figure("gui.pulse_gap.max", busy.gaps.maxMs(), "ms", "idle window", idle.gaps.maxMs(),
                        busy.gaps.maxMs() / idle.gaps.maxMs(), "< 50 ms", where),
                new Figure("gui.pulse_gap.p99", busy.gaps.p99Ms(), "ms", "idle window", idle.gaps.p99Ms(),
                        busy.gaps.p99Ms() / idle.gaps.p99Ms(), "", String.format(Locale.ROOT,
                        "median gap %.1f ms (idle %.1f ms)", busy.gaps.p50Ms(), idle.gaps.p50Ms())));
    }

    private record Window(PulseGapMonitor.Gaps gaps, double fxCpuPercent, double renderCpuPercent, double iterationsPerSecond,
                          double longestGcMs, int gcs) {
    }

    /** CPU time of JavaFX's render thread (it draws what each pulse changed), or 0 if there is none. */
    private long renderCpuNanos() {
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("QuantumRenderer")) {
                return Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return 0;
    }

    /** The longest stop-the-world collection while it listens: a pause stops the FX thread too. */
    private static final class GcPauses implements javax.management.NotificationListener, AutoCloseable {
        private final List<javax.management.NotificationEmitter> emitters = new ArrayList<>();
        private volatile double longestMs;
        private volatile int count;

        GcPauses() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter e) {
                    e.addNotificationListener(this, null, null);
                    emitters.add(e);
                }
            }
        }

        @Override
        public void handleNotification(javax.management.Notification n, Object handback) {
            if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                    (javax.management.openmbean.CompositeData) n.getUserData());
            if (info.getGcName().contains("Concurrent") || info.getGcName().contains("Cycles")) {
                return; // concurrent phases do not stop the application
            }
            count++;
            longestMs = Math.max(longestMs, info.getGcInfo().getDuration());
        }

        @Override
        public void close() {
            for (var e : emitters) {
                try {
                    e.removeNotificationListener(this);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // already gone
                }
            }
        }
    }

    private Window measure() throws Exception {
        GcPauses gc = new GcPauses();
        int it0 = vm.training().monitor().iterations();
        long cpu0 = threads.getThreadCpuTime(fxThreadId);
        long render0 = renderCpuNanos();
        long t0 = System.nanoTime();
        fx(() -> {
            monitor.start();
            return null;
        });
        Thread.sleep((long) (seconds * 1000));
        PulseGapMonitor.Gaps gaps = fx(() -> {
            monitor.stop();
            return monitor.gaps();
        });
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getThreadCpuTime(fxThreadId) - cpu0) / 1e9;
        double render = (renderCpuNanos() - render0) / 1e9;
        int it1 = vm.training().monitor().iterations();
        gc.close();
        return new Window(gaps, 100 * cpu / wall, 100 * render / wall, (it1 - it0) / wall, gc.longestMs, gc.count);
    }

    /** Runs {@code work} on the FX thread and waits for its result (also the UI tests' way in). */
    public static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(120, TimeUnit.SECONDS);
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check, int timeoutSeconds, String what) throws Exception {
        long end = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
