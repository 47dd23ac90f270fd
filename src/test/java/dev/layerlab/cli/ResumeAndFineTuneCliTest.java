package dev.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.layerlab.cli.CliRun.run;

import dev.layerlab.cli.CliRun.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import dev.layerlab.TestData;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.training.Checkpoints;
import dev.layerlab.training.TrainingState;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --resume after a kill -9 of a child JVM, and train --from (fine-tuning with lineage). */
class ResumeAndFineTuneCliTest {
    @TempDir
    Path dir;


    @Test
    void aRunKilledMidTrainingResumesToTheFullEpochCount() throws Exception {
        Path csv = TestData.regression(dir, 150);
        Path runDir = dir.resolve("killed");
        int epochs = 60;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.layerlab.app.Main", "train", "--data", csv.toString(), "--target", "y", "--out", runDir.toString(),
                "--hidden", "16,8", "--epochs", Integer.toString(epochs), "--patience", "0", "--seed", "4")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        Path state = runDir.resolve("checkpoints").resolve(TrainingState.FILE);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!(Files.exists(state) && readEpoch(state) >= 2)) {
                assertThat(child.isAlive()).as("child ended early: " + log()).isTrue();
                assertThat(System.nanoTime()).as("no checkpoint within 2 minutes").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(runDir.resolve("run.json")).as("the run must have been killed before it finished").doesNotExist();
        assertThat(runDir.resolve("experiment.json")).isRegularFile();
        Path last = runDir.resolve("checkpoints").resolve(Checkpoints.LAST);
        int checkpointed = Checkpoints.readState(last).epoch();
        assertThat(Checkpoints.read(last).epochCount()).isEqualTo(checkpointed);

        Outcome resumed = run("train", "--resume", runDir.toString());

        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Resuming").contains("after epoch " + checkpointed)
                .contains("epoch " + epochs + "/" + epochs + " ");
        List<String> history = Files.readAllLines(runDir.resolve("history.csv"));
        assertThat(history).hasSize(epochs + 1);
        for (int e = 1; e <= epochs; e++) {
            assertThat(history.get(e)).startsWith(e + ",");
        }
        JsonNode summary = ExperimentJson.MAPPER.readTree(runDir.resolve("run.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(ModelBundle.read(runDir.resolve("model.zip")).history()).hasSize(epochs);
        assertThat(ExperimentJson.MAPPER.readTree(runDir.resolve("metrics.json").toFile()).has("test")).isTrue();
        try (Stream<Path> files = Files.walk(runDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList()).isEmpty();
        }
        // Finished now: resuming again is refused with a pointer to --from.
        Outcome again = run("train", "--resume", runDir.toString());
        assertThat(again.code()).isEqualTo(LayerLabCommand.BAD_INPUT);
        assertThat(again.err()).contains("finished run").contains("--from");
    }

    private static int readEpoch(Path state) {
        try {
            return TrainingState.fromJson(Files.readString(state), "state.json").epoch();
        } catch (Exception e) {
            return -1; // being replaced right now
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (Exception e) {
            return "(no log)";
        }
    }

    @Test
    void fineTuningKeepsThePreprocessingAndRecordsTheLineage() throws Exception {
        Path csv = TestData.regression(dir, 200);
        Path parentDir = dir.resolve("parent");
        assertThat(run("train", "--data", csv.toString(), "--target", "y", "--out", parentDir.toString(),
                "--hidden", "8", "--epochs", "3", "--patience", "0", "--seed", "2").code()).isZero();
        Path newRows = TestData.write(dir.resolve("new").resolve("more.csv"),
                Files.readString(TestData.regression(dir.resolve("new"), 120)).replace("red", "blue"));
        ModelBundle parent = ModelBundle.read(parentDir.resolve("model.zip"));

        Path tuned = dir.resolve("tuned");
        Outcome outcome = run("train", "--from", parentDir.resolve("model.zip").toString(), "--data", newRows.toString(),
                "--epochs", "2", "--lr", "0.0005", "--out", tuned.toString());

        assertThat(outcome.code()).as(outcome.err()).isZero();
        ModelBundle child = ModelBundle.read(tuned.resolve("model.zip"));
        assertThat(child.provenance().parentModel()).isEqualTo(parentDir.resolve("model.zip").toAbsolutePath().normalize().toString());
        assertThat(child.provenance().parentDataSha256()).isEqualTo(parent.provenance().dataSha256()).hasSize(64);
        assertThat(child.provenance().dataSha256()).isNotEqualTo(parent.provenance().dataSha256());
        assertThat(child.preprocessing().toJson()).isEqualTo(parent.preprocessing().toJson());
        assertThat(child.history()).extracting(h -> h.epoch()).containsExactly(4, 5);
        assertThat(child.experiment().network()).isEqualTo(parent.experiment().network());

        // Refitting on rows that lack a category would change the inputs: refused, naming the features.
        Outcome refused = run("train", "--from", parentDir.resolve("model.zip").toString(), "--data", newRows.toString(),
                "--epochs", "1", "--refit-preprocessing", "--out", dir.resolve("refused").toString());
        assertThat(refused.code()).isEqualTo(LayerLabCommand.BAD_INPUT);
        assertThat(refused.err()).contains("colour=red");
        Path refit = dir.resolve("refit");
        Outcome refitted = run("train", "--from", parentDir.resolve("model.zip").toString(), "--data",
                TestData.regression(dir.resolve("other"), 120).toString(),
                "--epochs", "1", "--refit-preprocessing", "--out", refit.toString());
        assertThat(refitted.code()).as(refitted.err()).isZero();
        assertThat(ModelBundle.read(refit.resolve("model.zip")).preprocessing().columns().get(0).center())
                .isNotEqualTo(parent.preprocessing().columns().get(0).center());

        Path predictions = dir.resolve("p.csv");
        assertThat(run("predict", "--model", tuned.resolve("model.zip").toString(), "--data", newRows.toString(),
                "--out", predictions.toString()).code()).isZero();
    }

    @Test
    void badCombinationsAreRefusedWithOneLine() {
        Outcome both = run("train", "--resume", dir.toString(), "--data", "x.csv");
        assertThat(both.code()).isEqualTo(LayerLabCommand.BAD_INPUT);
        assertThat(both.err()).contains("--resume");
        Outcome notARun = run("train", "--resume", dir.toString());
        assertThat(notARun.code()).isEqualTo(LayerLabCommand.BAD_INPUT);
        assertThat(notARun.err()).contains("not a run folder");
        Outcome noData = run("train", "--from", dir.resolve("m.zip").toString());
        assertThat(noData.code()).isEqualTo(LayerLabCommand.BAD_INPUT);
        assertThat(noData.err()).contains("--data");
        assertThat(new File(dir.toFile(), "checkpoints")).doesNotExist();
    }
}
