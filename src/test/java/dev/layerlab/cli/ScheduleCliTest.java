package dev.layerlab.cli;

import static dev.layerlab.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import dev.layerlab.cli.CliRun.Outcome;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.ScheduleKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train's schedule, warm-up and weight-decay flags: recorded in the experiment, and the bundle still loads and predicts. */
class ScheduleCliTest {
    @TempDir
    Path dir;

    @Test
    void cosineWithWarmupAndWeightDecayTrainsAndTheBundlePredicts() throws Exception {
        Path csv = TestData.regression(dir, 200);
        Path out = dir.resolve("run");
        Outcome train = run("train", "--data", csv.toString(), "--target", "y", "--out", out.toString(), "--hidden", "16,8",
                "--epochs", "5", "--schedule", "cosine", "--warmup", "2", "--weight-decay", "0.01", "--no-baselines");
        assertThat(train.code()).as(train.err()).isZero();

        OptimizerSpec o = ExperimentJson.read(out.resolve("experiment.json")).training().optimizer();
        assertThat(o.schedule()).isEqualTo(ScheduleKind.COSINE);
        assertThat(o.warmupEpochs()).isEqualTo(2);
        assertThat(o.weightDecay()).isEqualTo(0.01);
        List<String> history = Files.readAllLines(out.resolve("history.csv"));
        assertThat(history).hasSize(6);

        Path predictions = dir.resolve("p.csv");
        Outcome predict = run("predict", "--model", out.resolve("model.zip").toString(), "--data", csv.toString(),
                "--out", predictions.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(Files.readAllLines(predictions)).hasSize(201);
    }

    @Test
    void plateauFlagsAndBadValuesAreOneLineErrors() {
        Path csv = TestData.regression(dir, 60);
        Outcome unknown = run("train", "--data", csv.toString(), "--target", "y", "--schedule", "sawtooth", "--no-baselines");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip().lines()).hasSize(1);
        assertThat(unknown.err()).contains("--schedule", "one-cycle", "plateau");

        Outcome patienceAlone = run("train", "--data", csv.toString(), "--target", "y", "--plateau-patience", "3", "--no-baselines");
        assertThat(patienceAlone.code()).isEqualTo(2);
        assertThat(patienceAlone.err()).contains("--plateau-patience needs --schedule plateau");

        Outcome badFactor = run("train", "--data", csv.toString(), "--target", "y", "--schedule", "plateau", "--decay", "2",
                "--no-baselines");
        assertThat(badFactor.code()).isEqualTo(2);
        assertThat(badFactor.err()).contains("plateau factor must be in (0, 1]");
    }
}
