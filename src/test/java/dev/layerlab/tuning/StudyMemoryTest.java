package dev.layerlab.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ParamDomain;
import dev.layerlab.experiment.SearchSpace;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.TrainingSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyMemoryTest {
    @TempDir
    Path dir;

    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    @Test
    void heapStaysFlatOverFiftyTrials() {
        Path csv = TestData.regression(dir, 60);
        Experiment base = new Experiment(0, "m", DataSpec.of(csv.toString(), "y"), NetworkSpec.of(DenseLayer.of(8, Activation.RELU)),
                TrainingSpec.defaults().withEpochs(1).withBatchSize(64))
                .withSearch(SearchSpace.of(Map.of()).with(SearchSpace.LEARNING_RATE, new ParamDomain.LogUniform(1e-3, 1e-2))
                        .with(SearchSpace.UNITS, ParamDomain.IntRange.powersOfTwo(8, 32)));
        PreparedData data = DataPipeline.prepare(base.data(), dir);
        long[] heap = new long[2];
        StudySettings settings = new StudySettings(StrategyKind.RANDOM, 50, 1, 0, null, null, 5, null, 1, 0);
        StudyResult r = new Study(base, data, settings, null).addListener(new StudyListener() {
            @Override
            public void onTrialFinished(TrialRecord record, int count, int planned) {
                if (count == 10) {
                    heap[0] = usedHeapAfterGc();
                } else if (count == 50) {
                    heap[1] = usedHeapAfterGc();
                }
            }
        }).run();
        assertThat(r.trials()).hasSize(50).allMatch(t -> t.status() == TrialStatus.COMPLETE);
        long growth = heap[1] - heap[0];
        System.out.printf("heap after trial 10: %d KB, after trial 50: %d KB%n", heap[0] / 1024, heap[1] / 1024);
        assertThat(growth).as("heap growth from trial 10 to 50: %d KB", growth / 1024).isLessThan(8L << 20);
    }
}
