package dev.layerlab.gui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import dev.layerlab.runs.RunSummary;
import dev.layerlab.runs.Workspace;
import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.gui.task.CurrentThreadTaskExecutor;
import dev.layerlab.model.NetworkTemplates;
import dev.layerlab.runs.SmallRuns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsViewModelTest {
    @TempDir
    Path tmp;

    private static Workspace.Run run(Path dir, String status, boolean checkpoint, boolean model, String parent) {
        return new Workspace.Run(dir, new RunSummary(dir.getFileName().toString(), "e", "regression", status, null, null,
                1, 3, 3, 10, "rmse", Map.of("validation", Map.of("rmse", 2.0)), parent), checkpoint, model);
    }

    @Test
    void resumeIsOfferedForStoppedAndInterruptedRunsWithACheckpointOnly() {
        Workspace ws = new Workspace(tmp);
        RunsViewModel vm = new RunsViewModel(ws, new CurrentThreadTaskExecutor(), new StatusModel());
        List<String> resumed = new ArrayList<>();
        vm.setActions(new RunsViewModel.Actions() {
            @Override
            public void resume(Workspace.Run run) {
                resumed.add(run.summary().name());
            }

            @Override
            public void fineTune(Workspace.Run run, FineTuneRequest request) {
            }
        });
        Path dir = ws.runsDir().resolve("r");
        record Case(String status, boolean checkpoint, boolean model, boolean resume, boolean fineTune) {
        }
        for (Case c : List.of(new Case("CANCELLED", true, true, true, true), new Case("INTERRUPTED", true, false, true, false),
                new Case("INTERRUPTED", false, false, false, false), new Case("COMPLETED", true, true, false, true),
                new Case("EARLY_STOPPED", true, true, false, true), new Case("DIVERGED", true, true, false, true),
                new Case("RUNNING", true, true, false, false))) {
            vm.selection().setAll(run(dir, c.status(), c.checkpoint(), c.model(), null));
            assertThat(vm.canResumeProperty().get()).as(c.toString()).isEqualTo(c.resume());
            assertThat(vm.canFineTuneProperty().get()).as(c.toString()).isEqualTo(c.fineTune());
        }
        vm.selection().setAll(run(dir, "CANCELLED", true, true, null));
        vm.trainingBusyProperty().set(true);
        assertThat(vm.canResumeProperty().get()).as("one run trains at a time").isFalse();
        vm.resumeSelected();
        assertThat(resumed).isEmpty();
        vm.trainingBusyProperty().set(false);
        vm.resumeSelected();
        assertThat(resumed).containsExactly("r");
        vm.selection().setAll(run(dir, "CANCELLED", true, true, null), run(ws.runsDir().resolve("s"), "CANCELLED", true, true, null));
        assertThat(vm.selectedProperty().get()).as("several selected: no single run to act on").isNull();
        assertThat(vm.canResumeProperty().get()).isFalse();
    }

    @Test
    void aFineTunedRunNamesItsParentRun() {
        Workspace ws = new Workspace(tmp);
        RunsViewModel vm = new RunsViewModel(ws, new CurrentThreadTaskExecutor(), new StatusModel());
        Path parent = ws.runsDir().resolve("20260101-120000-houses").resolve(Workspace.MODEL_FILE);
        vm.selection().setAll(run(ws.runsDir().resolve("child"), "COMPLETED", true, true, parent.toString()));
        assertThat(vm.lineageProperty().get()).isEqualTo("Fine-tuned from 20260101-120000-houses");
        assertThat(vm.detailsProperty().get()).contains("child").contains("completed").contains("validation rmse 2");
        vm.selection().setAll(run(ws.runsDir().resolve("child"), "COMPLETED", true, true, "/elsewhere/model.zip"));
        assertThat(vm.lineageProperty().get()).isEqualTo("Fine-tuned from " + Path.of("/elsewhere/model.zip"));
        vm.selection().setAll(run(ws.runsDir().resolve("plain"), "COMPLETED", true, true, null));
        assertThat(vm.lineageProperty().get()).isEmpty();
    }

    @Test
    void theOverlayHasOneCurvePerRunAndOptionallyOnePerOutput() throws Exception {
        Path csv = TestData.regression(tmp, 100);
        Path ws = tmp.resolve("ws");
        Path seq = SmallRuns.train(ws, SmallRuns.experiment(csv, 2).withName("seq"), 0);
        Path aux = SmallRuns.train(ws, SmallRuns.experiment(csv, 2).withName("aux")
                .withNetwork(NetworkTemplates.forData("wide-deep-aux", List.of("x1", "x2", "colour"))), 0);
        RunsViewModel vm = new RunsViewModel(new Workspace(ws), new CurrentThreadTaskExecutor(), new StatusModel());
        vm.refresh();
        vm.selection().setAll(vm.runs());
        assertThat(vm.overlay()).extracting(RunsViewModel.Curve::name)
                .containsExactlyInAnyOrder(seq.getFileName().toString(), aux.getFileName().toString());
        assertThat(vm.overlay()).allSatisfy(c -> assertThat(c.points()).hasSize(2));
        vm.perOutputProperty().set(true);
        assertThat(vm.overlay()).extracting(RunsViewModel.Curve::name).containsExactlyInAnyOrder(
                seq.getFileName().toString(), aux.getFileName().toString(),
                aux.getFileName() + " · main_output", aux.getFileName() + " · aux_output");
        assertThat(vm.overlay()).filteredOn(RunsViewModel.Curve::perOutput).hasSize(2);
    }
}
