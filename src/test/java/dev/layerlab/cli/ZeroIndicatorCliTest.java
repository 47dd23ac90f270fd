package dev.layerlab.cli;

import static dev.layerlab.cli.CliRun.run;
import static dev.layerlab.cli.MessyCsvEndToEndTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layerlab.cli.CliRun.Outcome;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.Predictor;
import dev.layerlab.export.server.ModelServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rainfall.csv (make_fixtures.py): a day is wet exactly when its rain is above 0, many by a tenth of a millimetre.
 * By default the rain column gets an "is 0" input; train, predict, serve and a reloaded bundle all use it.
 */
class ZeroIndicatorCliTest {
    @TempDir
    static Path dir;
    static Path model;
    static String trainOut;
    /** Dry, then wet by 0.1, 0.2 and 3 mm, on otherwise the same day. */
    static final String DAYS = "rain,temp,wind\n0,12,3\n0.1,12,3\n0.2,12,3\n3,12,3\n";

    @BeforeAll
    static void train() {
        Path run = dir.resolve("run");
        Outcome trained = run("train", "--data", fixture("rainfall.csv").toString(), "--target", "day",
                "--out", run.toString(), "--epochs", "40", "--seed", "1", "--no-baselines");
        assertThat(trained.code()).as(trained.err()).isZero();
        trainOut = trained.out();
        model = run.resolve("model.zip");
    }

    @Test
    void trainBuildsTheIndicatorAndLearnsTheCutAtZero() throws Exception {
        assertThat(trainOut).contains("; 4 input features");
        JsonNode metrics = new ObjectMapper().readTree(dir.resolve("run").resolve("metrics.json").toFile());
        assertThat(metrics.path("test").path("accuracy").asDouble()).isGreaterThanOrEqualTo(0.97);

        Path days = dir.resolve("days.csv");
        Files.writeString(days, DAYS);
        Path predictions = dir.resolve("p.csv");
        Outcome predicted = run("predict", "--model", model.toString(), "--data", days.toString(), "--out", predictions.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        List<String> labels = Files.readAllLines(predictions).stream().skip(1).map(l -> l.split(",")[3]).toList();
        assertThat(labels).containsExactly("dry", "wet", "wet", "wet");

        // a reloaded bundle: the same preprocessing, the same answers
        ModelBundle bundle = ModelBundle.read(model);
        assertThat(bundle.preprocessing().featureNames()).containsExactly("rain", "rain=0", "temp", "wind");
        Predictor again = new Predictor(bundle);
        Predictor.Predictions p = again.predict(again.load(days));
        assertThat(List.of(p.label(0), p.label(1), p.label(2), p.label(3))).containsExactly("dry", "wet", "wet", "wet");

        // serve: a JSON row with rain 0 and one with 0.1
        try (ModelServer server = new ModelServer(bundle).start(0)) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.url() + "/predict")).POST(HttpRequest.BodyPublishers.ofString(
                    "[{\"rain\": 0, \"temp\": 12, \"wind\": 3}, {\"rain\": 0.1, \"temp\": 12, \"wind\": 3}]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(answer.body());
            assertThat(body.path("predictions").path(0).path("prediction").asText()).isEqualTo("dry");
            assertThat(body.path("predictions").path(1).path("prediction").asText()).isEqualTo("wet");
        }
    }

    @Test
    void explainShufflesTheIndicatorWithItsColumnAndSetsItAtZero() throws Exception {
        Path out = dir.resolve("explain");
        Outcome explained = run("explain", "--model", model.toString(), "--data", fixture("rainfall.csv").toString(),
                "--out", out.toString());
        assertThat(explained.code()).as(explained.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("importance.csv")).get(1)).startsWith("rain,");
        // partial dependence of rain (probability of "wet"): dry at its lowest grid point, 0, wet from the next one on
        List<String[]> rain = Files.readAllLines(out.resolve("partial_dependence.csv")).stream()
                .filter(l -> l.startsWith("rain,")).map(l -> l.split(",")).toList();
        assertThat(Double.parseDouble(rain.get(0)[1])).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Double.parseDouble(rain.get(0)[2])).isLessThan(0.5);
        assertThat(Double.parseDouble(rain.get(1)[2])).isGreaterThan(0.5);
    }

    @Test
    void inspectSaysWhyAndTheFlagsSwitchItOffOrOn() throws Exception {
        Outcome inspected = run("inspect", "--data", fixture("rainfall.csv").toString());
        assertThat(inspected.out()).contains("47 % of values are exactly 0: an extra 0/1 input marks them");

        Path off = dir.resolve("off");
        Outcome trained = run("train", "--data", fixture("rainfall.csv").toString(), "--target", "day", "--out", off.toString(),
                "--epochs", "1", "--hidden", "4", "--no-baselines", "--no-zero-indicator", "rain", "--zero-indicator", "wind");
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("; 4 input features");
        assertThat(ModelBundle.read(off.resolve("model.zip")).preprocessing().featureNames())
                .containsExactly("rain", "temp", "wind", "wind=0");
        assertThat(Files.readString(off.resolve("experiment.json"))).contains("\"zeroIndicator\" : false")
                .contains("\"zeroIndicator\" : true");

        Outcome both = run("train", "--data", fixture("rainfall.csv").toString(), "--target", "day", "--out",
                dir.resolve("both").toString(), "--zero-indicator", "rain", "--no-zero-indicator", "rain");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err().strip()).contains("given to both --zero-indicator and --no-zero-indicator").doesNotContain("\n");
    }

    @Test
    void codeExportComputesTheIndicatorAndHonoursItsSetting() throws Exception {
        // the generated code applies the same rule on the training rows (ExportedTrainingSettingsTest checks the numbers)
        Path script = dir.resolve("train.py");
        Outcome written = run("export-code", "--model", model.toString(), "--lang", "keras", "--out", script.toString());
        assertThat(written.code()).as(written.err()).isZero();
        assertThat(Files.readString(script)).contains("ZERO_SHARE = 0.1").contains("if step[\"zero\"]:");
        Outcome dl4j = run("export-code", "--model", model.toString(), "--lang", "dl4j", "--out", dir.resolve("TrainRain.java").toString());
        assertThat(dl4j.code()).as(dl4j.err()).isZero();
        assertThat(Files.readString(dir.resolve("TrainRain.java"))).contains("out[at + 1] = v == 0 ? 1f : 0f;");

        Path off = dir.resolve("export-off");
        Outcome trained = run("train", "--data", fixture("rainfall.csv").toString(), "--target", "day", "--out", off.toString(),
                "--epochs", "1", "--hidden", "4", "--no-baselines", "--no-zero-indicator", "rain");
        assertThat(trained.code()).as(trained.err()).isZero();
        Outcome exported = run("export-code", "--model", off.resolve("model.zip").toString(), "--lang", "keras",
                "--out", script.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(Files.readString(script)).contains("\"rain\": {").contains("\"zero_indicator\": False");
    }
}
