package dev.layerlab.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.gui.common.LiveChart;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.ScheduleKind;
import dev.layerlab.training.TrainingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Model screen's training settings show a loaded schedule, warm-up and weight decay, and offer every schedule;
 * with {@code -Dlayerlab.screenshots=docs/screenshots} it also writes training-settings-schedule.png.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingSettingsScheduleTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void theScheduleSettingsShowWhatWasLoaded(FxRobot robot) throws Exception {
        ModelViewModel vm = new ModelViewModel();
        vm.applyTraining(TrainingSpec.defaults().withOptimizer(new OptimizerSpec(OptimizerKind.ADAM, 0.002, null,
                ScheduleKind.ONE_CYCLE, null, null, 0.01, 3, null)));
        robot.interact(() -> {
            stage.setScene(new Scene((Parent) new TrainingSettingsPane(vm).root(), 420, 760));
            stage.show();
        });
        ComboBox<?> schedule = robot.lookup("#setting-schedule").queryAs(ComboBox.class);
        assertThat(schedule.getItems()).hasSize(ScheduleKind.values().length);
        assertThat(schedule.getValue()).isEqualTo(ScheduleKind.ONE_CYCLE);
        assertThat(robot.lookup("#setting-warmup").queryTextInputControl().getText()).isEqualTo("3");
        assertThat(robot.lookup("#setting-weight-decay").queryTextInputControl().getText()).isEqualTo("0.01");
        String dir = System.getProperty("layerlab.screenshots");
        if (dir != null && !dir.isBlank()) {
            javafx.scene.image.WritableImage[] image = new javafx.scene.image.WritableImage[1];
            robot.interact(() -> image[0] = stage.getScene().getRoot().snapshot(null, null));
            Files.createDirectories(Path.of(dir));
            LiveChart.writePng(image[0], Path.of(dir).resolve("training-settings-schedule.png"));
        }
    }
}
