package dev.layerlab.training.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LeanDeallocatorServiceTest {
    @Test
    void collectedArraysAreFreedAndLiveOnesKeepTheirValues() throws Exception {
        NativeRuntime.init();
        LeanDeallocatorService service = LeanDeallocatorService.installed();
        assertThat(service).isNotNull();
        assertThat(Nd4jPatches.installed().leanDeallocator()).isTrue();

        INDArray kept = Nd4j.valueArrayOf(new long[] {100, 10}, 7f, DataType.FLOAT);
        long registeredBefore = service.registered();
        long freedBefore = service.freed();
        // Arrays made and dropped on two threads (trials train on several), outside any workspace.
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 2_500; i++) {
                    Nd4j.create(DataType.FLOAT, 16, 16).addi(i);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(service.registered() - registeredBefore).isGreaterThanOrEqualTo(5_000);

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (service.freed() - freedBefore < 5_000 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(service.freed() - freedBefore).isGreaterThanOrEqualTo(5_000);
        // The array still referenced was not freed: its native buffer still holds what was written.
        assertThat(kept.sumNumber().doubleValue()).isEqualTo(7_000.0);
        kept.addi(1);
        assertThat(kept.getFloat(99, 9)).isEqualTo(8f);
    }
}
