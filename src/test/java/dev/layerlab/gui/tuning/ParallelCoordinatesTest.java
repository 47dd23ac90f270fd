package dev.layerlab.gui.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.experiment.SearchSpace;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelCoordinatesTest {
    @Test
    void numericAxesAreLabelledWithTheirLowestAndHighestValue() {
        List<ParallelCoordinates.Tick> ticks = ParallelCoordinates.ticks(Arrays.asList(64, 16, null, 256));
        assertThat(ticks).containsExactly(new ParallelCoordinates.Tick(0, "16"), new ParallelCoordinates.Tick(1, "256"));
        // 16..256 spans 16x: linear; 1e-4..1e-2 spans 100x: log, so 1e-3 sits in the middle
        double[] log = ParallelCoordinates.scale(List.of(1e-4, 1e-3, 1e-2));
        assertThat(log[1]).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(ParallelCoordinates.ticks(List.of(3, 3))).containsExactly(new ParallelCoordinates.Tick(0.5, "3"));
    }

    @Test
    void categoricalAxesLabelEachCategoryOnce() {
        List<ParallelCoordinates.Tick> ticks = ParallelCoordinates.ticks(List.of("adam", "sgd", "adam", "rmsprop"));
        assertThat(ticks).extracting(ParallelCoordinates.Tick::text).containsExactly("adam", "sgd", "rmsprop");
        assertThat(ticks).extracting(ParallelCoordinates.Tick::position).containsExactly(0.0, 0.5, 1.0);
    }

    @Test
    void parametersHaveReadableNames() {
        assertThat(TuningView.displayName(SearchSpace.LEARNING_RATE)).isEqualTo("learning rate");
        assertThat(TuningView.displayName(SearchSpace.UNITS)).isEqualTo("units per layer");
        assertThat(TuningView.displayName("training.somethingNew")).isEqualTo("somethingNew");
    }
}
