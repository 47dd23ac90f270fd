package dev.layerlab.gui.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.training.EpochRecord;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The loss chart gains a curve per output for a graph run and loses them on a sequential run (headless). */
@ExtendWith(ApplicationExtension.class)
class TrainingViewSmokeTest {
    private TrainingViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new TrainingViewModel(new StatusModel());
        TrainingView view = new TrainingView(vm, null, () -> stage, () -> { });
        stage.setScene(new Scene(new BorderPane(view.root()), 1200, 800));
        stage.show();
    }

    /** The engine's metrics keep the network's output order (Map.of would not: its order changes between runs). */
    private static Map<String, Double> ordered(String k1, double v1, String k2, double v2) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    @Test
    @SuppressWarnings("unchecked")
    void perOutputCurvesComeAndGo(FxRobot robot) {
        LineChart<Number, Number> chart = robot.lookup("#chart-epoch-loss").queryAs(LineChart.class);
        TrainingViewModelTest.FakeJob job = new TrainingViewModelTest.FakeJob();
        robot.interact(() -> {
            vm.start("graph", "RMSE", "", job);
            job.monitor.onEpoch(EpochPoint.of(new EpochRecord(1, 1, 1, Map.of(),
                    ordered("main_output_loss", 0.8, "aux_output_loss", 0.5), 1e-3, 1), "rmse"));
            job.monitor.onEpoch(EpochPoint.of(new EpochRecord(2, 0.9, 0.9, Map.of(),
                    ordered("main_output_loss", 0.7, "aux_output_loss", 0.4), 1e-3, 2), "rmse"));
            vm.drain();
        });
        assertThat(chart.getData()).extracting(XYChart.Series::getName)
                .containsExactly("train", "validation", "kept epoch", "val main_output", "val aux_output");
        assertThat(chart.getData().get(3).getData()).hasSize(2);
        assertThat(chart.getData().get(3).getNode().getStyle()).contains("dash");
        robot.interact(() -> {
            vm.stop();
            job.monitor.onFinished(null);
            vm.drain();
            TrainingViewModelTest.FakeJob seq = new TrainingViewModelTest.FakeJob();
            vm.start("seq", "RMSE", "", seq);
            seq.monitor.onEpoch(new EpochPoint(1, 0.5, 0.6, 2, 3, 0.1));
            vm.drain();
        });
        assertThat(chart.getData()).extracting(XYChart.Series::getName)
                .containsExactly("train", "validation", "kept epoch");
    }
}
