package dev.layerlab.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GuiGroupsFlagTest {
    @Test
    void theStartupGroupNamesTheProbeClassThatExists() throws Exception {
        String className = GuiGroups.STARTUP_PROBE.substring(GuiGroups.STARTUP_PROBE.indexOf('=') + 1);
        assertThat(GuiGroups.STARTUP_PROBE).startsWith("-Dlayerlab.startupObserver=");
        Class<?> probe = Class.forName(className);
        assertThat(Class.forName("dev.layerlab.gui.StartupObserver").isAssignableFrom(probe)).isTrue();
    }
}
