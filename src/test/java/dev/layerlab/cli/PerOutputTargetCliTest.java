package dev.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.layerlab.cli.CliRun.run;

import dev.layerlab.cli.CliRun.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layerlab.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An experiment whose graph outputs predict other columns, from the command line: train, predict, evaluate. */
class PerOutputTargetCliTest {
    @TempDir
    static Path dir;
    static Path csv;
    static Path run;


    /** y is the experiment's target; one head predicts x2 (numeric, a few cells missing), one the colour. */
    static Path experiment(String name, String inputColumns, String auxTarget) {
        String json = """
                {
                  "name": "%s",
                  "data": { "path": "%s", "target": "y" },
                  "network": {
                    "inputs": [ { "name": "in", "columns": [%s] } ],
                    "layers": [ { "type": "dense", "name": "hidden", "units": 8, "activation": "relu" } ],
                    "outputs": [ { "name": "main", "from": "hidden" },
                                 { "name": "x2_head", "from": "hidden", "lossWeight": 0.5, "target": "%s" },
                                 { "name": "colour_head", "from": "hidden", "lossWeight": 0.5, "target": "colour" } ]
                  },
                  "training": { "epochs": 2, "batchSize": 32 }
                }
                """.formatted(name, csv.toString().replace("\\", "\\\\"), inputColumns, auxTarget);
        return TestData.write(dir.resolve(name + ".json"), json);
    }

    @BeforeAll
    static void train() {
        csv = TestData.regression(dir, 200);
        run = dir.resolve("run");
        Outcome outcome = run("train", "--experiment", experiment("heads", "\"x1\"", "x2").toString(),
                "--out", run.toString());
        assertThat(outcome.code()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("x2_head_rmse", "colour_head_accuracy");
    }

    @Test
    void predictWritesEachHeadInItsOwnTargetsTerms() throws Exception {
        Path out = dir.resolve("predictions.csv");
        Outcome outcome = run("predict", "--model", run.resolve("model.zip").toString(), "--data", csv.toString(),
                "--out", out.toString());
        assertThat(outcome.code()).as(outcome.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("x1,x2,colour,y,prediction,prediction_x2_head,prediction_colour_head,"
                + "probability_colour_head_blue,probability_colour_head_green,probability_colour_head_red");
        String[] first = lines.get(1).split(",");
        Double.parseDouble(first[5]); // a number in x2's units
        assertThat(first[6]).isIn("blue", "green", "red");
    }

    @Test
    void evaluateReportsEveryOutput() throws Exception {
        Outcome outcome = run("evaluate", "--model", run.resolve("model.zip").toString(), "--data", csv.toString());
        assertThat(outcome.code()).as(outcome.err()).isZero();
        JsonNode metrics = new ObjectMapper().readTree(outcome.out());
        assertThat(metrics.has("rmse")).isTrue();
        for (String name : List.of("main_rmse", "x2_head_rmse", "x2_head_loss", "colour_head_accuracy", "colour_head_loss")) {
            assertThat(metrics.has(name)).as(name).isTrue();
        }
        assertThat(metrics.get("colour_head_accuracy").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void fineTuningKeepsEveryHeadsEncoding() throws Exception {
        Path tuned = dir.resolve("tuned");
        Outcome outcome = run("train", "--from", run.resolve("model.zip").toString(), "--data", csv.toString(),
                "--epochs", "1", "--out", tuned.toString());
        assertThat(outcome.code()).as(outcome.err()).isZero();
        var parent = dev.layerlab.export.ModelBundle.read(run.resolve("model.zip")).preprocessing();
        var child = dev.layerlab.export.ModelBundle.read(tuned.resolve("model.zip")).preprocessing();
        assertThat(child.outputTargets()).isEqualTo(parent.outputTargets());

        Outcome refit = run("train", "--from", run.resolve("model.zip").toString(), "--data", csv.toString(),
                "--epochs", "1", "--refit-preprocessing", "--out", dir.resolve("refit").toString());
        assertThat(refit.code()).as(refit.err()).isZero();
    }

    @Test
    void anUnknownTargetColumnIsOneLineOnStderr() {
        Outcome outcome = run("train", "--experiment", experiment("unknown", "\"x1\"", "x3").toString(),
                "--out", dir.resolve("unknown-run").toString());
        assertThat(outcome.code()).isEqualTo(LayerLabCommand.BAD_INPUT);
        assertThat(outcome.err().strip()).doesNotContain("\n")
                .contains("An output predicts column 'x3', which regression.csv does not have");
    }

    @Test
    void anInputTakingAPredictedColumnIsRefusedAsATargetLeak() {
        Outcome outcome = run("train", "--experiment", experiment("leak", "\"x1\", \"x2\"", "x2").toString(),
                "--out", dir.resolve("leak-run").toString());
        assertThat(outcome.code()).isEqualTo(LayerLabCommand.BAD_INPUT);
        assertThat(outcome.err().strip()).doesNotContain("\n")
                .contains("input 'in' takes column 'x2', which is what output 'x2_head' predicts")
                .contains("leaks the answer into the inputs");
    }

    @Test
    void codeExportWritesTheGraphWithEveryHeadAndItsTarget() throws Exception {
        Path script = dir.resolve("train.py");
        Outcome keras = run("export-code", "--experiment", experiment("code", "\"x1\"", "x2").toString(),
                "--lang", "keras", "--out", script.toString());
        assertThat(keras.code()).as(keras.err()).isZero();
        assertThat(Files.readString(script)).contains("in_ = joined[\"in\"]").contains("keras.Model(inputs=inputs, outputs=[main, x2_head, colour_head]")
                .contains("\"x2_head\": {\"target\": \"x2\", \"loss_weight\": 0.5}")
                .contains("\"colour_head\": {\"target\": \"colour\", \"loss_weight\": 0.5}");

        Path java = dir.resolve("TrainHeads.java");
        Outcome dl4j = run("export-code", "--model", run.resolve("model.zip").toString(), "--lang", "dl4j",
                "--out", java.toString());
        assertThat(dl4j.code()).as(dl4j.err()).isZero();
        assertThat(Files.readString(java)).contains("public class TrainHeads")
                .contains("static final String[] OUTPUT_TARGETS = {null, \"x2\", \"colour\"};")
                .contains("graph.addLayer(\"x2_head\", outputLayer(1, tasks[1], widths[1]");
    }

    @Test
    void codeExportRefusesAGraphWhoseMainOutputPredictsAnotherColumn() throws Exception {
        String json = Files.readString(experiment("main-elsewhere", "\"x1\"", "x2"))
                .replace("{ \"name\": \"main\", \"from\": \"hidden\" }",
                        "{ \"name\": \"main\", \"from\": \"hidden\", \"target\": \"colour\" }");
        Path file = TestData.write(dir.resolve("main-elsewhere.json"), json);
        Outcome outcome = run("export-code", "--experiment", file.toString(), "--lang", "keras",
                "--out", dir.resolve("elsewhere.py").toString());
        assertThat(outcome.code()).isEqualTo(LayerLabCommand.BAD_INPUT);
        assertThat(outcome.err().strip()).doesNotContain("\n").contains("cannot export Keras code for this graph network")
                .contains("the first output is the main one");
        assertThat(dir.resolve("elsewhere.py")).doesNotExist();
    }
}
