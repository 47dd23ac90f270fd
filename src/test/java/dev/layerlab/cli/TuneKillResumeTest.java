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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tuning process killed with SIGKILL mid-study resumes from its journal and ends with the planned trial count. */
class TuneKillResumeTest {
    private static final int TRIALS = 8;

    @TempDir
    Path dir;

    @Test
    void aStudyKilledMidwayResumesWithoutRedoingFinishedTrials() throws Exception {
        TestData.regression(dir, 150);
        Experiment e = new Experiment(0, "t", DataSpec.of("regression.csv", "y"), NetworkSpec.of(DenseLayer.of(8, Activation.RELU)),
                TrainingSpec.defaults().withEpochs(15)).withSearch(SearchSpace.of(Map.of(
                SearchSpace.LEARNING_RATE, new ParamDomain.LogUniform(1e-3, 1e-2),
                SearchSpace.UNITS, ParamDomain.IntRange.powersOfTwo(4, 16))));
        Path experiment = dir.resolve("e.json");
        ExperimentJson.write(experiment, e);
        Path out = dir.resolve("study");
        String[] args = {"tune", "--experiment", experiment.toString(), "--strategy", "random", "--trials",
                Integer.toString(TRIALS), "--parallel", "1", "--out", out.toString(), "--max-epochs", "15", "--seed", "3"};

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.layerlab.app.Main"));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        Path journal = out.resolve(StudyJournal.FILE);
        int finishedBeforeKill;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (trialLines(journal) < 2) {
                assertThat(child.isAlive()).as("child ended early: " + Files.readString(dir.resolve("child.log"))).isTrue();
                assertThat(System.nanoTime()).as("no two trials within 3 minutes").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            child.waitFor(30, TimeUnit.SECONDS);
        }
        finishedBeforeKill = trialLines(journal);
        assertThat(finishedBeforeKill).as("killed before the study ended").isBetween(2, TRIALS - 1);

        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        String[] resume = Arrays.copyOf(args, args.length + 1);
        resume[args.length] = "--no-best";
        int code = LayerLabCommand.commandLine(new PrintWriter(stdout, true), new PrintWriter(stderr, true)).execute(resume);

        assertThat(code).as(stderr.toString()).isZero();
        assertThat(stdout.toString()).contains("Resuming: " + finishedBeforeKill + " trial(s)").contains("[" + TRIALS + "/" + TRIALS + "]");
        List<String> rows = Files.readAllLines(out.resolve("trials.csv"));
        assertThat(rows).hasSize(TRIALS + 1);
        assertThat(trialLines(journal)).isEqualTo(TRIALS);
        for (int trial = 0; trial < finishedBeforeKill; trial++) {
            assertThat(stdout.toString()).as("finished trial %d is not run again", trial)
                    .doesNotContain(String.format(Locale.ROOT, "trial %3d ", trial));
        }
    }

    /** Complete trial lines in the journal (a torn last line does not count). */
    private static int trialLines(Path journal) throws Exception {
        if (!Files.exists(journal)) {
            return 0;
        }
        String text = Files.readString(journal);
        int complete = text.lastIndexOf('\n') + 1;
        return (int) text.substring(0, complete).lines().filter(l -> l.contains("\"trial\"")).count();
    }
}
