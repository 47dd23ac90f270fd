package dev.layerlab.training.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.NetworkTemplates;
import dev.layerlab.training.CheckpointSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.TrainableNetwork;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.training.TrainingSpec;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** DL4J's updater on its standard path trains exactly as on the path it takes by itself. */
class DirectUpdatersTest {
    @TempDir
    static Path dir;
    static PreparedData data;

    @BeforeAll
    static void load() {
        Path csv = TestData.regression(dir, 400);
        data = DataPipeline.prepare(new DataSpec(csv.toString(), null, null, "y", TaskChoice.AUTO, Map.of(),
                new SplitSpec(0.7, 0.15, 0.15, 3, true), null), dir);
    }

    static TrainingSpec spec() {
        return new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, 0.01), 32, 4, 11,
                EarlyStoppingSpec.disabled(), CheckpointSpec.none()); // 280 train rows: last batch partial
    }

    @Test
    void sequentialNetworkWithRegularizationAndDropoutTrainsBitIdentically() {
        // L1 and L2 go through the updater's regularization step, which the two paths reach differently.
        NetworkSpec net = NetworkSpec.of(new DenseLayer(null, 16, Activation.RELU, null, 0.0, 1e-4, 1e-3),
                new DropoutLayer(null, 0.1), new DenseLayer(null, 8, Activation.TANH, null, 0.1, 0.0, 1e-2));
        assertBitIdentical(net);
    }

    @Test
    void batchNormWithEveryOptimizerTrainsBitIdentically() {
        // Batch norm's running mean and variance ride in the gradient vector but are not divided by the batch
        // size: the mini-batch division subsets, which the two paths build differently, must leave them out.
        NetworkSpec net = NetworkSpec.of(DenseLayer.of(12, Activation.RELU), dev.layerlab.model.BatchNormLayer.of(),
                DenseLayer.of(6, Activation.RELU));
        for (OptimizerKind kind : OptimizerKind.values()) {
            TrainingSpec spec = new TrainingSpec(OptimizerSpec.of(kind, kind.usualLearningRate()), 32, 2, 13,
                    EarlyStoppingSpec.disabled(), CheckpointSpec.none());
            assertBitIdentical(net, spec);
        }
    }

    @Test
    void graphWithTwoOutputsTrainsBitIdentically() {
        assertBitIdentical(NetworkTemplates.forData("wide-deep-aux", data.preprocessing().inputColumns()));
    }

    private static void assertBitIdentical(NetworkSpec net) {
        assertBitIdentical(net, spec());
    }

    private static void assertBitIdentical(NetworkSpec net, TrainingSpec spec) {
        TrainingResult dl4j = new Trainer(null, null).directUpdater(false).train(net, spec, data);
        TrainingResult direct = new Trainer(null, null).directUpdater(true).train(net, spec, data);

        assertThat(DirectUpdaters.installed(dl4j.network().dl4j())).isFalse();
        assertThat(DirectUpdaters.installed(direct.network().dl4j())).isTrue();
        assertThat(direct.network().params().toFloatVector()).containsExactly(dl4j.network().params().toFloatVector());
        for (int e = 0; e < dl4j.history().size(); e++) {
            assertThat(direct.history().get(e).trainLoss()).as("%s epoch %d", spec.optimizer().kind(), e)
                    .isEqualTo(dl4j.history().get(e).trainLoss());
            assertThat(direct.history().get(e).valLoss()).isEqualTo(dl4j.history().get(e).valLoss());
        }
    }

    @Test
    void aStepsOwnGradientIsAnsweredWithTheUpdatersViewAndAForeignOneIsLeftAlone() {
        TrainableNetwork trained = new Trainer(null, null).train(NetworkSpec.of(DenseLayer.of(4, Activation.RELU)),
                spec().withEpochs(1), data).network();
        MultiLayerNetwork net = (MultiLayerNetwork) trained.dl4j();
        var x = Nd4j.create(data.train().features(), new long[] {data.train().rows(), data.train().featureCount()},
                org.nd4j.linalg.api.buffer.DataType.FLOAT);
        var y = Nd4j.create(data.train().targets(), new long[] {data.train().rows(), data.train().targetWidth()},
                org.nd4j.linalg.api.buffer.DataType.FLOAT);
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        Gradient own = net.gradient();
        var view = ((BaseMultiLayerUpdater<?>) net.getUpdater()).getFlattenedGradientsView();

        assertThat(own.gradient()).isNotSameAs(view); // DL4J's reshape: a new object every call
        assertThat(DirectUpdaters.onOwnView(own, view).gradient()).isSameAs(view);
        assertThat(DirectUpdaters.onOwnView(own, view).gradientForVariable()).isSameAs(own.gradientForVariable());

        Gradient foreign = new org.deeplearning4j.nn.gradient.DefaultGradient(view.dup());
        assertThat(DirectUpdaters.onOwnView(foreign, view)).isSameAs(foreign);
    }
}
