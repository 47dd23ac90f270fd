package dev.layerlab.cli;

import static dev.layerlab.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerlab.TestData;
import dev.layerlab.cli.CliRun.Outcome;
import dev.layerlab.export.server.ModelServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The first rows of California housing as a file and as raw cells, for tests of generated inputs: what predict and
 * serve answer from the raw columns must equal what the network computes from features built by hand.
 */
final class RawHousingRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    final Path csv;
    final List<String> header;
    final List<String[]> rows = new ArrayList<>();

    private RawHousingRows(Path csv, List<String> header) {
        this.csv = csv;
        this.header = header;
    }

    /** Writes the first {@code count} rows of the sample to {@code dir}/housing-COUNT.csv. */
    static RawHousingRows write(Path dir, int count) throws IOException {
        List<String> lines = Files.readAllLines(TestData.CALIFORNIA);
        Path csv = dir.resolve("housing-" + count + ".csv");
        Files.write(csv, lines.subList(0, count + 1));
        RawHousingRows out = new RawHousingRows(csv, List.of(lines.get(0).split(",")));
        for (String line : lines.subList(1, count + 1)) {
            out.rows.add(line.split(",", -1));
        }
        return out;
    }

    /** A row's cell as a number; NaN when empty. */
    double cell(String[] row, String column) {
        String cell = row[header.indexOf(column)];
        return cell.isEmpty() ? Double.NaN : Float.parseFloat(cell);
    }

    /**
     * predict on the whole file and serve on its first {@code served} rows (numeric columns only, neither the target
     * nor ocean_proximity) answer {@code expected} within a relative 1e-4 plus {@code absolute}.
     */
    void assertPredictAndServeGive(Path model, Path dir, double[] expected, double absolute, int served) throws Exception {
        Path predictions = dir.resolve("predictions.csv");
        Outcome predict = run("predict", "--model", model.toString(), "--data", csv.toString(), "--out", predictions.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        int column = List.of(lines.get(0).split(",")).indexOf("prediction");
        for (int r = 0; r < rows.size(); r++) {
            double p = Double.parseDouble(lines.get(r + 1).split(",", -1)[column]);
            assertThat(p).as("row %d", r + 1).isCloseTo(expected[r], within(1e-4 * Math.abs(expected[r]) + absolute));
        }

        // serve gets the raw columns only: no generated input, no target
        ArrayNode body = JSON.createArrayNode();
        for (String[] row : rows.subList(0, served)) {
            ObjectNode o = body.addObject();
            for (int c = 0; c < header.size(); c++) {
                String name = header.get(c);
                if (name.equals("median_house_value") || name.equals("ocean_proximity")) {
                    continue;
                }
                if (row[c].isEmpty()) {
                    o.putNull(name);
                } else {
                    o.put(name, Double.parseDouble(row[c]));
                }
            }
        }
        try (ModelServer server = ModelServer.of(model).allowWithoutToken(true).start(0)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode answers = JSON.readTree(response.body()).get("predictions");
            assertThat(answers).hasSize(served);
            for (int r = 0; r < served; r++) {
                assertThat(answers.get(r).get("prediction").doubleValue()).as("row %d", r + 1)
                        .isCloseTo(expected[r], within(1e-4 * Math.abs(expected[r]) + absolute));
            }
        }
    }
}
