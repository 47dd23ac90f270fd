package dev.layerlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.TaskType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkValidatorTest {

    private static final NetworkShape REGRESSION = new NetworkShape(5, 1, TaskType.REGRESSION);
    private static final NetworkShape BINARY = new NetworkShape(5, 1, TaskType.BINARY_CLASSIFICATION);
    private static final NetworkShape MULTI = new NetworkShape(5, 3, TaskType.MULTICLASS_CLASSIFICATION);

    private static NetworkSpec hidden(LayerSpec... extra) {
        LayerSpec[] layers = new LayerSpec[extra.length + 2];
        layers[0] = DenseLayer.of(8, Activation.RELU);
        layers[1] = DenseLayer.of(8, Activation.RELU);
        System.arraycopy(extra, 0, layers, 2, extra.length);
        return NetworkSpec.of(layers);
    }

    static Stream<Arguments> badSpecs() {
        NetworkSpec ok = hidden();
        return Stream.of(
                Arguments.of(hidden(DenseLayer.of(0, Activation.RELU)), REGRESSION,
                        "layer 3 'dense_2': a dense layer needs at least 1 unit, got 0"),
                Arguments.of(hidden(DenseLayer.of(-4, Activation.RELU)), REGRESSION,
                        "layer 3 'dense_2': a dense layer needs at least 1 unit, got -4"),
                Arguments.of(hidden(DropoutLayer.of(1.0)), REGRESSION,
                        "layer 3 'dropout': dropout rate must be below 1: 1.0 drops every unit"),
                Arguments.of(hidden(DropoutLayer.of(-0.1)), REGRESSION,
                        "layer 3 'dropout': dropout rate must be 0 or more, got -0.1"),
                Arguments.of(hidden(DenseLayer.of(4, Activation.RELU).withRegularization(-1, 0)), REGRESSION,
                        "layer 3 'dense_2': L1 penalty must be 0 or a positive number, got -1.0"),
                Arguments.of(hidden(DenseLayer.of(4, Activation.RELU).withRegularization(0, -0.5)), REGRESSION,
                        "layer 3 'dense_2': L2 penalty must be 0 or a positive number, got -0.5"),
                Arguments.of(hidden(DenseLayer.of(4, Activation.RELU).withBiasInit(Double.NaN)), REGRESSION,
                        "layer 3 'dense_2': the initial bias must be a finite number, got NaN"),
                Arguments.of(hidden(ActivationLayer.of(null)), REGRESSION,
                        "layer 3 'activation': choose an activation function"),
                // Auto-names avoid given names, so only two given names can clash.
                Arguments.of(hidden(DenseLayer.of(4, Activation.RELU).withName("wide"),
                                DenseLayer.of(4, Activation.RELU).withName("wide")), REGRESSION,
                        "layer 4 'wide': the name 'wide' is already used by layer 3: layer names must be unique"),
                Arguments.of(hidden(BatchNormLayer.of().withName("output")), REGRESSION,
                        "layer 3 'output': the name 'output' is reserved for the output layer"),
                Arguments.of(ok.withOutput(OutputSpec.auto().withActivation(Activation.SOFTMAX)), REGRESSION,
                        "output layer: softmax output squashes predictions into (0, 1) and does not suit a"
                                + " regression task: use identity"),
                Arguments.of(ok.withOutput(OutputSpec.auto().withActivation(Activation.SIGMOID)), REGRESSION,
                        "output layer: sigmoid output squashes predictions into (0, 1) and does not suit a"
                                + " regression task: use identity"),
                Arguments.of(ok.withOutput(OutputSpec.auto().withActivation(Activation.IDENTITY)), BINARY,
                        "output layer: identity output cannot be used with binary_crossentropy loss, which needs"
                                + " probabilities: use sigmoid (binary) or softmax (multi-class)"),
                Arguments.of(ok.withOutput(OutputSpec.auto().withLoss(Loss.BINARY_CROSSENTROPY)), MULTI,
                        "output layer: binary_crossentropy needs exactly 1 output unit, but this task has 3:"
                                + " use categorical_crossentropy"),
                Arguments.of(ok.withOutput(OutputSpec.auto().withLoss(Loss.CATEGORICAL_CROSSENTROPY)), BINARY,
                        "output layer: categorical_crossentropy needs at least 2 output units: for a yes/no"
                                + " target use binary_crossentropy"),
                Arguments.of(ok.withOutput(OutputSpec.auto().withActivation(Activation.PRELU)), MULTI,
                        "output layer: prelu is not available on the output layer: choose another activation"),
                Arguments.of(ok.withOutput(OutputSpec.auto().withRegularization(0, -1)), MULTI,
                        "output layer: L2 penalty must be 0 or a positive number, got -1.0"),
                Arguments.of(ok, new NetworkShape(0, 1, TaskType.REGRESSION),
                        "the network has no input features: choose at least one input column"),
                Arguments.of(ok, new NetworkShape(4, 1, TaskType.MULTICLASS_CLASSIFICATION),
                        "multi-class classification needs at least 2 classes, got 1"),
                Arguments.of(ok, new NetworkShape(4, 2, TaskType.BINARY_CLASSIFICATION),
                        "binary classification uses exactly 1 output unit, got 2"));
    }

    @ParameterizedTest
    @MethodSource("badSpecs")
    void reportsEachProblemInPlainLanguage(NetworkSpec spec, NetworkShape shape, String expected) {
        assertThat(NetworkValidator.problems(spec, shape)).contains(expected);
    }

    @Test
    void regressionWithCrossEntropyIsRejected() {
        NetworkSpec spec = hidden().withOutput(OutputSpec.auto().withLoss(Loss.CATEGORICAL_CROSSENTROPY));
        assertThat(NetworkValidator.problems(spec, REGRESSION)).contains(
                "output layer: categorical_crossentropy loss is for classification, not regression:"
                        + " use mse, mae or huber");
    }

    @Test
    void sensibleSpecsHaveNoProblems() {
        for (NetworkShape shape : new NetworkShape[] {REGRESSION, BINARY, MULTI}) {
            assertThat(NetworkValidator.problems(hidden(DropoutLayer.of(0.0), BatchNormLayer.of()), shape)).isEmpty();
            for (NetworkSpec template : NetworkTemplates.templates().values()) {
                assertThat(NetworkValidator.problems(template, shape)).isEmpty();
            }
        }
        assertThat(NetworkValidator.problems(
                hidden().withOutput(OutputSpec.auto().withLoss(Loss.HUBER)), REGRESSION)).isEmpty();
    }

    @Test
    void requireValidJoinsAllProblems() {
        NetworkSpec spec = hidden(DenseLayer.of(0, Activation.RELU), DropoutLayer.of(1.0));
        assertThatThrownBy(() -> NetworkValidator.requireValid(spec, REGRESSION))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("layer 3 'dense_2': a dense layer needs at least 1 unit, got 0; "
                        + "layer 4 'dropout': dropout rate must be below 1: 1.0 drops every unit");
    }
}
