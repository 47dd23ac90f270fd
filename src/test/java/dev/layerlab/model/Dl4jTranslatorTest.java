package dev.layerlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.TaskType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitLecunUniform;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

class Dl4jTranslatorTest {

    static final NetworkSpec MIXED = NetworkSpec.of(
            new DenseLayer(null, 16, Activation.ELU, Initializer.LECUN_UNIFORM, 0.5, 0.001, 0.01),
            DropoutLayer.of(0.25),
            DenseLayer.of(8, Activation.IDENTITY).withWeightInit(Initializer.HE_NORMAL),
            BatchNormLayer.of(),
            ActivationLayer.of(Activation.TANH));

    private static MultiLayerNetwork build(NetworkSpec spec, NetworkShape shape) {
        MultiLayerNetwork net = new MultiLayerNetwork(
                Dl4jTranslator.toConfiguration(spec, shape, new Adam(1e-3), 42));
        net.init();
        return net;
    }

    private static INDArray input(int rows, int cols) {
        return Nd4j.rand(DataType.FLOAT, rows, cols);
    }

    @Test
    void mixedNetworkInitsAndPredictsTheRightShape() {
        NetworkShape shape = new NetworkShape(5, 3, TaskType.MULTICLASS_CLASSIFICATION);
        MultiLayerNetwork net = build(MIXED, shape);
        INDArray out = net.output(input(4, 5));
        assertThat(out.shape()).containsExactly(4, 3);
        assertThat(out.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(out.sum(1).getDouble(0)).isCloseTo(1.0, within(1e-4)); // softmax rows
    }

    @Test
    void settingsReachTheDl4jLayerConfigs() {
        MultiLayerConfiguration conf = Dl4jTranslator.toConfiguration(MIXED,
                new NetworkShape(5, 3, TaskType.MULTICLASS_CLASSIFICATION), new Adam(1e-3), 7);
        List<Layer> layers = conf.getConfs().stream().map(c -> c.getLayer()).toList();
        assertThat(layers).extracting(Layer::getLayerName)
                .containsExactly("dense", "dropout", "dense_1", "batch_normalization", "activation", "output");

        org.deeplearning4j.nn.conf.layers.DenseLayer first = (org.deeplearning4j.nn.conf.layers.DenseLayer) layers.get(0);
        assertThat(first.getNIn()).isEqualTo(5);
        assertThat(first.getNOut()).isEqualTo(16);
        assertThat(first.getActivationFn()).isInstanceOf(ActivationELU.class);
        assertThat(first.getWeightInitFn()).isInstanceOf(WeightInitLecunUniform.class);
        assertThat(first.getBiasInit()).isEqualTo(0.5);
        assertThat(first.getRegularization()).anySatisfy(r -> assertThat(r)
                .isInstanceOfSatisfying(L1Regularization.class, l1 -> assertThat(l1.getL1().valueAt(0, 0)).isEqualTo(0.001)));
        // Keras l2 = 0.01 means DL4J's coefficient 0.02 (DL4J halves it).
        assertThat(first.getRegularization()).anySatisfy(r -> assertThat(r)
                .isInstanceOfSatisfying(L2Regularization.class, l2 -> assertThat(l2.getL2().valueAt(0, 0)).isEqualTo(0.02)));

        // Keras rate 0.25 dropped = DL4J retain probability 0.75.
        Layer dropout = layers.get(1);
        assertThat(dropout.getIDropout()).isInstanceOfSatisfying(Dropout.class, d -> assertThat(d.getP()).isEqualTo(0.75));

        BaseLayer second = (BaseLayer) layers.get(2);
        assertThat(second.getActivationFn()).isInstanceOf(ActivationIdentity.class);
        assertThat(second.getWeightInitFn()).isInstanceOf(WeightInitRelu.class);
        assertThat(second.getRegularization()).isEmpty();

        assertThat(layers.get(3)).isInstanceOf(BatchNormalization.class);
        assertThat(((org.deeplearning4j.nn.conf.layers.ActivationLayer) layers.get(4)).getActivationFn())
                .isInstanceOf(ActivationTanH.class);

        OutputLayer output = (OutputLayer) layers.get(5);
        assertThat(output.getNOut()).isEqualTo(3);
        assertThat(output.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
        assertThat(output.getLossFn()).isInstanceOf(LossMCXENT.class);
        assertThat(output.getWeightInitFn()).isInstanceOf(WeightInitXavierUniform.class);
        assertThat(conf.getDataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void outputFollowsTheTaskAndOverrides() {
        NetworkSpec spec = NetworkSpec.of(DenseLayer.of(4, Activation.RELU));
        assertThat(outputLayer(spec, new NetworkShape(3, 1, TaskType.REGRESSION)))
                .satisfies(o -> assertThat(o.getLossFn()).isInstanceOf(LossMSE.class))
                .satisfies(o -> assertThat(o.getActivationFn()).isInstanceOf(ActivationIdentity.class));
        assertThat(outputLayer(spec, new NetworkShape(3, 1, TaskType.BINARY_CLASSIFICATION)))
                .satisfies(o -> assertThat(o.getLossFn()).isInstanceOf(LossBinaryXENT.class))
                .satisfies(o -> assertThat(o.getActivationFn()).isInstanceOf(ActivationSigmoid.class));
        OutputSpec overridden = OutputSpec.auto().withLoss(Loss.MAE).withWeightInit(Initializer.GLOROT_NORMAL);
        assertThat(outputLayer(spec.withOutput(overridden), new NetworkShape(3, 2, TaskType.REGRESSION)))
                .satisfies(o -> assertThat(o.getLossFn()).isInstanceOf(LossMAE.class))
                .satisfies(o -> assertThat(o.getWeightInitFn()).isInstanceOf(WeightInitXavier.class))
                .satisfies(o -> assertThat(o.getNOut()).isEqualTo(2));
        assertThat(outputLayer(spec.withOutput(OutputSpec.auto().withLoss(Loss.HUBER)),
                new NetworkShape(3, 1, TaskType.REGRESSION)).getLossFn()).isInstanceOf(HuberLoss.class);
    }

    private static OutputLayer outputLayer(NetworkSpec spec, NetworkShape shape) {
        MultiLayerConfiguration conf = Dl4jTranslator.toConfiguration(spec, shape, new Adam(), 1);
        return (OutputLayer) conf.getConf(conf.getConfs().size() - 1).getLayer();
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationTranslatesAndRuns(Activation activation) {
        NetworkSpec spec = NetworkSpec.of(DenseLayer.of(6, activation), ActivationLayer.of(activation));
        MultiLayerNetwork net = build(spec, new NetworkShape(3, 1, TaskType.REGRESSION));
        assertThat(net.output(input(2, 3)).shape()).containsExactly(2, 1);
        assertThat(net.numParams()).isEqualTo(ModelSummary.of(spec, new NetworkShape(3, 1, TaskType.REGRESSION)).totalParams());
    }

    @Test
    void preluBecomesAPReLULayerAfterTheDense() {
        NetworkSpec spec = NetworkSpec.of(DenseLayer.of(6, Activation.PRELU));
        MultiLayerConfiguration conf = Dl4jTranslator.toConfiguration(spec,
                new NetworkShape(3, 1, TaskType.REGRESSION), new Adam(), 1);
        assertThat(conf.getConf(0).getLayer()).isInstanceOfSatisfying(BaseLayer.class,
                d -> assertThat(d.getActivationFn()).isInstanceOf(ActivationIdentity.class));
        assertThat(conf.getConf(1).getLayer()).isInstanceOf(PReLULayer.class);
        assertThat(conf.getConf(1).getLayer().getLayerName()).isEqualTo("dense_prelu");
    }

    @ParameterizedTest
    @EnumSource(Initializer.class)
    void everyInitializerTranslates(Initializer init) {
        NetworkSpec spec = NetworkSpec.of(DenseLayer.of(4, Activation.RELU).withWeightInit(init));
        MultiLayerNetwork net = build(spec, new NetworkShape(3, 1, TaskType.REGRESSION));
        if (init == Initializer.ZEROS) {
            assertThat(net.getLayer(0).getParam("W").sumNumber().doubleValue()).isZero();
        } else {
            assertThat(net.getLayer(0).getParam("W").amaxNumber().doubleValue()).isPositive();
        }
    }

    @Test
    void zeroDropoutRateMeansNoDropout() {
        MultiLayerConfiguration conf = Dl4jTranslator.toConfiguration(NetworkSpec.of(DropoutLayer.of(0.0)),
                new NetworkShape(3, 1, TaskType.REGRESSION), new Adam(), 1);
        assertThat(conf.getConf(0).getLayer().getIDropout()).isNull();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertThat(net.output(input(2, 3)).shape()).containsExactly(2, 1);
    }

    @Test
    void publicMappingExposesDl4jActivations() {
        assertThat(Dl4jTranslator.toDl4j(Activation.RELU).getActivationFunction()).isInstanceOf(ActivationReLU.class);
    }

    @Test
    void invalidSpecsAreRefused() {
        assertThatThrownBy(() -> Dl4jTranslator.toConfiguration(NetworkSpec.of(DropoutLayer.of(1.0)),
                new NetworkShape(3, 1, TaskType.REGRESSION), new Adam(), 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dropout rate must be below 1");
    }

    @Test
    void trainsAndReloadsWithPlainModelSerializer() throws Exception {
        NetworkSpec spec = NetworkSpec.of(DenseLayer.of(8, Activation.PRELU), DropoutLayer.of(0.1),
                BatchNormLayer.of(), DenseLayer.of(4, Activation.SWISH))
                .withOutput(OutputSpec.auto().withLoss(Loss.HUBER));
        NetworkShape shape = new NetworkShape(3, 1, TaskType.REGRESSION);
        MultiLayerNetwork net = build(spec, shape);
        DataSet data = new DataSet(input(16, 3), input(16, 1));
        double before = net.score(data);
        for (int i = 0; i < 30; i++) {
            net.fit(data);
        }
        assertThat(net.score(data)).isLessThan(before);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(bytes.toByteArray()), true);
        INDArray x = input(5, 3);
        assertThat(restored.output(x)).isEqualTo(net.output(x));
        assertThat(restored.getLayerWiseConfigurations().getConf(3).getLayer().getLayerName()).isEqualTo("batch_normalization");
    }
}
