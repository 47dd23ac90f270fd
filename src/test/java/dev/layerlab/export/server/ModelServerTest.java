package dev.layerlab.export.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerlab.TestData;
import dev.layerlab.cli.LayerLabCommand;
import dev.layerlab.export.ModelBundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP API over real sockets on an ephemeral loopback port, checked against {@code layerlab predict}. */
class ModelServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dir;
    static Path regressionCsv;
    static Path classificationCsv;
    static ModelServer regression;
    static ModelServer classification;

    @BeforeAll
    static void trainAndServe() throws IOException {
        regressionCsv = TestData.regression(dir, 200);
        classificationCsv = TestData.classification(dir, 150);
        regression = ModelServer.of(train(regressionCsv, "y", "reg")).start(0);
        classification = ModelServer.of(train(classificationCsv, "label", "cls")).start(0);
    }

    @AfterAll
    static void stop() {
        regression.stop();
        classification.stop();
    }

    static Path train(Path csv, String target, String name) {
        Path out = dir.resolve(name);
        int code = cli("train", "--data", csv.toString(), "--target", target, "--out", out.toString(),
                "--hidden", "8", "--epochs", "2", "--seed", "3");
        assertThat(code).isZero();
        return out.resolve("model.zip");
    }

    static int cli(String... args) {
        StringWriter err = new StringWriter();
        int code = LayerLabCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err)).execute(args);
        assertThat(code).as(err.toString()).isZero();
        return code;
    }

    record Answer(int status, JsonNode body, String raw) {
    }

    static Answer send(ModelServer server, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(java.time.Duration.ofSeconds(30));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Answer(response.statusCode(), json, response.body());
    }

    /** The CSV's rows as JSON objects, numbers as JSON numbers and empty cells as null. */
    static ArrayNode rowsOf(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",");
        ArrayNode rows = JSON.createArrayNode();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            ObjectNode row = rows.addObject();
            for (int c = 0; c < header.length; c++) {
                if (cells[c].isEmpty()) {
                    row.putNull(header[c]);
                } else if (cells[c].matches("-?[0-9.]+")) {
                    row.put(header[c], new java.math.BigDecimal(cells[c]));
                } else {
                    row.put(header[c], cells[c]);
                }
            }
        }
        return rows;
    }

    /** `layerlab predict` on the same file: one row of cells per data row. */
    static List<String[]> predictCli(ModelServer server, Path csv) throws IOException {
        Path model = dir.resolve(server == regression ? "reg" : "cls").resolve("model.zip");
        Path out = dir.resolve("predicted-" + csv.getFileName());
        cli("predict", "--model", model.toString(), "--data", csv.toString(), "--out", out.toString());
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out).subList(1, Files.readAllLines(out).size())) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    @Test
    void regressionAnswersEqualPredict() throws Exception {
        Answer answer = send(regression, "POST", "/predict", rowsOf(regressionCsv).toString());
        List<String[]> expected = predictCli(regression, regressionCsv);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        JsonNode predictions = answer.body().get("predictions");
        assertThat(predictions).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(Double.toString(predictions.get(i).get("prediction").doubleValue())).isEqualTo(expected.get(i)[4]);
        }
        assertThat(answer.body().has("ignoredFields")).isFalse(); // the target column is ignored silently
    }

    @Test
    void classificationAnswersLabelsAndProbabilitiesEqualToPredict() throws Exception {
        Answer answer = send(classification, "POST", "/predict", rowsOf(classificationCsv).toString());
        List<String[]> expected = predictCli(classification, classificationCsv);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        JsonNode predictions = answer.body().get("predictions");
        for (int i = 0; i < expected.size(); i++) {
            JsonNode p = predictions.get(i);
            assertThat(p.get("prediction").asText()).isEqualTo(expected.get(i)[3]);
            assertThat(Float.toString(p.get("probabilities").get("no").floatValue())).isEqualTo(expected.get(i)[4]);
            assertThat(Float.toString(p.get("probabilities").get("yes").floatValue())).isEqualTo(expected.get(i)[5]);
        }
    }

    @Test
    void oneObjectGetsOneAnswerAndUnknownFieldsAreReported() throws Exception {
        Answer answer = send(regression, "POST", "/predict",
                "{\"x1\": 0.5, \"x2\": \"-1.25\", \"colour\": \"red\", \"extra\": 1, \"note\": \"hi\"}");

        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().get("prediction").isNumber()).isTrue();
        assertThat(answer.body().get("ignoredFields").toString()).isEqualTo("[\"extra\",\"note\"]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "bad JSON            | {\"x1\": 1,            | 400 | not valid JSON",
            "trailing garbage    | {\"x1\": 1} x          | 400 | not valid JSON",
            "missing column      | {\"x1\": 1, \"colour\": \"red\"} | 400 | missing field 'x2'",
            "wrong type (text)   | {\"x1\": \"abc\", \"x2\": 1, \"colour\": \"red\"} | 400 | 'x1'",
            "wrong type (bool)   | {\"x1\": true, \"x2\": 1, \"colour\": \"red\"} | 400 | field 'x1' must be a number",
            "wrong type (object) | {\"x1\": 1, \"x2\": 1, \"colour\": {\"a\": 1}} | 400 | field 'colour' must be a string",
            "row not an object   | [{\"x1\": 1, \"x2\": 1, \"colour\": \"red\"}, 5] | 400 | row 2: expected a JSON object",
            "bad cell in row 2   | [{\"x1\": 1, \"x2\": 1, \"colour\": \"red\"}, {\"x1\": 1, \"x2\": \"x\", \"colour\": \"red\"}] | 400 | 'x2'",
            "empty array         | []                     | 400 | no rows",
            "a bare number       | 42                     | 400 | must be a JSON object",
            "empty body          | ``                     | 400 | body is empty",
    })
    void badRequestsGet400NamingTheProblemAndTheServerKeepsServing(String name, String body, int status, String message)
            throws Exception {
        Answer answer = send(regression, "POST", "/predict", body);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.body().get("error").asText()).contains(message);
        assertThat(send(regression, "GET", "/health", null).status()).isEqualTo(200);
    }

    @Test
    void wrongMethodUnknownPathAndOversizedBody() throws Exception {
        Answer get = send(regression, "GET", "/predict", null);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.body().get("error").asText()).contains("use POST");
        assertThat(send(regression, "DELETE", "/model", null).status()).isEqualTo(405);
        assertThat(send(regression, "GET", "/nope", null).status()).isEqualTo(404);

        try (ModelServer small = new ModelServer(regression.bundle(), "small", 200).start(0)) {
            String big = "[" + "{\"x1\": 1, \"x2\": 1, \"colour\": \"red\"},".repeat(20) + "{\"x1\": 1, \"x2\": 1, \"colour\": \"red\"}]";
            Answer tooBig = send(small, "POST", "/predict", big);
            assertThat(tooBig.status()).isEqualTo(413);
            assertThat(send(small, "POST", "/predict", "{\"x1\": 1, \"x2\": 1, \"colour\": \"red\"}").status()).isEqualTo(200);
        }
    }

    @Test
    void healthAndModelDescribeTheModel() throws Exception {
        Answer health = send(regression, "GET", "/health", null);
        assertThat(health.body().get("status").asText()).isEqualTo("ok");

        JsonNode model = send(classification, "GET", "/model", null).body();
        assertThat(model.get("task").asText()).isEqualTo("binary_classification");
        assertThat(model.get("target").asText()).isEqualTo("label");
        assertThat(model.get("classes").toString()).isEqualTo("[\"no\",\"yes\"]");
        assertThat(model.get("columns").get(0).get("name").asText()).isEqualTo("x1");
        assertThat(model.get("columns").get(0).get("type").asText()).isEqualTo("numeric");
        assertThat(model.get("metrics").has("test")).isTrue();
        assertThat(model.get("provenance").get("dataSha256").asText()).hasSize(64);
        // The example request is itself a valid request.
        assertThat(send(classification, "POST", "/predict", model.get("exampleRequest").toString()).status()).isEqualTo(200);
    }

    @Test
    void concurrentClientsGetTheSameAnswersAsPredict() throws Exception {
        ArrayNode rows = rowsOf(regressionCsv);
        List<String[]> expected = predictCli(regression, regressionCsv);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int k = 0; k < 20; k++) {
                        int from = (thread * 20 + k) % (rows.size() - 5);
                        ArrayNode batch = JSON.createArrayNode();
                        for (int i = from; i < from + 1 + k % 5; i++) {
                            batch.add(rows.get(i));
                        }
                        Answer answer = send(regression, "POST", "/predict", batch.toString());
                        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
                        for (int i = 0; i < batch.size(); i++) {
                            assertThat(Double.toString(answer.body().get("predictions").get(i).get("prediction").doubleValue()))
                                    .isEqualTo(expected.get(from + i)[4]);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bindsToLoopbackByDefaultAndStopsCleanly() throws Exception {
        ModelServer server = new ModelServer(ModelBundle.read(dir.resolve("reg").resolve("model.zip"))).start(0);
        assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
        int port = server.port();
        server.stop();
        server.stop();
        assertThat(server.isRunning()).isFalse();
        try (java.net.Socket socket = new java.net.Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500)).isInstanceOf(IOException.class);
        }
    }
}
