package dev.layerlab.gui.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StartupProbeTest {

    @Test
    void theReadyLineCarriesTheTimeSinceJvmStart() {
        assertThat(StartupProbe.readyLine()).matches("LAYERLAB_READY jvm_ms=\\d+ milestones=.*ready \\d+");
    }
}
