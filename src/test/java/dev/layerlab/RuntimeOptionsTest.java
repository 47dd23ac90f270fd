package dev.layerlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** One way to read LayerLab's process-wide settings: the property, else the environment, else the default. */
class RuntimeOptionsTest {
    @Test
    void propertiesOverrideTheDefaultsAndSwitchesAreOnUnlessFalse() {
        String[] names = {"layerlab.home", "layerlab.workspace", "layerlab.prefetchEpochs", "layerlab.lowerJvmThreads"};
        String[] before = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            before[i] = System.getProperty(names[i]);
        }
        try {
            System.setProperty("layerlab.home", "/opt/layerlab");
            System.setProperty("layerlab.workspace", "/tmp/ws");
            System.setProperty("layerlab.prefetchEpochs", "FALSE");
            System.setProperty("layerlab.lowerJvmThreads", "yes");
            RuntimeOptions o = RuntimeOptions.fromSystem();
            assertThat(o.home()).isEqualTo(Path.of("/opt/layerlab"));
            assertThat(o.workspace()).isEqualTo(Path.of("/tmp/ws"));
            assertThat(o.prefetchEpochs()).isFalse();
            assertThat(o.lowerJvmThreads()).isTrue();

            for (String n : names) {
                System.clearProperty(n);
            }
            RuntimeOptions defaults = RuntimeOptions.fromSystem();
            assertThat(defaults.workspace()).isEqualTo(Path.of(System.getProperty("user.home"), ".layerlab", "workspace"));
            assertThat(defaults.prefetchEpochs()).isTrue();
        } finally {
            for (int i = 0; i < names.length; i++) {
                if (before[i] == null) {
                    System.clearProperty(names[i]);
                } else {
                    System.setProperty(names[i], before[i]);
                }
            }
        }
        assertThat(RuntimeOptions.environmentName("lowerJvmThreads")).isEqualTo("LAYERLAB_LOWER_JVM_THREADS");
    }
}
