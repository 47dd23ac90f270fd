package dev.layerlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import dev.layerlab.data.Matrix;
import dev.layerlab.data.PreparedData;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.NetworkSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The pre-batched epoch pipeline gives the same batches, and so the same training, as the per-step copy. */
class FastPipelineTest {
    @TempDir
    Path dir;

    @Test
    void epochBatchesHoldTheRowsInEpochOrderIncludingTheLastPartialBatch() {
        int rows = 7;
        int width = 3;
        float[] x = new float[rows * width];
        float[] y = new float[rows * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.5f;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = -i;
        }
        Matrix m = new Matrix(x, rows, width, y, 2, null);
        int[] order = {4, 0, 6, 2, 1, 5, 3};
        EpochBatches batches = EpochBatches.of(m, order);
        int batch = 3;
        for (int from = 0; from < rows; from += batch) {
            int n = Math.min(batch, rows - from);
            INDArray f = batches.features(from, n);
            INDArray t = batches.targets(from, n);
            assertThat(f.shape()).containsExactly(n, width);
            assertThat(t.shape()).containsExactly(n, 2);
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < width; c++) {
                    assertThat(f.getFloat(r, c)).isEqualTo(m.feature(order[from + r], c));
                }
                for (int c = 0; c < 2; c++) {
                    assertThat(t.getFloat(r, c)).isEqualTo(m.target(order[from + r], c));
                }
            }
            // dup() of a view copies exactly its rows (what DL4J does with inputs it keeps)
            assertThat(f.dup().length()).isEqualTo((long) n * width);
            assertThat(f.dup().getFloat(n - 1, width - 1)).isEqualTo(m.feature(order[from + n - 1], width - 1));
        }
    }

    @Test
    void prefetchedEpochsHoldTheSameRowsAsGatheringOnTheTrainingThread() {
        int rows = 11;
        float[] x = new float[rows * 2];
        float[] y = new float[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = 100 + i;
        }
        Matrix m = new Matrix(x, rows, 2, y, 1, null);
        try (EpochPrefetcher ahead = new EpochPrefetcher(m, 5, new EpochBatches.Slots(2, 1), true);
             EpochPrefetcher inline = new EpochPrefetcher(m, 5, new EpochBatches.Slots(2, 1), false)) {
            for (int epoch = 3; epoch <= 6; epoch++) {
                int[] order = EpochPrefetcher.order(rows, 5, epoch);
                INDArray a = ahead.epoch(epoch, 6).features(0, rows).dup();
                INDArray b = inline.epoch(epoch, 6).features(0, rows).dup();
                assertThat(a.data().asFloat()).containsExactly(b.data().asFloat());
                for (int r = 0; r < rows; r++) {
                    assertThat(a.getFloat(r, 1)).isEqualTo(m.feature(order[r], 1));
                }
            }
            // Asked for an epoch other than the one gathered ahead (a resumed run): gathered there and then.
            assertThat(ahead.epoch(9, 9).targets(0, rows).toFloatVector())
                    .containsExactly(inline.epoch(9, 9).targets(0, rows).toFloatVector());
        }
        assertThat(EpochPrefetcher.order(rows, 5, 3)).isNotEqualTo(EpochPrefetcher.order(rows, 5, 4))
                .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void trainingWithAndWithoutPrefetchIsBitIdentical() {
        PreparedData data = TrainerTest.prepare(TestData.regression(dir, 300), "y");
        NetworkSpec net = NetworkSpec.of(DenseLayer.of(16, Activation.RELU), new DropoutLayer(null, 0.1),
                DenseLayer.of(8, Activation.RELU));
        TrainingSpec spec = new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, 0.01), 32, 5, 3,
                EarlyStoppingSpec.disabled(), CheckpointSpec.none());

        TrainingResult inline = new Trainer(null, null).prefetchEpochs(false).train(net, spec, data);
        TrainingResult ahead = new Trainer(null, null).prefetchEpochs(true).train(net, spec, data);

        assertThat(ahead.network().params().toFloatVector()).containsExactly(inline.network().params().toFloatVector());
        assertThat(ahead.history()).extracting(EpochRecord::trainLoss)
                .containsExactlyElementsOf(inline.history().stream().map(EpochRecord::trainLoss).toList());
    }
}
