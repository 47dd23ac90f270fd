package dev.layerlab.gui.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.experiment.SearchSpace;
import org.junit.jupiter.api.Test;

/** The Tuning screen has no field for the pruning grace: a loaded experiment's value is kept when the space is saved. */
class PruningGraceKeptTest {
    @Test
    void aLoadedGraceSurvivesTheEditor() {
        TuningViewModel vm = new TuningViewModel();
        vm.loadSpace(SearchSpace.defaults().withPruningGrace(0.4));
        assertThat(vm.toSearchSpace().pruningGrace()).isEqualTo(0.4);
        vm.loadSpace(SearchSpace.defaults());
        assertThat(vm.toSearchSpace().pruningGrace()).isNull();
    }
}
