package dev.layerlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.TaskType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkTemplatesTest {

    @ParameterizedTest(name = "{0} inputs -> {1}")
    @CsvSource({
            "1, 16, 16 8",
            "5, 16, 16 8",
            "12, 32, 32 16 8",  // 24 is halfway between 16 and 32: ties go up
            "13, 32, 32 16 8",
            "60, 128, 128 64 32",
            "100, 256, 256 128 64",
            "300, 512, 512 256 128",
            "5000, 512, 512 256 128"})
    void suggestFollowsTheSizingRule(int inputs, int first, String allUnits) {
        NetworkSpec spec = NetworkTemplates.suggest(inputs, TaskType.REGRESSION);
        assertThat(NetworkTemplates.firstLayerUnits(inputs)).isEqualTo(first);
        assertThat(spec.layers()).allSatisfy(l -> {
            DenseLayer d = (DenseLayer) l;
            assertThat(d.activation()).isEqualTo(Activation.RELU);
            assertThat(d.weightInit()).isEqualTo(Initializer.HE_NORMAL);
        });
        assertThat(spec.layers()).extracting(l -> String.valueOf(((DenseLayer) l).units()))
                .containsExactly(allUnits.split(" "));
        assertThat(spec.output()).isEqualTo(OutputSpec.auto());
    }

    @Test
    void suggestRejectsNoInputs() {
        assertThatThrownBy(() -> NetworkTemplates.suggest(0, TaskType.REGRESSION))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void namedTemplatesExist() {
        assertThat(NetworkTemplates.templates()).containsKeys("mlp-small", "mlp-regularized", "mlp-batchnorm");
        assertThat(NetworkTemplates.templates().get("mlp-regularized").layers())
                .hasAtLeastOneElementOfType(DropoutLayer.class)
                .anySatisfy(l -> assertThat(l).isInstanceOfSatisfying(DenseLayer.class,
                        d -> assertThat(d.l2()).isPositive()));
        assertThat(NetworkTemplates.templates().get("mlp-batchnorm").layers())
                .hasAtLeastOneElementOfType(BatchNormLayer.class);
    }
}
