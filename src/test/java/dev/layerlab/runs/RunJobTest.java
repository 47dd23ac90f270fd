package dev.layerlab.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import dev.layerlab.TestData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.model.NetworkTemplates;
import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.RunStatus;
import dev.layerlab.training.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runs the CLI and the workbench share: stopped and interrupted runs resume, fine-tunes record their parent. */
class RunJobTest {
    @TempDir
    Path tmp;

    @Test
    void aStoppedRunResumesFromItsCheckpointToTheFullEpochCount() throws Exception {
        Path csv = TestData.regression(tmp, 120);
        Path dir = SmallRuns.train(tmp.resolve("ws"), SmallRuns.experiment(csv, 4), 2);
        Workspace.Run stopped = Workspace.read(dir);
        assertThat(stopped.summary().status()).isEqualTo(RunSummary.CANCELLED);
        assertThat(stopped.summary().epochs()).isEqualTo(2);
        assertThat(stopped.resumable()).isTrue();

        RunJob job = RunJob.resume(dir);
        assertThat(job.firstEpoch()).isEqualTo(2);
        assertThat(job.previousHistory()).extracting(EpochRecord::epoch).containsExactly(1, 2);
        assertThat(job.epochsToTrain()).isEqualTo(2);
        TrainingResult result = job.run(new RunControl(), List.of());

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.history()).extracting(EpochRecord::epoch).containsExactly(1, 2, 3, 4);
        Workspace.Run done = Workspace.read(dir);
        assertThat(done.summary().status()).isEqualTo("COMPLETED");
        assertThat(done.summary().epochs()).isEqualTo(4);
        assertThat(done.resumable()).isFalse();
        assertThat(Files.readAllLines(dir.resolve(Workspace.HISTORY_FILE))).hasSize(5);
        assertThat(dir.resolve(RunMarker.FILE)).doesNotExist();
        assertThatThrownBy(() -> RunJob.resume(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("finished run").hasMessageContaining("--from");
    }

    @Test
    void anInterruptedRunIsListedAndAnotherProcessTrainingItIsRespected() throws Exception {
        Path csv = TestData.regression(tmp, 120);
        Path ws = tmp.resolve("ws");
        Path dir = SmallRuns.train(ws, SmallRuns.experiment(csv, 3), 2);
        // What a killed process leaves: the experiment and the checkpoints, no run files.
        for (String f : List.of(Workspace.RUN_FILE, Workspace.MODEL_FILE, Workspace.HISTORY_FILE, Workspace.METRICS_FILE)) {
            Files.delete(dir.resolve(f));
        }
        Workspace.Run interrupted = new Workspace(ws).runs().get(0);
        assertThat(interrupted.summary().status()).isEqualTo(RunSummary.INTERRUPTED);
        assertThat(interrupted.summary().epochs()).isEqualTo(2);
        assertThat(interrupted.summary().message()).contains("after epoch 2 of 3");
        assertThat(interrupted.summary().metric("validation", "rmse")).isPositive();
        assertThat(interrupted.resumable()).isTrue();
        assertThat(interrupted.fineTunable()).isFalse();

        try (RunMarker marker = RunMarker.claim(dir)) {
            assertThat(new Workspace(ws).runs().get(0).summary().status()).isEqualTo(RunSummary.RUNNING);
            assertThat(new Workspace(ws).runs().get(0).resumable()).isFalse();
            assertThatThrownBy(() -> RunJob.resume(dir)).hasMessageContaining("being trained right now");
        }
        Files.writeString(dir.resolve(RunMarker.FILE), "{\"pid\": 999999999, \"processStarted\": \"\"}");
        assertThat(new Workspace(ws).runs().get(0).summary().status()).as("a dead process's marker").isEqualTo(RunSummary.INTERRUPTED);

        RunJob.resume(dir).run(new RunControl(), List.of());
        assertThat(Workspace.read(dir).summary().epochs()).isEqualTo(3);
        assertThat(ModelBundle.read(dir.resolve(Workspace.MODEL_FILE)).history()).hasSize(3);
    }

    @Test
    void aFineTuneIsANewRunNamingItsParent() throws Exception {
        Path csv = TestData.regression(tmp, 150);
        Path ws = tmp.resolve("ws");
        Path parentDir = SmallRuns.train(ws, SmallRuns.experiment(csv, 2), 0);
        Path parentZip = parentDir.resolve(Workspace.MODEL_FILE);
        ModelBundle parent = ModelBundle.read(parentZip);
        Path newRows = TestData.regression(tmp.resolve("new"), 90);
        Experiment experiment = RunJob.fineTuneExperiment(parent.experiment(), newRows.toString(), 2, 5e-4);
        Path dir = new Workspace(ws).newRunDir("small-finetune");

        RunJob job = RunJob.fineTune(parent, parentZip, experiment, null, false, 5e-4, dir);
        assertThat(job.firstEpoch()).isEqualTo(2);
        TrainingResult result = job.run(new RunControl(), List.of());

        assertThat(result.history()).extracting(EpochRecord::epoch).containsExactly(3, 4);
        assertThat(result.history().get(0).learningRate()).isEqualTo(5e-4);
        ModelBundle child = ModelBundle.read(dir.resolve(Workspace.MODEL_FILE));
        assertThat(child.provenance().parentModel()).isEqualTo(parentZip.toAbsolutePath().normalize().toString());
        assertThat(child.preprocessing().toJson()).isEqualTo(parent.preprocessing().toJson());
        assertThat(Workspace.read(dir).summary().parentModel()).isEqualTo(parentZip.toAbsolutePath().normalize().toString());
        assertThat(Workspace.read(parentDir).summary().parentModel()).isNull();
    }

    @Test
    void aGraphModelFineTunesWithANewLearningRate() throws Exception {
        Path csv = TestData.regression(tmp, 120);
        Path ws = tmp.resolve("ws");
        Experiment base = SmallRuns.experiment(csv, 1);
        Experiment graph = base.withNetwork(NetworkTemplates.forData("wide-deep-aux", List.of("x1", "x2", "colour")));
        Path parentDir = SmallRuns.train(ws, graph, 0);
        ModelBundle parent = ModelBundle.read(parentDir.resolve(Workspace.MODEL_FILE));
        Experiment experiment = RunJob.fineTuneExperiment(parent.experiment(), csv.toString(), 1, 1e-4);
        Path dir = new Workspace(ws).newRunDir("graph-finetune");

        TrainingResult result = RunJob.fineTune(parent, parentDir.resolve(Workspace.MODEL_FILE), experiment, null, false,
                1e-4, dir).run(new RunControl(), List.of());

        assertThat(result.history()).extracting(EpochRecord::epoch).containsExactly(2);
        assertThat(result.history().get(0).valMetrics()).containsKeys("main_output_loss", "aux_output_loss");
        assertThat(Workspace.read(dir).summary().parentModel()).isNotNull();
    }

    @Test
    void fineTuningRefusesAnotherNetwork() throws Exception {
        Path csv = TestData.regression(tmp, 100);
        Path parentDir = SmallRuns.train(tmp.resolve("ws"), SmallRuns.experiment(csv, 1), 0);
        ModelBundle parent = ModelBundle.read(parentDir.resolve(Workspace.MODEL_FILE));
        Experiment other = parent.experiment().withNetwork(NetworkTemplates.forData("sequential", List.of("x1")));
        assertThatThrownBy(() -> RunJob.fineTune(parent, parentDir.resolve(Workspace.MODEL_FILE), other, null, false, null,
                tmp.resolve("x"))).isInstanceOf(InvalidInputException.class).hasMessageContaining("network");
    }
}
