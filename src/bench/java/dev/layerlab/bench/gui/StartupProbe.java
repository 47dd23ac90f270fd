package dev.layerlab.bench.gui;

import dev.layerlab.gui.StartupObserver;
import dev.layerlab.gui.WorkbenchViewModel;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Start-up timing, installed with {@code -Dlayerlab.startupObserver=} this class: milestones are marked as the
 * window comes up;
 * on the first pulse at which the window is ready for input (the sample loaded and prepared, Train enabled)
 * one line is printed, {@code LAYERLAB_READY jvm_ms=<ms since JVM start> milestones=<...>}, and the
 * application exits. The bench's {@code startup} group reads that line.
 */
public final class StartupProbe implements StartupObserver {
    private static final List<String> names = new ArrayList<>();
    private static final List<Long> nanos = new ArrayList<>();

    public StartupProbe() {
    }

    /** Notes that start-up reached {@code what} (any thread; cheap). */
    @Override
    public void milestone(String what) {
        mark(what);
    }

    static synchronized void mark(String what) {
        names.add(what);
        nanos.add(System.nanoTime());
    }

    /** Watches each pulse until the window is ready, then prints the ready line and exits (FX thread). */
    @Override
    public void windowShown(Stage stage, WorkbenchViewModel vm) {
        new AnimationTimer() {
            private boolean loaded;
            private boolean pulsed;
            private boolean prepared;

            @Override
            public void handle(long now) {
                if (!pulsed) {
                    pulsed = true;
                    mark("first-pulse");
                }
                if (!loaded && vm.data().tableProperty().get() != null) {
                    loaded = true;
                    mark("csv-loaded");
                }
                if (!prepared && vm.data().shapeProperty().get() != null) {
                    prepared = true;
                    mark("data-prepared");
                }
                Node train = stage.getScene() == null ? null : stage.getScene().lookup("#toolbar-train");
                if (stage.isShowing() && train != null && !train.isDisabled() && vm.readyToTrain()) {
                    stop();
                    System.out.println(readyLine());
                    Platform.exit();
                }
            }
        }.start();
    }

    static synchronized String readyLine() {
        long now = System.nanoTime();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "LAYERLAB_READY jvm_ms=%d milestones=", uptime));
        for (int i = 0; i < names.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(names.get(i)).append(' ')
                    .append(Math.round(uptime - (now - nanos.get(i)) / 1e6));
        }
        return b.append(names.isEmpty() ? "" : ", ").append("ready ").append(uptime).toString();
    }
}
