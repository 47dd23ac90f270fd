package dev.layerlab.training.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.model.Activation;
import dev.layerlab.model.BatchNormLayer;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.NetworkTemplates;
import dev.layerlab.training.CheckpointSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.training.TrainingSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The matrix products without ND4J's unused operand copies give exactly ND4J's results. */
class LeanLevel2Test {
    @TempDir
    static Path dir;

    @BeforeAll
    static void init() {
        NativeRuntime.init();
    }

    @AfterEach
    void leanAgain() {
        LeanLevel2.lean(true);
    }

    @Test
    void isWhatMatrixProductsUse() {
        assertThat(Nd4jPatches.installed().leanGemm()).isTrue();
        assertThat(Nd4j.getBlasWrapper().level2()).isInstanceOf(LeanLevel2.class);
    }

    @Test
    void matrixVectorProductsMatchNd4js() {
        Random random = new Random(3);
        for (char orderA : new char[] {'c', 'f'}) {
            for (char orderX : new char[] {'c', 'f'}) {
                for (char orderY : new char[] {'c', 'f'}) {
                    INDArray a = random(random, 6, 5).dup(orderA);
                    INDArray x = random(random, 5, 1).dup(orderX); // one column: mmuli takes the gemv path
                    LeanLevel2.lean(false);
                    INDArray expected = a.mmuli(x, Nd4j.create(DataType.FLOAT, new long[] {6, 1}, orderY));
                    LeanLevel2.lean(true);
                    INDArray actual = a.mmuli(x, Nd4j.create(DataType.FLOAT, new long[] {6, 1}, orderY));
                    assertThat(actual.toFloatMatrix()).as("" + orderA + orderX + orderY).isDeepEqualTo(expected.toFloatMatrix());
                    for (int i = 0; i < 6; i++) {
                        double sum = 0;
                        for (int k = 0; k < 5; k++) {
                            sum += a.getFloat(i, k) * x.getFloat(k, 0);
                        }
                        assertThat((double) actual.getFloat(i, 0)).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void trainingIsBitIdenticalWithAndWithoutTheCopy() {
        Path csv = TestData.regression(dir, 300);
        PreparedData data = DataPipeline.prepare(new DataSpec(csv.toString(), null, null, "y", TaskChoice.AUTO, Map.of(),
                new SplitSpec(0.7, 0.15, 0.15, 3, true), null), dir);
        NetworkSpec regularized = NetworkSpec.of(new DenseLayer(null, 16, Activation.RELU, null, 0.0, 1e-4, 1e-3),
                new DropoutLayer(null, 0.1), new DenseLayer(null, 8, Activation.TANH, null, 0.1, 0.0, 1e-2));
        NetworkSpec batchNorm = NetworkSpec.of(DenseLayer.of(12, Activation.RELU), BatchNormLayer.of(),
                DenseLayer.of(6, Activation.ELU));
        NetworkSpec graph = NetworkTemplates.forData("wide-deep-aux", data.preprocessing().inputColumns());
        for (NetworkSpec net : new NetworkSpec[] {regularized, batchNorm, graph}) {
            TrainingSpec spec = new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, 0.01), 32, 3, 11,
                    EarlyStoppingSpec.disabled(), CheckpointSpec.none());
            LeanLevel2.lean(false);
            TrainingResult nd4j = new Trainer(null, null).train(net, spec, data);
            LeanLevel2.lean(true);
            TrainingResult lean = new Trainer(null, null).train(net, spec, data);

            assertThat(lean.network().params().toFloatVector()).containsExactly(nd4j.network().params().toFloatVector());
            for (int e = 0; e < nd4j.history().size(); e++) {
                assertThat(lean.history().get(e).valLoss()).isEqualTo(nd4j.history().get(e).valLoss());
            }
        }
    }

    private static INDArray random(Random random, int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(v, new long[] {rows, cols}, DataType.FLOAT);
    }
}
