package dev.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.layerlab.cli.CliRun.run;

import dev.layerlab.cli.CliRun.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import dev.layerlab.TestData;
import dev.layerlab.experiment.ExperimentJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line end to end, in-process: exit codes, files written, one-line errors. */
class CliTest {
    @TempDir
    static Path dir;
    static Path csv;
    static Path run;


    @BeforeAll
    static void trainOnce() {
        csv = TestData.regression(dir, 400);
        run = dir.resolve("run");
        Outcome outcome = run("train", "--data", csv.toString(), "--target", "y", "--out", run.toString(),
                "--hidden", "16,8", "--epochs", "4", "--batch", "32", "--lr", "0.01", "--seed", "3");
        assertThat(outcome.code()).as(outcome.err()).isZero();
    }

    @Test
    void trainWritesTheRunFiles() throws IOException {
        assertThat(run.resolve("model.zip")).isRegularFile();
        assertThat(run.resolve("experiment.json")).isRegularFile();
        List<String> history = Files.readAllLines(run.resolve("history.csv"));
        assertThat(history.get(0)).startsWith("epoch,train_loss,val_loss,train_mse,train_rmse,train_mae,train_r2,val_mse");
        assertThat(history).hasSize(5);
        JsonNode metrics = ExperimentJson.MAPPER.readTree(run.resolve("metrics.json").toFile());
        for (String split : new String[] {"train", "validation", "test"}) {
            for (String metric : new String[] {"mse", "rmse", "mae", "r2"}) {
                assertThat(metrics.path(split).path(metric).isNumber()).as(split + "." + metric).isTrue();
            }
        }
    }

    @Test
    void trainingFromTheWrittenExperimentReproducesTheRun() throws IOException {
        Path again = dir.resolve("again");
        Outcome outcome = run("train", "--experiment", run.resolve("experiment.json").toString(), "--out", again.toString());

        assertThat(outcome.code()).as(outcome.err()).isZero();
        assertThat(Files.readString(again.resolve("metrics.json"))).isEqualTo(Files.readString(run.resolve("metrics.json")));
    }

    @Test
    void predictAppendsAPredictionColumn() throws IOException {
        Path predictions = dir.resolve("predictions.csv");
        Outcome outcome = run("predict", "--model", run.resolve("model.zip").toString(), "--data", csv.toString(),
                "--out", predictions.toString());

        assertThat(outcome.code()).as(outcome.err()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines.get(0)).isEqualTo("x1,x2,colour,y,prediction");
        assertThat(lines).hasSize(401);
        String[] first = lines.get(1).split(",");
        assertThat(Double.parseDouble(first[4])).isCloseTo(Double.parseDouble(first[3]), org.assertj.core.data.Offset.offset(4.0));
    }

    @Test
    void predictWorksWithoutTheTargetColumn() throws IOException {
        Path noTarget = TestData.write(dir.resolve("new.csv"), "x1,x2,colour\n0.5,-1.0,red\n0.1,0.2,purple\n");
        Path predictions = dir.resolve("new-predictions.csv");

        Outcome outcome = run("predict", "--model", run.resolve("model.zip").toString(), "--data", noTarget.toString(),
                "--out", predictions.toString());

        assertThat(outcome.code()).as(outcome.err()).isZero();
        assertThat(Files.readAllLines(predictions)).hasSize(3).first().isEqualTo("x1,x2,colour,prediction");
    }

    @Test
    void evaluatePrintsMetricsJson() throws IOException {
        Outcome outcome = run("evaluate", "--model", run.resolve("model.zip").toString(), "--data", csv.toString());

        assertThat(outcome.code()).as(outcome.err()).isZero();
        JsonNode metrics = ExperimentJson.MAPPER.readTree(outcome.out());
        assertThat(metrics.path("rmse").asDouble()).isPositive();
        assertThat(metrics.path("r2").isNumber()).isTrue();
    }

    @Test
    void summaryOfAModelAndOfAnExperiment() {
        Outcome fromModel = run("summary", "--model", run.resolve("model.zip").toString());
        Outcome fromExperiment = run("summary", "--experiment", run.resolve("experiment.json").toString());

        assertThat(fromModel.code()).as(fromModel.err()).isZero();
        assertThat(fromModel.out()).contains("dense").contains("(None, 16)").contains("Total params");
        assertThat(fromExperiment.out()).isEqualTo(fromModel.out());
    }

    @Test
    void inspectReportsFormatAndColumns() {
        Outcome outcome = run("inspect", "--data", TestData.CALIFORNIA.toString());

        assertThat(outcome.code()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("total_bedrooms").contains("207").contains("ocean_proximity");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing file        | train --data /nonexistent/file.csv --target y --out OUT | not found",
            "directory as data   | train --data DIR --target y --out OUT                     | directory",
            "unknown target      | train --data CSV --target price --out OUT                 | price",
            "bad optimizer       | train --data CSV --target y --optimizer adamw --out OUT   | adamw",
            "negative lr         | train --data CSV --target y --lr -1 --out OUT             | learning rate",
            "unknown option      | train --data CSV --target y --colour blue                 | --colour",
            "bad number          | train --data CSV --target y --epochs many                 | many",
            "model not a bundle  | predict --model CSV --data CSV --out OUT/p.csv            | not a model bundle",
            "missing experiment  | train --experiment /nonexistent.json --out OUT            | not found",
    })
    void badInputExitsWithCodeTwoAndOneLine(String name, String command, String expected) {
        String[] args = command.trim().replace("OUT", dir.resolve("bad-out").toString())
                .replace("CSV", csv.toString()).replace("DIR", dir.toString()).split("\\s+");

        Outcome outcome = run(args);

        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.err().strip()).doesNotContain("\n").doesNotContain("Exception").contains(expected);
    }
}
