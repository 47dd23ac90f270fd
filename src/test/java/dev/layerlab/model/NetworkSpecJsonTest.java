package dev.layerlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.TaskType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NetworkSpecJsonTest {

    private static NetworkSpec everyLayerType() {
        return new NetworkSpec(List.of(
                new DenseLayer("hidden", 64, Activation.ELU, Initializer.LECUN_UNIFORM, 0.1, 1e-5, 1e-4),
                new DropoutLayer(null, 0.25),
                BatchNormLayer.of(),
                ActivationLayer.of(Activation.PRELU),
                DenseLayer.of(8, Activation.GELU)),
                new OutputSpec(Activation.SIGMOID, Loss.HUBER, Initializer.ZEROS, 0.5, 0.25));
    }

    @Test
    void roundTripsEveryLayerType() {
        NetworkSpec spec = everyLayerType();
        assertThat(NetworkSpec.fromJson(spec.toJson())).isEqualTo(spec);
    }

    @Test
    void usesStableTypeIdsAndLowerCaseEnums() {
        String json = everyLayerType().toJson();
        assertThat(json).contains("\"type\" : \"dense\"", "\"type\" : \"dropout\"", "\"type\" : \"batchnorm\"",
                "\"type\" : \"activation\"", "\"activation\" : \"elu\"", "\"weightInit\" : \"lecun_uniform\"",
                "\"loss\" : \"huber\"", "\"activation\" : \"prelu\"");
    }

    @Test
    void loadsHandWrittenJsonWithDefaults() {
        NetworkSpec spec = NetworkSpec.fromJson(
                "{\"layers\":[{\"type\":\"dense\",\"units\":64,\"activation\":\"relu\"}],\"output\":{}}");
        assertThat(spec.layers()).containsExactly(
                new DenseLayer("dense", 64, Activation.RELU, Initializer.GLOROT_UNIFORM, 0, 0, 0));
        assertThat(spec.output()).isEqualTo(OutputSpec.auto());
        assertThat(spec.resolvedLoss(TaskType.MULTICLASS_CLASSIFICATION)).isEqualTo(Loss.CATEGORICAL_CROSSENTROPY);
    }

    @Test
    void toleratesMissingAndUnknownFieldsAndAliases() {
        NetworkSpec spec = NetworkSpec.fromJson("""
                {"layers":[{"type":"dense","units":4,"futureField":true},
                           {"type":"activation","activation":"linear"},
                           {"type":"batchnorm"}],
                 "comment":"ignored"}""");
        assertThat(spec.layers()).containsExactly(
                new DenseLayer("dense", 4, Activation.RELU, Initializer.GLOROT_UNIFORM, 0, 0, 0),
                new ActivationLayer("activation", Activation.IDENTITY),
                new BatchNormLayer("batch_normalization"));
        assertThat(spec.output()).isEqualTo(OutputSpec.auto());
        assertThat(NetworkSpec.fromJson("{}")).isEqualTo(new NetworkSpec(List.of(), OutputSpec.auto()));
    }

    @Test
    void rejectsBadJsonWithReadableMessage() {
        assertThatThrownBy(() -> NetworkSpec.fromJson("{\"layers\":[{\"type\":\"conv\"}]}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("conv");
        assertThatThrownBy(() -> NetworkSpec.fromJson(
                "{\"layers\":[{\"type\":\"dense\",\"units\":3,\"activation\":\"relu7\"}]}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown activation 'relu7'");
        assertThatThrownBy(() -> NetworkSpec.fromJson("not json"))
                .isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationsSerializeLowerCase(Activation a) {
        NetworkSpec spec = NetworkSpec.of(ActivationLayer.of(a));
        assertThat(spec.toJson()).contains("\"" + a.name().toLowerCase() + "\"");
        assertThat(NetworkSpec.fromJson(spec.toJson())).isEqualTo(spec);
    }

    @ParameterizedTest
    @EnumSource(Initializer.class)
    void initializersRoundTrip(Initializer i) {
        NetworkSpec spec = NetworkSpec.of(DenseLayer.of(3, Activation.RELU).withWeightInit(i));
        assertThat(NetworkSpec.fromJson(spec.toJson())).isEqualTo(spec);
    }

    @Test
    void autoNamesLikeKerasAndKeepsGivenNames() {
        NetworkSpec spec = NetworkSpec.of(
                DenseLayer.of(8, Activation.RELU),
                DropoutLayer.of(0.1),
                DenseLayer.of(8, Activation.RELU).withName("dense_1"),
                DenseLayer.of(8, Activation.RELU),
                DropoutLayer.of(0.1));
        assertThat(spec.layers()).extracting(LayerSpec::name)
                .containsExactly("dense", "dropout", "dense_1", "dense_2", "dropout_1");
    }

    @Test
    void layersAreImmutable() {
        NetworkSpec spec = NetworkSpec.of(DenseLayer.of(8, Activation.RELU));
        assertThatThrownBy(() -> spec.layers().add(BatchNormLayer.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(spec.withLayerAdded(BatchNormLayer.of()).layers()).hasSize(2);
        assertThat(spec.layers()).hasSize(1);
    }
}
