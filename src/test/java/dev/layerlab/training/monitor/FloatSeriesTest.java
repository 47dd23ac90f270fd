package dev.layerlab.training.monitor;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class FloatSeriesTest {

    @Test
    void keepsEveryPointAcrossChunks() {
        FloatSeries s = new FloatSeries();
        for (int i = 0; i < 10_000; i++) {
            s.add(i);
        }
        assertThat(s.size()).isEqualTo(10_000);
        assertThat(s.get(9_999)).isEqualTo(9_999f);
        assertThat(s.copy(4095, 4098)).containsExactly(4095f, 4096f, 4097f);
    }

    @Test
    void readerSeesOnlyPublishedPointsWhileWriterRuns() throws Exception {
        FloatSeries s = new FloatSeries();
        AtomicBoolean bad = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 200_000; i++) {
                s.add(i + 1);
            }
        });
        writer.start();
        while (writer.isAlive()) {
            int n = s.size();
            if (n > 0 && s.get(n - 1) != n) {
                bad.set(true);
            }
        }
        writer.join();
        assertThat(bad).isFalse();
        assertThat(s.size()).isEqualTo(200_000);
    }
}
