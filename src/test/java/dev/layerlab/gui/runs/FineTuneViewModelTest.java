package dev.layerlab.gui.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FineTuneViewModelTest {
    private final FineTuneViewModel vm = new FineTuneViewModel("run-1", Path.of("/data/houses.csv"), 30, 0.001);

    @Test
    void startsFromTheModelsDataAndEpochsAndKeepsItsLearningRate() {
        assertThat(vm.dataProperty().get()).isEqualTo(Path.of("/data/houses.csv").toString());
        assertThat(vm.epochsProperty().get()).isEqualTo("30");
        assertThat(vm.learningRateProperty().get()).isEmpty();
        assertThat(vm.modelLearningRate()).isEqualTo("0.001");
        assertThat(vm.validProperty().get()).isTrue();
        FineTuneRequest request = vm.toRequest();
        assertThat(request.learningRate()).isNull();
        assertThat(request.epochs()).isEqualTo(30);
        assertThat(request.refit()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"'',whole number", "0,from 1", "-3,from 1", "2.5,whole number", "abc,whole number"})
    void badEpochsAreNamedBesideTheField(String text, String message) {
        vm.epochsProperty().set(text);
        assertThat(vm.epochsErrorProperty().get()).contains(message);
        assertThat(vm.validProperty().get()).isFalse();
        assertThatThrownBy(vm::toRequest).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @CsvSource({"0,positive", "-1,positive", "fast,a number", "NaN,positive"})
    void badLearningRatesAreNamedBesideTheField(String text, String message) {
        vm.learningRateProperty().set(text);
        assertThat(vm.learningRateErrorProperty().get()).contains(message);
        assertThat(vm.validProperty().get()).isFalse();
    }

    @Test
    void anEmptyDataFieldIsRefusedAndAGoodRequestCarriesEverything() {
        vm.dataProperty().set("  ");
        assertThat(vm.dataErrorProperty().get()).contains("Choose the CSV");
        assertThat(vm.validProperty().get()).isFalse();
        vm.dataProperty().set("/data/new.csv");
        vm.epochsProperty().set(" 5 ");
        vm.learningRateProperty().set("1e-4");
        vm.refitProperty().set(true);
        assertThat(vm.toRequest()).isEqualTo(new FineTuneRequest(Path.of("/data/new.csv"), 5, 1e-4, true));
    }
}
