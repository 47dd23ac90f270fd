package dev.layerlab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import dev.layerlab.runs.Workspace;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.gui.task.FxTaskExecutor;
import dev.layerlab.gui.training.TrainingViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 4's "done when", in the GUI: on (a slice of) California housing, the three templates are picked in the
 * Model screen, trained with the Training screen's Train button, and overlaid in the Runs screen.
 */
@ExtendWith(ApplicationExtension.class)
class TemplatesUiTest {
    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    @TempDir
    static Path tmp;
    static Path csv;

    private WorkbenchViewModel vm;
    private WorkbenchWindow window;
    private FxTaskExecutor executor;

    @BeforeAll
    static void slice() throws Exception {
        if (Boolean.getBoolean("testfx.headless")) {
            try {
                Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory", false, TemplatesUiTest.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                org.junit.jupiter.api.Assumptions.abort("Monocle cannot load on this JDK: " + e);
            }
        }
        // Every 80th row: ~260 rows from all over the state, with every ocean_proximity but the rare ISLAND.
        List<String> lines = Files.readAllLines(TestData.CALIFORNIA);
        List<String> rows = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i += 80) {
            rows.add(lines.get(i));
        }
        csv = TestData.write(tmp.resolve("housing-slice.csv"), String.join("\n", rows) + "\n");
    }

    @Start
    void start(Stage stage) {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        executor = new FxTaskExecutor();
        vm = new WorkbenchViewModel(executor, WorkbenchServices.forTests(tmp.resolve("home")));
        window = new WorkbenchWindow(stage, vm, executor);
        stage.setWidth(1240); // within Monocle's default 1280x800 screen if another test started the toolkit first
        stage.setHeight(780);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        vm.training().stop();
        window.close();
        executor.shutdown();
    }

    private static void waitUntil(Callable<Boolean> condition, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theThreeTemplatesTrainFromTheGuiAndOverlayInTheRunsScreen(FxRobot robot) throws Exception {
        robot.interact(() -> vm.openCsv(csv));
        waitUntil(() -> vm.data().shapeProperty().get() != null, 30);
        ComboBox<String> target = robot.lookup("#target-choice").queryComboBox();
        robot.interact(() -> target.setValue("median_house_value"));
        waitUntil(() -> vm.data().shapeProperty().get() != null
                && "median_house_value".equals(vm.data().targetProperty().get()), 30);

        List<String> templates = List.of("sequential", "wide-deep", "wide-deep-aux");
        for (int i = 0; i < templates.size(); i++) {
            String template = templates.get(i);
            robot.clickOn("#tab-model");
            robot.clickOn("#model-tab-graph");
            robot.clickOn("#template-" + template);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(vm.model().problems()).as(template).isEmpty();
            var epochs = robot.lookup("#setting-epochs").queryTextInputControl();
            robot.interact(() -> epochs.setText("2"));
            robot.interact(() -> vm.model().earlyStoppingProperty().set(false));
            assertThat(vm.model().networkProperty().get().isGraph()).as(template).isEqualTo(!template.equals("sequential"));

            robot.clickOn("#tab-training");
            robot.clickOn("#train-button");
            waitUntil(() -> vm.training().stateProperty().get() == TrainingViewModel.State.FINISHED
                    || vm.training().stateProperty().get() == TrainingViewModel.State.FAILED, 120);
            assertThat(vm.training().stateProperty().get()).as(template + ":\n" + String.join("\n", vm.training().logLines()))
                    .isEqualTo(TrainingViewModel.State.FINISHED);
            assertThat(vm.training().epochs()).as(template).hasSize(2);
            int done = i + 1;
            waitUntil(() -> vm.runs().runs().size() == done, 20);
        }
        // The aux run's loss chart had a curve per output.
        assertThat(vm.training().outputLossSeries()).containsExactly("val main_output", "val aux_output");

        robot.clickOn("#tab-runs");
        TableView<Workspace.Run> table = robot.lookup("#runs-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(3);
        for (Workspace.Run run : table.getItems()) {
            ModelBundle bundle = ModelBundle.read(run.modelFile());
            assertThat(bundle.history()).hasSize(2);
        }
        robot.clickOn(table.lookup(".table-row-cell"));
        robot.interact(() -> table.getSelectionModel().selectAll());
        LineChart<Number, Number> chart = robot.lookup("#runs-chart").queryAs(LineChart.class);
        waitUntil(() -> chart.getData().size() == 3, 20);
        assertThat(chart.getData()).extracting(XYChart.Series::getName)
                .containsExactlyInAnyOrderElementsOf(table.getItems().stream().map(r -> r.summary().name()).toList());
        assertThat(chart.getData()).allSatisfy(s -> assertThat(s.getData()).hasSize(2));

        robot.clickOn("#runs-per-output");
        waitUntil(() -> chart.getData().size() == 5, 20);
        List<String> perOutput = chart.getData().stream().map(XYChart.Series::getName).filter(n -> n.contains(" · ")).toList();
        assertThat(perOutput).hasSize(2);
        assertThat(perOutput.get(0)).endsWith(" · main_output");
        assertThat(perOutput.get(1)).endsWith(" · aux_output");
        assertThat(perOutput.get(0).replace(" · main_output", "")).isEqualTo(perOutput.get(1).replace(" · aux_output", ""));
    }
}
