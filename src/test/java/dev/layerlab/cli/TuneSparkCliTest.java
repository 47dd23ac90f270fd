package dev.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import dev.layerlab.data.DataSpec;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.TrainingSpec;
import dev.layerlab.experiment.ParamDomain;
import dev.layerlab.experiment.SearchSpace;
import dev.layerlab.tuning.StudyJournal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tune --spark local[2]}: killed with SIGKILL mid-study, the same command resumes it; bad input exits 2. */
class TuneSparkCliTest {
    private static final int TRIALS = 6;

    @TempDir
    Path dir;

    @Test
    void aSparkStudyKilledMidwayResumesWithTheSameCommand() throws Exception {
        TestData.regression(dir, 150);
        Experiment e = new Experiment(0, "t", DataSpec.of("regression.csv", "y"), NetworkSpec.of(DenseLayer.of(8, Activation.RELU)),
                TrainingSpec.defaults().withEpochs(12)).withSearch(SearchSpace.of(Map.of(
                SearchSpace.LEARNING_RATE, new ParamDomain.LogUniform(1e-3, 1e-2),
                SearchSpace.UNITS, ParamDomain.IntRange.powersOfTwo(4, 16))));
        Path experiment = dir.resolve("e.json");
        ExperimentJson.write(experiment, e);
        Path out = dir.resolve("study");
        List<String> args = List.of("tune", "--experiment", experiment.toString(), "--trials", Integer.toString(TRIALS),
                "--out", out.toString(), "--seed", "3", "--spark", "local[2]", "--no-best");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "dev.layerlab.app.Main"));
        command.addAll(args);
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path journal = out.resolve(StudyJournal.FILE);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (trialLines(journal) < 2) {
                assertThat(child.isAlive()).as("child ended early: " + Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("no two trials within 4 minutes").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: the driver and its embedded Spark die together, no shutdown hook
            child.waitFor(30, TimeUnit.SECONDS);
        }
        int finishedBeforeKill = trialLines(journal);
        assertThat(finishedBeforeKill).as("killed before the study ended").isBetween(2, TRIALS - 1);
        assertThat(Files.readString(log)).contains("Trials run on Spark local[2] (embedded in this process, 2 trials at once");

        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = LayerLabCommand.commandLine(new PrintWriter(stdout, true), new PrintWriter(stderr, true))
                .execute(args.toArray(String[]::new));

        assertThat(code).as(stderr.toString()).isZero();
        assertThat(stdout.toString()).contains("Resuming: " + finishedBeforeKill + " trial(s)")
                .contains("Trials run on Spark local[2]").contains("[" + TRIALS + "/" + TRIALS + "]");
        assertThat(trialLines(journal)).isEqualTo(TRIALS);
        assertThat(Files.readAllLines(out.resolve("trials.csv"))).hasSize(TRIALS + 1);
        for (int trial = 0; trial < finishedBeforeKill; trial++) {
            assertThat(stdout.toString()).as("finished trial %d is not run again", trial)
                    .doesNotContain(String.format(Locale.ROOT, "trial %3d ", trial));
        }
    }

    @Test
    void aBadMasterOrAPrunerOnSparkExitsWithTwo() throws Exception {
        TestData.regression(dir, 60);
        Experiment e = new Experiment(0, "t", DataSpec.of("regression.csv", "y"), NetworkSpec.of(DenseLayer.of(4, Activation.RELU)),
                TrainingSpec.defaults().withEpochs(1));
        Path experiment = dir.resolve("e.json");
        ExperimentJson.write(experiment, e);
        CliRun.Outcome bad = CliRun.run("tune", "--experiment", experiment.toString(), "--out",
                dir.resolve("a").toString(), "--spark", "my-cluster");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).contains("--spark needs a Spark master URL").doesNotContain("\n");
        CliRun.Outcome pruned = CliRun.run("tune", "--experiment", experiment.toString(), "--out",
                dir.resolve("b").toString(), "--spark", "local[2]", "--pruner", "median");
        assertThat(pruned.code()).isEqualTo(2);
        assertThat(pruned.err()).contains("--pruner none");
    }

    private static int trialLines(Path journal) throws Exception {
        if (!Files.exists(journal)) {
            return 0;
        }
        String text = Files.readString(journal);
        int complete = text.lastIndexOf('\n') + 1;
        return (int) text.substring(0, complete).lines().filter(l -> l.contains("\"trial\"")).count();
    }
}
