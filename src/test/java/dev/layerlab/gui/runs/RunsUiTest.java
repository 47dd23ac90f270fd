package dev.layerlab.gui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import dev.layerlab.runs.RunSummary;
import dev.layerlab.runs.Workspace;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.gui.Screen;
import dev.layerlab.gui.WorkbenchServices;
import dev.layerlab.gui.WorkbenchViewModel;
import dev.layerlab.gui.WorkbenchWindow;
import dev.layerlab.gui.task.FxTaskExecutor;
import dev.layerlab.gui.training.EpochPoint;
import dev.layerlab.gui.training.TrainingViewModel;
import dev.layerlab.runs.SmallRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
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

/** Resume a stopped run and fine-tune a finished one from the Runs screen (headless). */
@ExtendWith(ApplicationExtension.class)
class RunsUiTest {
    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    @TempDir
    static Path tmp;
    static Path csv;
    static Path stopped;
    static Path finished;

    private WorkbenchViewModel vm;
    private WorkbenchWindow window;
    private FxTaskExecutor executor;

    @BeforeAll
    static void runs() throws Exception {
        if (Boolean.getBoolean("testfx.headless")) {
            try {
                Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory", false, RunsUiTest.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                org.junit.jupiter.api.Assumptions.abort("Monocle cannot load on this JDK: " + e);
            }
        }
        csv = TestData.regression(tmp, 120);
        Path ws = tmp.resolve("home").resolve("workspace");
        stopped = SmallRuns.train(ws, SmallRuns.experiment(csv, 4).withName("stopped"), 2);
        finished = SmallRuns.train(ws, SmallRuns.experiment(csv, 2).withName("finished"), 0);
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

    /** Selects the run in {@code dir} in the runs table. */
    @SuppressWarnings("unchecked")
    private void select(FxRobot robot, Path dir) throws Exception {
        robot.clickOn("#tab-runs");
        TableView<Workspace.Run> table = robot.lookup("#runs-table").queryAs(TableView.class);
        waitUntil(() -> table.getItems().stream().anyMatch(r -> r.dir().equals(dir)), 20);
        robot.interact(() -> {
            Workspace.Run run = table.getItems().stream().filter(r -> r.dir().equals(dir)).findFirst().orElseThrow();
            table.getSelectionModel().clearAndSelect(table.getItems().indexOf(run));
        });
        waitUntil(() -> vm.runs().selectedProperty().get() != null && vm.runs().selectedProperty().get().dir().equals(dir), 10);
    }

    @Test
    @SuppressWarnings("unchecked")
    void resumingAStoppedRunContinuesFromItsCheckpoint(FxRobot robot) throws Exception {
        List<String> before = Files.readAllLines(stopped.resolve(Workspace.HISTORY_FILE));
        assertThat(before).hasSize(3);
        select(robot, stopped);
        assertThat(robot.lookup("#runs-resume").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#run-details").queryAs(Label.class).getText()).contains("cancelled").contains("Resume");

        robot.clickOn("#runs-resume");
        assertThat(vm.screenProperty().get()).isEqualTo(Screen.TRAINING);
        waitUntil(() -> vm.training().stateProperty().get() == TrainingViewModel.State.FINISHED
                || vm.training().stateProperty().get() == TrainingViewModel.State.FAILED, 90);
        assertThat(vm.training().stateProperty().get()).as(String.join("\n", vm.training().logLines()))
                .isEqualTo(TrainingViewModel.State.FINISHED);
        // The chart shows the whole history: the checkpointed epochs, then the new ones (not 1..2 again).
        assertThat(vm.training().epochs()).extracting(EpochPoint::epoch).containsExactly(1, 2, 3, 4);
        LineChart<Number, Number> loss = robot.lookup("#chart-epoch-loss").queryAs(LineChart.class);
        assertThat(loss.getData().get(0).getData()).hasSize(4);
        assertThat(vm.training().iterationEpochOffset()).isEqualTo(2);

        List<String> after = Files.readAllLines(stopped.resolve(Workspace.HISTORY_FILE));
        assertThat(after).hasSize(5);
        assertThat(after.subList(0, 3)).as("the checkpointed epochs are kept as they were").isEqualTo(before);
        Workspace.Run done = Workspace.read(stopped);
        assertThat(done.summary().status()).isEqualTo("COMPLETED");
        assertThat(done.summary().epochs()).isEqualTo(4);
        assertThat(ModelBundle.read(stopped.resolve(Workspace.MODEL_FILE)).history()).hasSize(4);

        waitUntil(() -> vm.runs().runs().stream().anyMatch(r -> r.dir().equals(stopped)
                && "COMPLETED".equals(r.summary().status())), 20);
        select(robot, stopped);
        assertThat(robot.lookup("#runs-resume").queryButton().isDisabled()).isTrue();
    }

    @Test
    void fineTuningAFinishedRunMakesANewRunThatNamesItsParent(FxRobot robot) throws Exception {
        select(robot, finished);
        assertThat(robot.lookup("#runs-resume").queryButton().isDisabled()).as("a finished run is not resumed").isTrue();
        robot.clickOn("#runs-fine-tune");
        waitUntil(() -> robot.lookup("#finetune-epochs").tryQuery().isPresent(), 20);
        assertThat(robot.lookup("#finetune-data").queryTextInputControl().getText())
                .isEqualTo(csv.toAbsolutePath().toString());
        assertThat(robot.lookup("#finetune-epochs").queryTextInputControl().getText()).isEqualTo("2");

        robot.clickOn("#finetune-epochs").push(KeyCode.CONTROL, KeyCode.A).write("two");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#finetune-epochs-error").queryAs(Label.class).getText()).contains("whole number");
        assertThat(robot.lookup("#finetune-ok").queryButton().isDisabled()).isTrue();
        robot.clickOn("#finetune-epochs").push(KeyCode.CONTROL, KeyCode.A).write("2");
        robot.clickOn("#finetune-learning-rate").write("0.0005");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#finetune-ok").queryButton().isDisabled()).isFalse();
        int runsBefore = vm.runs().runs().size();
        robot.clickOn("#finetune-ok");

        waitUntil(() -> vm.training().stateProperty().get() == TrainingViewModel.State.FINISHED
                || vm.training().stateProperty().get() == TrainingViewModel.State.FAILED, 90);
        assertThat(vm.training().stateProperty().get()).as(String.join("\n", vm.training().logLines()))
                .isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(vm.training().epochs()).extracting(EpochPoint::epoch).containsExactly(3, 4);
        waitUntil(() -> vm.runs().runs().size() == runsBefore + 1, 20);
        Workspace.Run child = vm.runs().runs().stream().filter(r -> r.summary().parentModel() != null).findFirst().orElseThrow();
        Path parentZip = finished.resolve(Workspace.MODEL_FILE).toAbsolutePath().normalize();
        assertThat(ModelBundle.read(child.modelFile()).provenance().parentModel()).isEqualTo(parentZip.toString());
        assertThat(child.summary().status()).isNotEqualTo(RunSummary.RUNNING);

        select(robot, child.dir());
        Label lineage = robot.lookup("#run-lineage").queryAs(Label.class);
        assertThat(lineage.getText()).isEqualTo("Fine-tuned from " + finished.getFileName());
        assertThat(lineage.isVisible()).isTrue();
    }
}
