package dev.layerlab.gui.common;

import dev.layerlab.gui.FxCalls;
import dev.layerlab.training.monitor.Decimator;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-epoch series: a series that grows gets its new points appended; anything else is rebuilt. */
class LiveChartSparseTest {

    @BeforeAll
    static void toolkit() {
        FxCalls.startToolkit();
    }

    private static List<Decimator.Point> epochs(double... losses) {
        List<Decimator.Point> points = new ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
            points.add(new Decimator.Point(i + 1, losses[i]));
        }
        return points;
    }

    private static List<Double> ys(XYChart.Series<Number, Number> s) {
        return s.getData().stream().map(d -> d.getYValue().doubleValue()).toList();
    }

    @Test
    void aGrowingSeriesKeepsItsPointsAndAppendsTheNewOnes() throws Exception {
        FxCalls.onFx(() -> {
            LiveChart chart = new LiveChart("Loss per epoch", "epoch", "loss", "train", "validation");
            chart.set("train", epochs(0.9, 0.5));
            XYChart.Data<Number, Number> first = chart.series("train").getData().get(0);
            chart.set("train", epochs(0.9, 0.5, Double.NaN, 0.3));
            assertThat(ys(chart.series("train"))).containsExactly(0.9, 0.5, 0.3); // NaN left out, as before
            assertThat(chart.series("train").getData().get(0)).isSameAs(first);

            // Not an extension (a new run): rebuilt from scratch.
            chart.set("train", epochs(2.0, 1.0));
            assertThat(ys(chart.series("train"))).containsExactly(2.0, 1.0);
            assertThat(chart.series("train").getData().get(0)).isNotSameAs(first);

            // On a log scale the appended points are logged too, and toggling redraws everything.
            chart.logScaleProperty().set(true);
            chart.set("train", epochs(2.0, 1.0, 0.1));
            assertThat(ys(chart.series("train"))).containsExactly(Math.log10(2.0), 0.0, -1.0);
            chart.logScaleProperty().set(false);
            assertThat(ys(chart.series("train"))).containsExactly(2.0, 1.0, 0.1);
            return null;
        });
    }
}
