package dev.layerlab.bench.gui;

import dev.layerlab.gui.StartupObserver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StartupProbeTest {

    @Test
    void theReadyLineCarriesTheTimeSinceJvmStart() {
        assertThat(StartupProbe.readyLine()).matches("LAYERLAB_READY jvm_ms=\\d+ milestones=.*ready \\d+");
    }

    @Test
    void theBenchFlagInstallsThisProbeAndItsMilestonesReachTheReadyLine() {
        installedBy(FLAG);
    }

    /** The flag the bench's start-up group gives the workbench (bench.GuiGroups.STARTUP_PROBE). */
    static final String FLAG = "-Dlayerlab.startupObserver=dev.layerlab.bench.gui.StartupProbe";

    static void installedBy(String flag) {
        String[] kv = flag.substring(2).split("=", 2);
        assertThat(kv[0]).isEqualTo(StartupObserver.PROPERTY);
        String before = System.getProperty(kv[0]);
        System.setProperty(kv[0], kv[1]);
        try {
            StartupObserver observer = StartupObserver.fromSystemProperty();
            assertThat(observer).isInstanceOf(StartupProbe.class);
            observer.milestone("probe-test");
            assertThat(StartupProbe.readyLine()).contains("probe-test ");
        } finally {
            if (before == null) {
                System.clearProperty(kv[0]);
            } else {
                System.setProperty(kv[0], before);
            }
        }
    }

    @Test
    void withoutTheFlagTheWorkbenchObservesNothing() {
        assertThat(System.getProperty(StartupObserver.PROPERTY)).isNull();
        assertThat(StartupObserver.fromSystemProperty()).isSameAs(StartupObserver.NONE);
    }
}
