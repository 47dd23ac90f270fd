package dev.layerlab.gui.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.gui.task.QueuedUiTaskExecutor;
import dev.layerlab.runs.Workspace;
import dev.layerlab.training.TrainingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Auto mode runs the engine's auto search on real data in the background, shows its progress through drain(),
 * and Stop keeps what finished: the final model of the networks trained so far is saved as a run of the workspace.
 */
class AutoViewModelTest {
    @TempDir
    Path dir;

    private static Experiment experiment(Path csv, String target) {
        DataSpec data = new DataSpec(csv.toString(), null, null, target, TaskChoice.AUTO, Map.of(), SplitSpec.defaults(), null);
        return new Experiment(0, "auto-test", data, null, TrainingSpec.defaults());
    }

    @Test
    void stopKeepsWhatFinishedAndTheResultIsARunOfTheWorkspace() throws Exception {
        Path csv = TestData.regression(dir, 400);
        Workspace workspace = new Workspace(dir.resolve("ws"));
        QueuedUiTaskExecutor executor = new QueuedUiTaskExecutor();
        List<Path> saved = new ArrayList<>();
        AutoViewModel vm = new AutoViewModel(executor, new StatusModel(), workspace, () -> experiment(csv, "y"),
                () -> dir, saved::add);
        vm.budgetProperty().set(Duration.ofMinutes(5));
        vm.parallelProperty().set(1);
        long started = System.nanoTime();
        vm.start();
        assertThat(vm.runningProperty().get()).isTrue();
        assertThat(executor.computeTitles()).containsExactly("Auto");
        boolean stopped = false;
        List<String> timesLeft = new ArrayList<>();
        while (vm.runningProperty().get()) {
            assertThat(System.nanoTime() - started).as("auto stops soon after Stop").isLessThan(TimeUnit.SECONDS.toNanos(240));
            executor.runUiFor(100);
            vm.drain();
            if (vm.runningProperty().get()) {
                timesLeft.add(vm.timeLeftProperty().get());
            }
            if (!stopped && vm.triedProperty().get() >= 1) {
                assertThat(vm.bestProperty().get()).startsWith("best so far: validation rmse ");
                vm.stop();
                stopped = true;
                assertThat(vm.stoppingProperty().get()).isTrue();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(stopped).isTrue();
        assertThat(seconds).as("stopped well before the 5-minute budget").isLessThan(200);
        assertThat(timesLeft).isNotEmpty().allMatch(t -> t.endsWith(" left"));

        Path run = vm.runDirProperty().get();
        assertThat(run).isNotNull();
        assertThat(saved).containsExactly(run);
        for (String file : List.of("run.json", "model.zip", "leaderboard.csv", "baselines.json", "metrics.json")) {
            assertThat(run.resolve(file)).isRegularFile();
        }
        assertThat(workspace.runs()).extracting(Workspace.Run::dir).contains(run);
        ModelBundle bundle = ModelBundle.read(run.resolve("model.zip"));
        assertThat(vm.leaderboard()).isNotEmpty();
        assertThat(vm.leaderboard().stream().filter(AutoRow::inFinalModel).count()).isEqualTo(bundle.members().size());
        long csvMembers = Files.readAllLines(run.resolve("leaderboard.csv")).stream().filter(l -> l.contains(",true,")).count();
        assertThat(csvMembers).isEqualTo(bundle.members().size());
        assertThat(vm.comparisonProperty().get()).startsWith("Test RMSE: linear ").contains(" · gradient boosting ",
                bundle.members().size() == 1 ? " · this network " : " · this ensemble ");
        assertThat(vm.finalModelProperty().get()).startsWith(bundle.members().size() == 1 ? "Final model: a single network"
                : "Final model: an ensemble of " + bundle.members().size() + " networks");
        assertThat(vm.messageProperty().get()).contains(run.getFileName().toString());
        assertThat(vm.log()).anyMatch(l -> l.startsWith("baseline "));
    }

    @Test
    void withoutATargetNothingStartsAndNoRunFolderIsMade() {
        Path csv = TestData.regression(dir, 50);
        Workspace workspace = new Workspace(dir.resolve("ws"));
        QueuedUiTaskExecutor executor = new QueuedUiTaskExecutor();
        AutoViewModel vm = new AutoViewModel(executor, new StatusModel(), workspace, () -> experiment(csv, null),
                () -> dir, p -> { });
        vm.start();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).startsWith("Cannot start auto: ").contains("target");
        assertThat(executor.computeTitles()).isEmpty();
        assertThat(workspace.runsDir()).doesNotExist();
    }
}
