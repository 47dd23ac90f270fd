package dev.layerlab.gui;

import dev.layerlab.gui.task.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class WorkbenchViewModelTest {
    @TempDir
    Path tmp;

    @Test
    void titleNamesTheExperimentAndMarksUnsavedChanges() {
        WorkbenchViewModel vm = new WorkbenchViewModel(new CurrentThreadTaskExecutor(), WorkbenchServices.forTests(tmp));
        assertThat(vm.titleProperty().get()).startsWith("LayerLab").contains("Untitled");
        vm.experimentNameProperty().set("housing");
        vm.dirtyProperty().set(true);
        assertThat(vm.titleProperty().get()).isEqualTo("LayerLab — housing *");
    }
}
