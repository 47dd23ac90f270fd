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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/** Ops run on reused contexts exactly as on new ones: nothing one op sets leaks into the next. */
class ReusableOpContextsTest {
    @TempDir
    static Path dir;
    static PreparedData data;

    @BeforeAll
    static void load() {
        NativeRuntime.init();
        Path csv = TestData.regression(dir, 400);
        data = DataPipeline.prepare(new DataSpec(csv.toString(), null, null, "y", TaskChoice.AUTO, Map.of(),
                new SplitSpec(0.7, 0.15, 0.15, 3, true), null), dir);
    }

    @AfterEach
    void reuseAgain() {
        ReusableOpContexts.reuse(true);
    }

    @Test
    void theEngineRunsOnReusedContexts() throws Exception {
        assertThat(Nd4jPatches.installed().reuseOpContexts()).isTrue();
        OpContext first = Nd4j.getExecutioner().buildContext();
        first.close();
        OpContext second = Nd4j.getExecutioner().buildContext();
        assertThat(second).isSameAs(first); // the closed one came back, cleared
        assertThat(second.numInputArguments()).isZero();
        assertThat(second.numIArguments()).isZero();
        second.close();
    }

    @Test
    void anOpWithoutArgumentsAfterOneWithThemSeesNone() {
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}});
        for (int round = 0; round < 3; round++) {
            // reduce_sum reads dimensions from its integer arguments when it has any, else sums everything:
            // a left-over {0} from the first op would make the second a column sum.
            INDArray columns = Nd4j.exec(org.nd4j.linalg.api.ops.DynamicCustomOp.builder("reduce_sum")
                    .addInputs(x).addIntegerArguments(0).build())[0];
            INDArray all = Nd4j.exec(org.nd4j.linalg.api.ops.DynamicCustomOp.builder("reduce_sum")
                    .addInputs(x).build())[0];
            assertThat(columns.toFloatVector()).containsExactly(5f, 7f, 9f);
            assertThat(all.length()).isEqualTo(1);
            assertThat(all.getFloat(0)).isEqualTo(21f);
        }
    }

    @Test
    void trainingIsBitIdenticalWithAndWithoutReuse() {
        NetworkSpec dropoutAndRegularization = NetworkSpec.of(new DenseLayer(null, 16, Activation.RELU, null, 0.0, 1e-4, 1e-3),
                new DropoutLayer(null, 0.1), new DenseLayer(null, 8, Activation.TANH, null, 0.1, 0.0, 1e-2));
        NetworkSpec batchNorm = NetworkSpec.of(DenseLayer.of(12, Activation.RELU), BatchNormLayer.of(),
                DenseLayer.of(6, Activation.ELU));
        NetworkSpec graph = NetworkTemplates.forData("wide-deep-aux", data.preprocessing().inputColumns());
        for (NetworkSpec net : new NetworkSpec[] {dropoutAndRegularization, batchNorm, graph}) {
            for (OptimizerKind kind : OptimizerKind.values()) {
                TrainingSpec spec = new TrainingSpec(OptimizerSpec.of(kind, kind.usualLearningRate()), 32, 2, 17,
                        EarlyStoppingSpec.disabled(), CheckpointSpec.none());
                ReusableOpContexts.reuse(false);
                TrainingResult fresh = new Trainer(null, null).train(net, spec, data);
                ReusableOpContexts.reuse(true);
                TrainingResult reused = new Trainer(null, null).train(net, spec, data);

                assertThat(reused.network().params().toFloatVector()).as("%s", kind)
                        .containsExactly(fresh.network().params().toFloatVector());
                for (int e = 0; e < fresh.history().size(); e++) {
                    assertThat(reused.history().get(e).trainLoss()).isEqualTo(fresh.history().get(e).trainLoss());
                    assertThat(reused.history().get(e).valLoss()).isEqualTo(fresh.history().get(e).valLoss());
                }
            }
        }
    }
}
