package dev.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.layerlab.cli.CliRun.run;

import dev.layerlab.cli.CliRun.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.Predictor;
import dev.layerlab.export.server.ModelServer;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-looking CSVs (fixtures in data/quality, written by make_fixtures.py) through train, predict, serve and a
 * bundle reload: dates become calendar features, identifiers and free text are ignored, dirty numbers are missing.
 */
class MessyCsvEndToEndTest {
    @TempDir
    Path dir;


    static Path fixture(String name) {
        try {
            return Path.of(MessyCsvEndToEndTest.class.getResource("/data/quality/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trains, predicts the file, serves its first row, reloads the bundle; returns the train output. */
    String trainPredictServeReload(String file, String target, String... extra) throws Exception {
        Path csv = fixture(file);
        Path run = dir.resolve("run");
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", csv.toString(), "--target", target,
                "--out", run.toString(), "--hidden", "16", "--epochs", "3", "--seed", "1"));
        args.addAll(List.of(extra));
        Outcome trained = run(args.toArray(String[]::new));
        assertThat(trained.code()).as(trained.err()).isZero();

        Path predictions = dir.resolve("p.csv");
        Outcome predicted = run("predict", "--model", run.resolve("model.zip").toString(), "--data", csv.toString(),
                "--out", predictions.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines).hasSize(Files.readAllLines(csv).size());

        // serve: the first row as JSON (every cell a string) gets the label predict wrote for it
        ModelBundle bundle = ModelBundle.read(run.resolve("model.zip"));
        String[] header = Files.readAllLines(csv).get(0).split(",");
        String[] first = Files.readAllLines(csv).get(1).split(",", -1);
        ObjectNode row = new ObjectMapper().createObjectNode();
        for (int c = 0; c < header.length; c++) {
            row.put(header[c], first[c]);
        }
        try (ModelServer server = new ModelServer(bundle).start(0)) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.url() + "/predict")).POST(HttpRequest.BodyPublishers.ofString("[" + row + "]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(answer.body());
            String predictedFirst = lines.get(1).split(",", -1)[header.length];
            assertThat(body.path("predictions").path(0).path("prediction").asText()).isEqualTo(predictedFirst);
        }

        // reload: the same predictions from a bundle read again
        Predictor again = new Predictor(ModelBundle.read(run.resolve("model.zip")));
        Predictor.Predictions p = again.predict(again.load(csv));
        assertThat(p.label(0)).isEqualTo(lines.get(1).split(",", -1)[header.length]);
        return trained.out();
    }

    @Test
    void aDateColumnBecomesSevenCalendarInputsNotOnePerDay() throws Exception {
        String out = trainPredictServeReload("weather_daily.csv", "weather");

        // date (7 calendar features) + 4 measurements + precipitation's "is 0" input (55 % dry days), not 1096 one-hot inputs
        assertThat(out).contains("; 12 input features");
    }

    @Test
    void identifiersAndFreeTextAreIgnoredWithTheirReason() throws Exception {
        String out = trainPredictServeReload("messy.csv", "segment");

        assertThat(out).contains("Ignored column 'row': running integer index")
                .contains("Ignored column 'code': nearly every value is different (1500 of 1500)")
                .contains("Ignored column 'note': free text");
        // active (binary: 1) + amount (1) + signup (date: 7) + x (1) + shop (481 shops: an embedding's index, 1),
        // not 1500 + 1500 + 1499 more for the identifiers and the text, nor ~450 one-hot inputs for the shops
        assertThat(out).contains("; 11 input features").contains("Column 'shop': embedding of");
    }

    @Test
    void aUserCanSwitchAnIgnoredColumnBackAndIgnoreOthers() throws Exception {
        String out = trainPredictServeReload("messy.csv", "segment", "--feature", "row", "--ignore", "shop,signup");

        assertThat(out).doesNotContain("Ignored column 'row'");
        // row (1) + active (1) + amount (1) + x (1)
        assertThat(out).contains("; 4 input features");
    }

    @Test
    void dirtyNumbersAreImputedWithAWarning() throws Exception {
        String out = trainPredictServeReload("dirty_numbers.csv", "y");

        assertThat(out).contains("warning: Column 'x2': 1 cell is not a number (e.g. '100.333.333.333') and 1 value is"
                + " out of float range (beyond 3.4e38), lines 42, 172; read as missing and imputed");
    }

    @Test
    void codeExportFollowsTheDefaultRolesAndKeepsDatesAsDates() throws Exception {
        Path csv = fixture("messy.csv");
        Path run = dir.resolve("run");
        Outcome trained = run("train", "--data", csv.toString(), "--target", "segment", "--out", run.toString(),
                "--hidden", "4", "--epochs", "1", "--ignore", "signup", "--one-hot", "shop");
        assertThat(trained.code()).as(trained.err()).isZero();
        Path java = dir.resolve("TrainMessy.java");

        Outcome exported = run("export-code", "--model", run.resolve("model.zip").toString(), "--lang", "dl4j",
                "--out", java.toString());

        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(Files.readString(java)).contains("COLUMNS.put(\"code\", new String[] {\"ignore\"")
                .contains("COLUMNS.put(\"note\", new String[] {\"ignore\"")
                .contains("COLUMNS.put(\"row\", new String[] {\"ignore\"");

        ObjectMapper json = new ObjectMapper();
        ObjectNode experiment = (ObjectNode) json.readTree(run.resolve("experiment.json").toFile());
        // no column settings but the shops' one-hot encoding
        ((ObjectNode) experiment.path("data")).set("columns", json.readTree("{\"shop\": {\"encoding\": \"one_hot\"}}"));
        Path withDate = dir.resolve("dated.json");
        Files.writeString(withDate, experiment.toString());
        Path script = dir.resolve("train.py");
        Outcome dated = run("export-code", "--experiment", withDate.toString(), "--lang", "keras", "--out", script.toString());
        assertThat(dated.code()).as(dated.err()).isZero();
        assertThat(Files.readString(script)).contains("\"signup\": {\"role\": None, \"impute\": None, \"constant\": None,"
                + " \"scaling\": None, \"type\": \"date\"");
    }
}
