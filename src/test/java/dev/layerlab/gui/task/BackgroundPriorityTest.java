package dev.layerlab.gui.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BackgroundPriorityTest {
    @Test
    void nicesOnlyTheCallingThreadAndThreadsItStarts() throws Exception {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "Linux only");
        int callerBefore = BackgroundPriority.currentNice();
        CompletableFuture<int[]> nices = new CompletableFuture<>();
        Thread compute = new Thread(() -> {
            try {
                int before = BackgroundPriority.currentNice();
                boolean lowered = BackgroundPriority.lowerCurrentThread();
                int after = BackgroundPriority.currentNice();
                CompletableFuture<Integer> child = new CompletableFuture<>();
                Thread worker = new Thread(() -> {
                    try {
                        child.complete(BackgroundPriority.currentNice());
                    } catch (Exception e) {
                        child.completeExceptionally(e);
                    }
                });
                worker.start();
                nices.complete(new int[] {before, lowered ? 1 : 0, after, child.get()});
            } catch (Exception e) {
                nices.completeExceptionally(e);
            }
        });
        compute.start();
        int[] n = nices.get();

        assertThat(n[1]).as("lowered").isEqualTo(1);
        assertThat(n[2]).isEqualTo(Math.max(n[0], BackgroundPriority.NICE));
        assertThat(n[3]).as("a thread the niced thread starts").isEqualTo(n[2]);
        assertThat(BackgroundPriority.currentNice()).as("the calling test thread").isEqualTo(callerBefore);
    }
}
