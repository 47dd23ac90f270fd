package dev.layerlab.gui;

import dev.layerlab.gui.task.FxTaskExecutor;
import dev.layerlab.gui.training.TrainingViewModel;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the real window headless (Monocle): data → model → train → runs → export. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchUiTest {
    static {
        // Monocle's headless screen must hold the whole window.
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    @TempDir
    static Path tmp;

    /**
     * openjfx-monocle 21.x is built for Java 21; on a Java 17 build it cannot load, and the window cannot
     * be driven headless (pom: use org.testfx:openjfx-monocle:17.0.10 with Java 17).
     */
    @org.junit.jupiter.api.BeforeAll
    static void monocleLoads() {
        if (Boolean.getBoolean("testfx.headless")) {
            try {
                Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory", false, WorkbenchUiTest.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                org.junit.jupiter.api.Assumptions.abort("Monocle cannot load on this JDK: " + e);
            }
        }
    }

    private WorkbenchViewModel vm;
    private WorkbenchWindow window;
    private FxTaskExecutor executor;

    @Start
    void start(Stage stage) throws Exception {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        executor = new FxTaskExecutor();
        vm = new WorkbenchViewModel(executor, WorkbenchServices.forTests(Files.createTempDirectory("ws")));
        window = new WorkbenchWindow(stage, vm, executor);
        stage.setWidth(1240);
        stage.setHeight(780);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        vm.training().stop();
        window.close();
        executor.shutdown();
    }

    private static Path smallCsv() throws Exception {
        Path csv = tmp.resolve("small.csv");
        if (!Files.exists(csv)) {
            StringBuilder sb = new StringBuilder("a,b,kind,y,noise\n");
            Random r = new Random(1);
            for (int i = 0; i < 240; i++) {
                double a = r.nextGaussian();
                double b = r.nextGaussian();
                String kind = i % 3 == 0 ? "x" : "z";
                sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%s,%.4f,%.4f%n", a, b, kind,
                        2 * a - b + (kind.equals("x") ? 1 : 0) + 0.1 * r.nextGaussian(), r.nextGaussian()));
            }
            Files.writeString(csv, sb.toString());
        }
        return csv;
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void buildTrainFindAndExport(FxRobot robot) throws Exception {
        assertThat(vm.titleProperty().get()).startsWith("LayerLab");
        Path csv = smallCsv();
        robot.interact(() -> vm.openCsv(csv));
        waitUntil(() -> vm.data().shapeProperty().get() != null, 20);

        // Data: choose the target through the combo box.
        ComboBox<String> target = robot.lookup("#target-choice").queryComboBox();
        robot.interact(() -> target.setValue("y"));
        waitUntil(() -> vm.data().shapeProperty().get() != null && "y".equals(vm.data().targetProperty().get()), 20);
        // a, b, kind (two levels: one 0/1 input), noise
        assertThat(vm.data().shapeProperty().get().inputs()).isEqualTo(4);
        TableView<?> columns = robot.lookup("#column-table").queryTableView();
        assertThat(columns.getItems()).hasSize(5);

        // Model: the suggested network is there; add a dropout from the palette, move it up, edit units.
        robot.clickOn("#tab-model");
        int before = vm.model().layers().size();
        assertThat(before).isGreaterThan(0);
        robot.clickOn("#layer-block-0");
        robot.doubleClickOn("#palette-dropout");
        assertThat(vm.model().layers()).hasSize(before + 1);
        assertThat(vm.model().layers().get(1)).isInstanceOf(DropoutLayer.class);
        robot.clickOn("#layer-block-1");
        robot.clickOn("#move-up");
        assertThat(vm.model().layers().get(0)).isInstanceOf(DropoutLayer.class);
        robot.clickOn("#undo");
        assertThat(vm.model().layers().get(1)).isInstanceOf(DropoutLayer.class);
        robot.clickOn("#layer-block-0");
        robot.doubleClickOn("#prop-units").write("12");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((DenseLayer) vm.model().layers().get(0)).units()).isEqualTo(12);
        assertThat(robot.lookup("#model-summary").queryTextInputControl().getText()).contains("12");
        var epochs = robot.lookup("#setting-epochs").queryTextInputControl();
        robot.interact(() -> epochs.setText("3"));
        robot.interact(() -> vm.model().earlyStoppingProperty().set(false));
        assertThat(vm.model().epochsProperty().get()).isEqualTo(3);

        // Train a few epochs and watch both loss curves fill.
        robot.clickOn("#toolbar-train");
        waitUntil(() -> vm.training().stateProperty().get() == TrainingViewModel.State.FINISHED
                || vm.training().stateProperty().get() == TrainingViewModel.State.FAILED, 90);
        assertThat(vm.training().stateProperty().get()).as(String.join("\n", vm.training().logLines()))
                .isEqualTo(TrainingViewModel.State.FINISHED);
        LineChart<?, ?> loss = robot.lookup("#chart-epoch-loss").query();
        assertThat(loss.getData().get(0).getData()).hasSize(3);
        assertThat(loss.getData().get(1).getData()).hasSize(3);
        LineChart<?, ?> metric = robot.lookup("#chart-metric").query();
        assertThat(metric.getData().get(1).getData()).hasSize(3);
        LineChart<?, ?> iter = robot.lookup("#chart-iteration-loss").query();
        assertThat(iter.getData().get(1).getData()).isNotEmpty();
        assertThat(robot.lookup("#run-results").tryQuery()).isPresent();
        // The baselines, fitted on the run's own split after it ended, beside the network's figure.
        waitUntil(() -> vm.training().baselinesProperty().get().startsWith("Test RMSE"), 60);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#run-baselines").queryLabeled().getText())
                .matches("Test RMSE: linear [0-9.]+ · gradient boosting [0-9.]+ · this network [0-9.]+");
        assertThat(vm.savedRuns().get(0).resolve("baselines.json")).isRegularFile();

        // A long run, stopped by the user.
        robot.interact(() -> vm.model().epochsProperty().set(500));
        robot.clickOn("#toolbar-train");
        waitUntil(() -> vm.training().epochs().size() >= 2, 60);
        robot.clickOn("#toolbar-pause");
        assertThat(vm.training().stateProperty().get()).isEqualTo(TrainingViewModel.State.PAUSED);
        Thread.sleep(400);
        WaitForAsyncUtils.waitForFxEvents();
        int whilePaused = vm.training().iterationCountProperty().get();
        Thread.sleep(600);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.training().iterationCountProperty().get()).as("no iterations while paused").isEqualTo(whilePaused);
        robot.clickOn("#toolbar-pause");
        waitUntil(() -> vm.training().iterationCountProperty().get() > whilePaused, 30);
        robot.clickOn("#toolbar-stop");
        waitUntil(() -> vm.training().stateProperty().get() == TrainingViewModel.State.FINISHED, 60);
        assertThat(vm.training().epochs().size()).isLessThan(500);

        // Both runs are in the Runs screen.
        robot.clickOn("#tab-runs");
        waitUntil(() -> vm.runs().runs().size() == 2, 20);
        TableView<?> runs = robot.lookup("#runs-table").queryTableView();
        assertThat(runs.getItems()).hasSize(2);

        // Export the latest bundle and read it back.
        waitUntil(() -> vm.export().bundleProperty().get() != null, 20);
        Path saved = tmp.resolve("exported.zip");
        robot.interact(() -> vm.export().saveBundle(saved, p -> { }));
        waitUntil(() -> Files.exists(saved), 20);
        robot.interact(() -> vm.export().bundleProperty().set(null));
        robot.interact(() -> vm.export().load(saved));
        waitUntil(() -> vm.export().bundleProperty().get() != null, 20);
        robot.clickOn("#tab-export");
        assertThat(robot.lookup("#bundle-info").queryTextInputControl().getText()).contains("exported.zip");
        Path out = tmp.resolve("pred.csv");
        robot.interact(() -> vm.export().predict(csv, out));
        waitUntil(() -> Files.exists(out), 20);
        assertThat(Files.readAllLines(out)).hasSize(241);
    }
}
