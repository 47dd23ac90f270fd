package dev.layerlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.cli.LayerLabCommand;
import dev.layerlab.data.DataSpec;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.TrainingSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run and study folders locked across real processes: a second JVM holds them while this one tries. */
class FolderLockTest {
    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    static Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LayerLabCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Starts a second JVM holding the folders; returns once it says it holds them. */
    static Process holder(Path... folders) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FolderLockHolder.class.getName()));
        for (Path f : folders) {
            command.add(f.toString());
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        assertThat(line).as("the second process's first line").isEqualTo("LOCKED " + process.pid());
        return process;
    }

    @Test
    void aSecondProcessIsRefusedWithTheHoldersPidAndAKilledHolderLeavesAStaleLockThatIsTakenOver() throws Exception {
        Path run = dir.resolve("run");
        Process other = holder(run);
        try {
            assertThatThrownBy(() -> FolderLock.acquire(run, "run folder")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("in use by another LayerLab process (pid " + other.pid() + ")");
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
        try (FolderLock lock = FolderLock.acquire(run, "run folder")) {
            assertThat(lock.staleHolder()).isEqualTo("pid " + other.pid() + ", which has ended");
        }
        try (FolderLock again = FolderLock.acquire(run, "run folder")) {
            assertThat(again.staleHolder()).as("a lock released cleanly is not stale").isNull();
        }
    }

    @Test
    void twoJobsOfOneProcessAreRefusedToo() {
        try (FolderLock first = FolderLock.acquire(dir, "study folder")) {
            assertThatThrownBy(() -> FolderLock.acquire(dir, "study folder")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("another job of this LayerLab process");
        }
        FolderLock.acquire(dir, "study folder").close();
    }

    @Test
    void trainOutTrainResumeAndTuneOutAreRefusedInOneLineWhileAnotherProcessHoldsTheFolder() throws Exception {
        Path csv = TestData.regression(dir, 80);
        Path out = dir.resolve("out");
        Path resume = dir.resolve("resume");
        Path study = dir.resolve("study");
        Files.createDirectories(resume);
        Experiment experiment = new Experiment(0, "t", DataSpec.of(csv.toString(), "y"), NetworkSpec.of(DenseLayer.of(4, Activation.RELU)),
                TrainingSpec.defaults().withEpochs(1));
        ExperimentJson.write(resume.resolve("experiment.json"), experiment);
        Path experimentFile = dir.resolve("e.json");
        ExperimentJson.write(experimentFile, experiment);
        Process other = holder(out, resume, study);
        try {
            List<Outcome> outcomes = List.of(
                    cli("train", "--data", csv.toString(), "--target", "y", "--out", out.toString(), "--epochs", "1"),
                    cli("train", "--resume", resume.toString()),
                    cli("tune", "--experiment", experimentFile.toString(), "--out", study.toString(), "--trials", "1",
                            "--max-epochs", "1", "--no-best"));
            for (Outcome o : outcomes) {
                assertThat(o.code()).as(o.err()).isEqualTo(LayerLabCommand.BAD_INPUT);
                assertThat(o.err().strip()).doesNotContain("\n").contains("(pid " + other.pid() + ")");
            }
            assertThat(Files.exists(out.resolve("model.zip"))).isFalse();
        } finally {
            other.getOutputStream().close();
            other.waitFor(10, TimeUnit.SECONDS);
        }
        // Released by the other process: the same command now trains.
        Outcome train = cli("train", "--data", csv.toString(), "--target", "y", "--out", out.toString(), "--epochs", "1");
        assertThat(train.code()).as(train.err()).isZero();
    }
}
