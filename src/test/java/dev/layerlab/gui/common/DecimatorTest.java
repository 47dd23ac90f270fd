package dev.layerlab.gui.common;

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
}
