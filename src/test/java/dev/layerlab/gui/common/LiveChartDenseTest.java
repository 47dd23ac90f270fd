package dev.layerlab.gui.common;

import dev.layerlab.gui.FxCalls;
import dev.layerlab.training.monitor.Decimator;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long series is kept whole for export and drawn as its envelope per pixel column: every column holds exactly
 * the minimum and maximum of the points that fall in it, so spikes stay visible however many points there are.
 */
class LiveChartDenseTest {

    @BeforeAll
    static void toolkit() {
        FxCalls.startToolkit();
    }

    private static float[] noisy(int n) {
        Random r = new Random(7);
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            ys[i] = (float) (1 + Math.exp(-i / 20_000.0) + 0.2 * r.nextGaussian());
        }
        ys[54_321] = 40; // a spike
        return ys;
    }

    @Test
    void columnsHoldTheMinAndMaxOfTheirPoints() {
        float[] ys = noisy(100_000);
        int width = 700;
        double x0 = 1;
        double pxPerX = width / 100_000.0;
        Decimator.Columns c = Decimator.columns(ys, ys.length, 1, 1, x0, pxPerX, width, false);

        double[] min = new double[width];
        double[] max = new double[width];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < ys.length; i++) {
            int col = (int) Math.floor((1 + i - x0) * pxPerX);
            min[col] = Math.min(min[col], ys[i]);
            max[col] = Math.max(max[col], ys[i]);
        }
        for (int col = 0; col < width; col++) {
            assertThat(c.min[col]).as("column %d", col).isEqualTo(min[col]);
            assertThat(c.max[col]).as("column %d", col).isEqualTo(max[col]);
        }
        double globalMax = java.util.stream.IntStream.range(0, width).mapToDouble(i -> c.max[i]).max().orElseThrow();
        assertThat(globalMax).isEqualTo(40);
    }

    @Test
    void logScaleDropsWhatItCannotPlot() {
        Decimator.Columns c = Decimator.columns(new float[] {100, -1, 0, Float.NaN, 10}, 5, 0, 1, 0, 1, 5, true);
        assertThat(c.max[0]).isEqualTo(2);
        assertThat(c.min[1]).isNaN();
        assertThat(c.min[2]).isNaN();
        assertThat(c.min[3]).isNaN();
        assertThat(c.min[4]).isEqualTo(1);
    }

    @Test
    void aDenseSeriesKeepsEveryPointAndAutoRangesOverThem() throws Exception {
        float[] ys = noisy(100_000);
        LiveChart chart = new LiveChart("Loss per iteration", "iteration", "loss", "raw");
        WritableImage image = FxCalls.onFx(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(chart.node()), 800, 450));
            stage.show();
            chart.setDense("raw", ys, ys.length, 1, 1);
            WritableImage shot = chart.snapshot();
            stage.close();
            return shot;
        });

        assertThat(chart.values("raw")).containsExactly(ys);
        var corners = chart.series("raw").getData();
        assertThat(corners).hasSize(2);
        assertThat(corners.get(0).getXValue().doubleValue()).isEqualTo(1);
        assertThat(corners.get(1).getXValue().doubleValue()).isEqualTo(100_000);
        assertThat(corners.get(1).getYValue().doubleValue()).isEqualTo(40);
        assertThat(image.getWidth()).isGreaterThan(700); // drawn: the canvas is part of the chart's snapshot
    }
}
