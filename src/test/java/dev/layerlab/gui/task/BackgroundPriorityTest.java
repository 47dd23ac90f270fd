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

    @Test
    void nicesOtherThreadsByTheirOsName() throws Exception {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "Linux only");
        int callerBefore = BackgroundPriority.currentNice();
        CompletableFuture<Path> helperTask = new CompletableFuture<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread helper = new Thread(() -> {
            try {
                helperTask.complete(Path.of("/proc/self/task", Integer.toString(BackgroundPriority.currentThreadId())));
                done.await();
            } catch (Exception e) {
                helperTask.completeExceptionally(e);
            }
        }, "bp-test-helper");
        helper.start();
        try {
            Path task = helperTask.get();
            assertThat(Files.readString(task.resolve("comm")).strip()).as("the JVM names the OS thread").isEqualTo("bp-test-helper");
            int before = BackgroundPriority.niceOf(task);

            int lowered = BackgroundPriority.lowerThreadsNamed("bp-test-helper"::equals);

            assertThat(lowered).isEqualTo(1);
            assertThat(BackgroundPriority.niceOf(task)).isEqualTo(Math.max(before, BackgroundPriority.NICE));
            assertThat(BackgroundPriority.currentNice()).as("the calling test thread").isEqualTo(callerBefore);
        } finally {
            done.countDown();
            helper.join();
        }
    }

    @Test
    void jvmHelpersAreTheCompilersAndConcurrentCollectorButNotTheWindowOrThePauses() {
        assertThat(java.util.List.of("C1 CompilerThre", "C2 CompilerThre", "ZWorker#0", "ZWorker#11", "ZDriver", "ZDirector",
                "Sweeper thread", "VM Periodic Tas", "Reference Handl", "G1 Conc#0", "G1 Refine#0")).allMatch(BackgroundPriority.JVM_HELPER);
        assertThat(java.util.List.of("JavaFX Applicat", "QuantumRenderer", "Monocle Timer", "VM Thread", "RuntimeWorker#0",
                "GC Thread#0", "layerlab-traini", "main")).noneMatch(BackgroundPriority.JVM_HELPER);
    }
}
