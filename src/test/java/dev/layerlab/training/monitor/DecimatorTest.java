package dev.layerlab.training.monitor;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecimatorTest {

    @Test
    void shortSeriesIsKeptWhole() {
        assertThat(Decimator.minMax(new float[] {3, 2, 1}, 100, 1, 1)).hasSize(3)
                .first().isEqualTo(new Decimator.Point(1, 3));
    }

    @Test
    void longSeriesIsThinnedButKeepsSpikes() {
        float[] ys = new float[100_000];
        ys[54_321] = 1000;
        var pts = Decimator.minMax(ys, 500, 0, 1);
        assertThat(pts.size()).isLessThanOrEqualTo(500);
        assertThat(pts).anyMatch(p -> p.y() == 1000 && p.x() == 54_321);
    }

    @Test
    void smoothingFollowsTheTrendWithoutStartBias() {
        float[] s = Decimator.smooth(new float[] {10, 10, 10}, 0.9);
        assertThat(s[0]).isEqualTo(10f);
        assertThat(s[2]).isCloseTo(10f, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void chartDecimationKeepsEachBucketsExtremesInOrder() {
        float[] ys = new float[10_000];
        for (int i = 0; i < ys.length; i++) {
            ys[i] = (float) Math.sin(i / 50.0);
        }
        ys[1234] = 9f;
        ys[8765] = -9f;
        List<Decimator.Point> points = Decimator.minMax(ys, 800, 0, 1);
        assertThat(points).hasSizeLessThanOrEqualTo(800);
        assertThat(points).anyMatch(p -> p.x() == 1234 && p.y() == 9).anyMatch(p -> p.x() == 8765 && p.y() == -9);
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i).x()).isGreaterThan(points.get(i - 1).x());
        }
        assertThat(Decimator.minMax(new float[] {3, 1, 2}, 800, 1, 0.5)).extracting(Decimator.Point::x)
                .containsExactly(1.0, 1.5, 2.0);
        float[] smooth = Decimator.smooth(new float[] {1, 1, 1}, 0.6);
        assertThat(smooth).containsExactly(1f, 1f, 1f); // debiased: a constant stays itself from the first point
    }
}
