package dev.layerlab.training.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.factory.Nd4j;

class NativeRuntimeTest {
    @Test
    void releasingAThreadsWorkspacesFreesThemWithoutAFullCollection() {
        NativeRuntime.init();
        var manager = Nd4j.getWorkspaceManager();
        WorkspaceConfiguration config = WorkspaceConfiguration.builder().initialSize(1 << 20).build();
        try (var ws = manager.getAndActivateWorkspace(config, "native-runtime-test")) {
            Nd4j.create(64, 64).addi(1);
        }
        assertThat(manager.getAllWorkspacesIdsForCurrentThread()).contains("native-runtime-test");
        long before = collections();

        NativeRuntime.releaseThreadWorkspaces();

        assertThat(manager.getAllWorkspacesIdsForCurrentThread()).isEmpty();
        // ND4J's destroyAllWorkspacesForCurrentThread() ends with System.gc(), which counts here
        assertThat(collections()).isEqualTo(before);
    }

    private static long collections() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Young") && !gc.getName().contains("Scavenge") && !gc.getName().contains("Copy")) {
                sum += gc.getCollectionCount();
            }
        }
        return sum;
    }
}
