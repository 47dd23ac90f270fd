package dev.layerlab.gui.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.tuning.Objective;
import dev.layerlab.experiment.SearchSpace;
import dev.layerlab.tuning.StudyListener;
import dev.layerlab.tuning.TrialRecord;
import dev.layerlab.tuning.TrialStatus;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The view builds, shows the budget, and fills the leaderboard from queued events (headless Monocle).
 * The pom's openjfx-monocle 21.0.2 needs Java 21 (class file 65); on Java 17 the test is skipped. It passes on
 * Java 17 with openjfx-monocle 17.0.10.
 */
@ExtendWith(ApplicationExtension.class)
class TuningViewSmokeTest {
    private TuningViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new TuningViewModel();
        vm.setObjective(new Objective("val_rmse", false));
        stage.setScene(new Scene(new TuningView(vm), 1200, 800));
        stage.show();
    }

    @Test
    void showsBudgetAndLeaderboard(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#tuning-budget").queryAs(Label.class).getText()).contains("budget 20 trials");
        assertThat(robot.lookup("#tuning-best-chart").query().isVisible()).as("no empty axes before a trial finished").isFalse();
        StudyListener l = vm.listener();
        for (int n = 0; n < 5; n++) {
            l.onTrialStarted(n, Map.of(SearchSpace.LEARNING_RATE, 0.001 * (n + 1)));
            l.onTrialFinished(new TrialRecord(n, Map.of(SearchSpace.LEARNING_RATE, 0.001 * (n + 1)),
                    n == 3 ? TrialStatus.PRUNED : TrialStatus.COMPLETE, 1.0 / (n + 1), 3, 3, 100L * n, 10,
                    List.of(2.0, 1.5, 1.0 / (n + 1)), null), n + 1, 5);
        }
        Thread.sleep(400); // the view's 20 Hz timeline drains the queue
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#tuning-leaderboard").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(5);
        assertThat(vm.bestProperty().get().number()).isEqualTo(4);
        robot.interact(() -> ((TuningView) table.getScene().getRoot()).redrawCharts());
        assertThat(robot.lookup("#tuning-best-chart").query().isVisible()).isTrue();
        robot.clickOn("#tuning-filter").write("pruned");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).hasSize(1);
    }
}
