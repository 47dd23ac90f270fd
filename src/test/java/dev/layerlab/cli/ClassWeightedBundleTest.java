package dev.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A binary model trained with balanced class weights carries LayerLab's own weighted loss in its configuration:
 * the bundle check must accept it, so predict and summary read the bundle train wrote.
 */
class ClassWeightedBundleTest {
    @TempDir
    Path dir;

    static int run(StringWriter err, String... args) {
        return LayerLabCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void aBalancedBinaryModelIsReadBackByPredictAndSummary() throws Exception {
        StringBuilder sb = new StringBuilder("a,b,rare\n");
        Random r = new Random(5);
        for (int i = 0; i < 300; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            boolean rare = a + 0.5 * b > 1.2;
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", a, b, rare ? "yes" : "no"));
        }
        Path csv = dir.resolve("imbalanced.csv");
        Files.writeString(csv, sb.toString());
        Path out = dir.resolve("run");

        StringWriter err = new StringWriter();
        int trained = run(err, "train", "--data", csv.toString(), "--target", "rare", "--out", out.toString(),
                "--hidden", "8", "--epochs", "3", "--class-weights", "balanced", "--seed", "1");
        assertThat(trained).as(err.toString()).isZero();
        assertThat(Files.readString(out.resolve("experiment.json"))).contains("balanced");

        Path predictions = dir.resolve("predictions.csv");
        StringWriter predictErr = new StringWriter();
        int predicted = run(predictErr, "predict", "--model", out.resolve("model.zip").toString(), "--data",
                csv.toString(), "--out", predictions.toString());
        assertThat(predicted).as(predictErr.toString()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines).hasSize(301);

        StringWriter summaryErr = new StringWriter();
        assertThat(run(summaryErr, "summary", "--model", out.resolve("model.zip").toString()))
                .as(summaryErr.toString()).isZero();
    }
}
