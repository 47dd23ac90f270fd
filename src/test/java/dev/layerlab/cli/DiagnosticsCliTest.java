package dev.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.layerlab.cli.CliRun.run;

import dev.layerlab.cli.CliRun.Outcome;
import dev.layerlab.TestData;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.export.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train's health output and --clip, lr-find and explain, end to end in-process. */
class DiagnosticsCliTest {
    @TempDir
    static Path dir;
    static Path csv;
    static Path run;


    /** y = 3 x1 - 2 x2 + 5 (red) + noise, and a column "noise" the target does not depend on. */
    static Path fixture(Path file, int rows) {
        StringBuilder text = new StringBuilder("x1,x2,colour,noise,y\n");
        Random random = new Random(5);
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < rows; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            String colour = colours[random.nextInt(3)];
            double y = 3 * x1 - 2 * x2 + (colour.equals("red") ? 5 : 0) + 0.1 * random.nextGaussian();
            text.append(String.format(Locale.ROOT, "%.4f,%.4f,%s,%.4f,%.4f%n", x1, x2, colour, random.nextGaussian(), y));
        }
        return TestData.write(file, text.toString());
    }

    @BeforeAll
    static void trainOnce() {
        csv = fixture(dir.resolve("data.csv"), 1200);
        run = dir.resolve("run");
        Outcome outcome = run("train", "--data", csv.toString(), "--target", "y", "--out", run.toString(),
                "--hidden", "32,16", "--epochs", "25", "--batch", "32", "--lr", "0.01", "--seed", "3", "--clip", "norm:5");
        assertThat(outcome.code()).as(outcome.err()).isZero();
    }

    @Test
    void trainWritesDiagnosticsIntoTheRunAndTheBundle() throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("diagnostics.csv"));
        assertThat(lines.get(0)).startsWith("epoch,iteration,layer,grad_norm,update_ratio,dead_fraction,activation_mean,activation_std");
        assertThat(lines.size()).isGreaterThan(10);
        ModelBundle bundle = ModelBundle.read(run.resolve("model.zip"));
        assertThat(bundle.diagnostics()).isEqualTo(Files.readString(run.resolve("diagnostics.csv")));
    }

    @Test
    void clipIsKeptInTheExperimentAndBadValuesAreRefused() throws IOException {
        var training = ExperimentJson.MAPPER.readTree(run.resolve("experiment.json").toFile()).path("training");
        assertThat(training.path("clipping").path("mode").asText()).isEqualTo("norm");
        assertThat(training.path("clipping").path("threshold").asDouble()).isEqualTo(5.0);

        Outcome bad = run("train", "--data", csv.toString(), "--target", "y", "--clip", "norm:-1", "--out", dir.resolve("bad").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).contains("clipping threshold").doesNotContain("\n");
        Outcome garbled = run("train", "--data", csv.toString(), "--target", "y", "--clip", "sideways", "--out", dir.resolve("bad").toString());
        assertThat(garbled.code()).isEqualTo(2);
    }

    @Test
    void sgdAtHalfPrintsAWarningLine() {
        Outcome outcome = run("train", "--data", csv.toString(), "--target", "y", "--out", dir.resolve("reckless").toString(),
                "--hidden", "32,16", "--epochs", "3", "--optimizer", "sgd", "--lr", "0.5", "--seed", "3");

        assertThat(outcome.code()).as(outcome.err()).isZero();
        assertThat(outcome.out().lines().filter(l -> l.startsWith("warning: ")))
                .anySatisfy(l -> assertThat(l).containsAnyOf("exploding gradients", "learning rate too high"));
    }

    @Test
    void lrFindPrintsASuggestionAndWritesTheSweep() throws IOException {
        Path out = dir.resolve("lr");
        Outcome outcome = run("lr-find", "--experiment", run.resolve("experiment.json").toString(), "--out", out.toString(),
                "--steps", "200");

        assertThat(outcome.code()).as(outcome.err()).isZero();
        Matcher m = Pattern.compile("suggested learning rate: ([0-9.eE+-]+)").matcher(outcome.out());
        assertThat(m.find()).as(outcome.out()).isTrue();
        double suggested = Double.parseDouble(m.group(1));
        assertThat(suggested).isBetween(1e-5, 1.0);
        List<String> sweep = Files.readAllLines(out.resolve("lr_find.csv"));
        assertThat(sweep.get(0)).isEqualTo("iteration,learning_rate,loss,smoothed_loss");
        assertThat(sweep.size()).isGreaterThan(50);

        Outcome missing = run("lr-find", "--experiment", dir.resolve("nope.json").toString());
        assertThat(missing.code()).isEqualTo(2);
    }

    @Test
    void explainRanksTheColumnsTheTargetDependsOn() throws IOException {
        Path out = dir.resolve("explain");
        Outcome outcome = run("explain", "--model", run.resolve("model.zip").toString(), "--data", csv.toString(),
                "--out", out.toString());

        assertThat(outcome.code()).as(outcome.err()).isZero();
        List<String> importance = Files.readAllLines(out.resolve("importance.csv"));
        assertThat(importance.get(0)).isEqualTo("column,importance,std");
        // one line per input column: the categorical column is shuffled as a whole, not per one-hot input
        assertThat(importance).hasSize(5);
        assertThat(importance.get(1)).startsWith("x1,");
        assertThat(importance.get(4)).startsWith("noise,");
        double x1 = Double.parseDouble(importance.get(1).split(",")[1]);
        double noise = Double.parseDouble(importance.get(4).split(",")[1]);
        assertThat(x1).isGreaterThan(1.0); // RMSE in y's units rises by more than 1 when x1 is shuffled
        assertThat(Math.abs(noise)).isLessThan(0.1 * x1);
        assertThat(outcome.out()).contains("colour").contains("rmse");

        List<String> dependence = Files.readAllLines(out.resolve("partial_dependence.csv"));
        assertThat(dependence.get(0)).isEqualTo("column,value,prediction");
        List<double[]> x1Curve = dependence.stream().skip(1).filter(l -> l.startsWith("x1,"))
                .map(l -> new double[] {Double.parseDouble(l.split(",")[1]), Double.parseDouble(l.split(",")[2])}).toList();
        assertThat(x1Curve).hasSize(20);
        double slope = (x1Curve.get(19)[1] - x1Curve.get(0)[1]) / (x1Curve.get(19)[0] - x1Curve.get(0)[0]);
        assertThat(slope).isBetween(2.0, 4.0); // y = 3 x1 + ...
        assertThat(dependence.stream().filter(l -> l.startsWith("colour,red,"))).hasSize(1);
    }
}
