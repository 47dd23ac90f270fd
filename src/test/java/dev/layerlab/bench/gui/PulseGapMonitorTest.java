package dev.layerlab.bench.gui;

import dev.layerlab.gui.FxCalls;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** The monitor sees a freeze of the FX thread as a long gap between pulses; idle gaps stay near the pulse period. */
class PulseGapMonitorTest {

    @BeforeAll
    static void toolkit() {
        FxCalls.startToolkit();
    }

    @Test
    void aBlockedFxThreadShowsAsALongGap() throws Exception {
        PulseGapMonitor monitor = new PulseGapMonitor();
        FxCalls.onFx(() -> {
            monitor.start();
            return null;
        });
        Thread.sleep(300);
        FxCalls.onFx(() -> {
            Thread.sleep(200); // what a slow handler on the FX thread does
            return null;
        });
        Thread.sleep(300);
        PulseGapMonitor.Gaps gaps = FxCalls.onFx(() -> {
            monitor.stop();
            return monitor.gaps();
        });

        assertThat(gaps.count()).isGreaterThan(5);
        assertThat(gaps.maxMs()).isGreaterThanOrEqualTo(195);
        assertThat(gaps.p50Ms()).isLessThan(gaps.maxMs());
        assertThat(gaps.fxCpuInMaxMs()).as("sleeping uses no CPU").isLessThan(150);
    }

    @Test
    void statisticsOfKnownGaps() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (i + 1) * 1_000_000L; // 1..100 ms
        }
        PulseGapMonitor.Gaps g = PulseGapMonitor.summarize(nanos);
        assertThat(g.count()).isEqualTo(100);
        assertThat(g.maxMs()).isEqualTo(100);
        assertThat(g.p99Ms()).isEqualTo(99);
        assertThat(g.p50Ms()).isEqualTo(50);
        assertThat(g.meanMs()).isEqualTo(50.5);
        assertThat(PulseGapMonitor.summarize(new long[0]).count()).isZero();
    }

}
