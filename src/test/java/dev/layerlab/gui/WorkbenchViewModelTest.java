package dev.layerlab.gui;

import dev.layerlab.gui.task.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
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

    @Test
    void experimentRoundTripsThroughJson() throws Exception {
        Path csv = tmp.resolve("d.csv");
        StringBuilder sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 50; i++) {
            sb.append(i).append(',').append(i % 5).append(',').append(i * 3).append('\n');
        }
        Files.writeString(csv, sb.toString());
        WorkbenchViewModel vm = new WorkbenchViewModel(new CurrentThreadTaskExecutor(), WorkbenchServices.forTests(tmp));
        vm.openCsv(csv);
        assertThat(vm.model().layers()).isNotEmpty();
        assertThat(vm.dirtyProperty().get()).as("opening a file is not an edit").isFalse();
        vm.model().epochsProperty().set(7);
        vm.model().add(dev.layerlab.gui.model.ModelViewModel.LayerKind.DROPOUT);
        vm.data().row("a").roleProperty().set(dev.layerlab.gui.data.ColumnRole.IGNORE);
        assertThat(vm.dirtyProperty().get()).isTrue();
        Path file = tmp.resolve("exp.json");
        vm.saveExperiment(file);
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(vm.experimentFileProperty().get()).isEqualTo(file);

        WorkbenchViewModel other = new WorkbenchViewModel(new CurrentThreadTaskExecutor(), WorkbenchServices.forTests(tmp));
        other.openExperiment(file);
        assertThat(other.model().epochsProperty().get()).isEqualTo(7);
        assertThat(other.model().layers()).hasSameSizeAs(vm.model().layers());
        assertThat(other.data().targetProperty().get()).isEqualTo("y");
        assertThat(other.data().row("a").roleProperty().get()).isEqualTo(dev.layerlab.gui.data.ColumnRole.IGNORE);
        assertThat(other.titleProperty().get()).contains("d");
    }

    @Test
    void tuningScreenRunsAStudyOnTheCurrentExperiment() throws Exception {
        Path csv = tmp.resolve("t.csv");
        StringBuilder sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 80; i++) {
            sb.append(i % 9).append(',').append(i % 5).append(',').append(2 * (i % 9) - (i % 5)).append('\n');
        }
        Files.writeString(csv, sb.toString());
        WorkbenchViewModel vm = new WorkbenchViewModel(new CurrentThreadTaskExecutor(), WorkbenchServices.forTests(tmp));
        vm.openCsv(csv);
        vm.screenProperty().set(Screen.TUNING);
        var tuning = vm.tuning();
        tuning.trialsProperty().set(2);
        tuning.maxEpochsProperty().set(2);
        tuning.parallelProperty().set(1);
        Path dir = vm.newStudyDir();
        tuning.start(dir);
        long end = System.currentTimeMillis() + 90_000;
        while (tuning.runningProperty().get() && System.currentTimeMillis() < end) {
            tuning.drain();
            Thread.sleep(50);
        }
        tuning.drain();
        assertThat(tuning.runningProperty().get()).isFalse();
        assertThat(tuning.finishedTrials()).hasSize(2);
        assertThat(dir).startsWith(tmp.resolve("workspace"));
    }
}
