package dev.layerlab.gui.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.diagnostics.HealthIssue;
import dev.layerlab.diagnostics.HealthSample;
import dev.layerlab.diagnostics.HealthWarning;
import dev.layerlab.diagnostics.Histogram;
import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.training.EpochRecord;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Training screen's health view, warning banner and the fixes of the curves (headless). */
@ExtendWith(ApplicationExtension.class)
class HealthViewTest {
    private TrainingViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new TrainingViewModel(new StatusModel());
        TrainingView view = new TrainingView(vm, null, () -> stage, () -> { });
        stage.setScene(new Scene(new BorderPane(view.root()), 1200, 800));
        stage.show();
    }

    static HealthSample sample(long iteration, String layer, double ratio) {
        Histogram h = Histogram.of(new float[] {-1, -0.5f, 0, 0.2f, 0.4f, 1});
        return new HealthSample(1 + (int) (iteration / 100), iteration, layer, 1.5, ratio, 0.1, 0.3, 0.5, h, h);
    }

    @Test
    @SuppressWarnings("unchecked")
    void samplesDrawOneLinePerLayerAndWarningsShowAsBanner(FxRobot robot) {
        TrainingViewModelTest.FakeJob job = new TrainingViewModelTest.FakeJob();
        robot.interact(() -> {
            vm.start("run", "RMSE", "", job);
            job.monitor.onStart(10, 100);
            var listener = job.monitor.healthListener();
            for (long it = 0; it < 500; it += 50) {
                listener.onSamples(List.of(sample(it, "dense_1", 1e-3), sample(it, "output_2", 2e-3)));
            }
            listener.onWarning(new HealthWarning(HealthIssue.DYING_RELU, 2, "45 % of the units of layer dense_1 never activate"));
            vm.drain();
            robot.lookup("#training-views").queryAs(TabPane.class).getSelectionModel().select(1);
        });
        LineChart<Number, Number> chart = robot.lookup("#health-chart").queryAs(LineChart.class);
        assertThat(chart.getData()).extracting(XYChart.Series::getName).containsExactly("dense_1", "output_2");
        assertThat(chart.getData().get(0).getData()).hasSize(10);
        VBox banner = robot.lookup("#health-warnings").queryAs(VBox.class);
        assertThat(banner.getChildren()).hasSize(1);
        assertThat(((Label) banner.getChildren().get(0)).getText()).contains("dying ReLU").contains("Try: lower the learning rate");
        assertThat(vm.logLines()).anySatisfy(l -> assertThat(l).startsWith("warning: dying ReLU"));
    }

    @Test
    void epochAxesLabelWholeEpochsOnly(FxRobot robot) {
        NumberAxis x = (NumberAxis) robot.lookup("#chart-epoch-loss").queryAs(LineChart.class).getXAxis();
        assertThat(x.getTickLabelFormatter().toString(2.5)).isEmpty();
        assertThat(x.getTickLabelFormatter().toString(5.0)).isEqualTo("5");
        assertThat(x.getTickLabelFormatter().toString(0)).isEqualTo("0");
    }

    @Test
    void logLossIsNotTakenForAnOutputsLoss() {
        // Classification metrics include "log_loss": it used to appear as a curve "val log" on the loss chart.
        EpochPoint p = EpochPoint.of(new EpochRecord(1, 0.5, 0.6, Map.of(), Map.of("log_loss", 0.6, "accuracy", 0.8), 1e-3, 1),
                "accuracy");
        assertThat(p.outputValLoss()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void multiClassRocDrawsOneCurvePerClass(FxRobot robot) {
        TrainingViewModelTest.FakeJob job = new TrainingViewModelTest.FakeJob();
        Map<String, List<double[]>> perClass = new java.util.LinkedHashMap<>();
        for (String c : List.of("a", "b", "c")) {
            perClass.put(c, List.of(new double[] {0, 0}, new double[] {0.1, 0.8}, new double[] {1, 1}));
        }
        robot.interact(() -> {
            vm.start("run", "Accuracy", "", job);
            job.monitor.onFinished(new RunOutcome(Map.of("accuracy", 0.9), new double[0], new double[0], List.of("a", "b", "c"),
                    new int[][] {{3, 0, 0}, {0, 3, 0}, {0, 0, 3}}, List.of(), 1, "completed", perClass));
            vm.drain();
        });
        LineChart<Number, Number> roc = robot.lookup("#roc-chart").queryAs(LineChart.class);
        assertThat(roc.getData()).extracting(XYChart.Series::getName).containsExactly("a", "b", "c", "chance");
        assertThat(roc.getTitle()).contains("each class vs the rest");
        assertThat(roc.isLegendVisible()).isTrue();
    }
}
