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
import dev.layerlab.data.CoordinateRotation;
import dev.layerlab.data.CsvSniffer;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.FittedColumn;
import dev.layerlab.data.FittedPreprocessing;
import dev.layerlab.data.Table;
import dev.layerlab.data.TableLoader;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.server.ModelServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rotated coordinates end to end on California housing rows: found by name and range, recorded in the experiment
 * and the bundle, and predict and serve (given the raw columns only) give what the network computes from
 * projections built by hand.
 */
class CoordinateRotationBundleTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path csv;
    static Path model;
    static List<String> header;
    static List<String[]> rows = new ArrayList<>();

    @BeforeAll
    static void train() throws Exception {
        List<String> lines = Files.readAllLines(TestData.CALIFORNIA);
        csv = dir.resolve("housing-1500.csv");
        Files.write(csv, lines.subList(0, 1501));
        header = List.of(lines.get(0).split(","));
        for (String line : lines.subList(1, 1501)) {
            rows.add(line.split(",", -1));
        }
        Path out = dir.resolve("run");
        Outcome train = run("train", "--data", csv.toString(), "--target", "median_house_value", "--out", out.toString(),
                "--ignore", "ocean_proximity", "--rotate", "latitude,longitude", "--hidden", "16,8", "--epochs", "3",
                "--no-baselines");
        assertThat(train.code()).as(train.err()).isZero();
        model = out.resolve("model.zip");
    }

    @Test
    void theExperimentAndTheBundleRecordTheRotation() throws Exception {
        DataSpec data = ExperimentJson.read(dir.resolve("run").resolve("experiment.json")).data();
        assertThat(data.rotations()).containsExactly(CoordinateRotation.of("latitude", "longitude"));

        FittedPreprocessing prep = ModelBundle.read(model).preprocessing();
        assertThat(prep.featureNames()).contains("latitude+longitude@15deg", "latitude+longitude@165deg")
                .hasSize(8 + CoordinateRotation.DEFAULT_DEGREES.size());
        assertThat(prep.rawInputColumns()).doesNotContain("latitude+longitude@45deg").contains("latitude", "longitude");
        assertThat(FittedPreprocessing.fromJson(prep.toJson()).toJson()).isEqualTo(prep.toJson());
    }

    /** What the network predicts for each row, its features built by hand from the raw cells. */
    static double[] byHand(ModelBundle bundle) {
        FittedPreprocessing prep = bundle.preprocessing();
        int width = prep.featureCount();
        float[] x = new float[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < width; c++) {
                FittedColumn f = prep.columns().get(c);
                double raw = raw(rows.get(r), f.name());
                x[r * width + c] = (float) (((Double.isNaN(raw) ? f.fill() : raw) - f.center()) / f.scale());
            }
        }
        float[] out = bundle.network().output(Nd4j.create(x, new long[] {rows.size(), width}, DataType.FLOAT)).toFloatVector();
        double[] values = new double[rows.size()];
        for (int r = 0; r < values.length; r++) {
            values[r] = out[r] * prep.targetScale() + prep.targetCenter();
        }
        return values;
    }

    static double raw(String[] row, String name) {
        if (name.startsWith("latitude+longitude@")) {
            double angle = Math.toRadians(Integer.parseInt(name.substring(name.indexOf('@') + 1, name.length() - 3)));
            return (float) (raw(row, "latitude") * Math.cos(angle) + raw(row, "longitude") * Math.sin(angle));
        }
        String cell = row[header.indexOf(name)];
        return cell.isEmpty() ? Double.NaN : Float.parseFloat(cell);
    }

    @Test
    void predictAndServeFromRawColumnsMatchTheNetworkOnHandBuiltProjections() throws Exception {
        ModelBundle bundle = ModelBundle.read(model);
        double[] expected = byHand(bundle);

        Path predictions = dir.resolve("predictions.csv");
        Outcome predict = run("predict", "--model", model.toString(), "--data", csv.toString(), "--out", predictions.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        int column = List.of(lines.get(0).split(",")).indexOf("prediction");
        for (int r = 0; r < rows.size(); r++) {
            double p = Double.parseDouble(lines.get(r + 1).split(",", -1)[column]);
            assertThat(p).as("row %d", r + 1).isCloseTo(expected[r], within(1e-4 * Math.abs(expected[r]) + 1e-2));
        }

        // serve gets the raw columns only
        ArrayNode body = JSON.createArrayNode();
        for (String[] row : rows.subList(0, 100)) {
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
            assertThat(answers).hasSize(100);
            for (int r = 0; r < 100; r++) {
                assertThat(answers.get(r).get("prediction").doubleValue()).as("row %d", r + 1)
                        .isCloseTo(expected[r], within(1e-4 * Math.abs(expected[r]) + 1e-2));
            }
        }
    }

    @Test
    void coordinatePairsAreFoundByNameAndRangeAndBadFlagsAreOneLine() throws Exception {
        Table housing = TableLoader.load(csv, CsvSniffer.detect(csv), Map.of());
        assertThat(CoordinateRotation.candidates(housing, "median_house_value"))
                .containsExactly(CoordinateRotation.of("latitude", "longitude"));
        Table sonar = TableLoader.load(TestData.SONAR, CsvSniffer.detect(TestData.SONAR), Map.of());
        assertThat(CoordinateRotation.candidates(sonar, "Target")).isEmpty();

        Path trips = dir.resolve("trips.csv");
        Files.writeString(trips, """
                pickup_lat,pickup_lon,dropoff_lat,dropoff_lon,lat_error,fare
                40.7,-73.9,40.8,-73.95,120,10
                40.6,-74.0,40.7,-73.99,150,12
                40.75,-73.98,40.72,-73.97,300,8
                """);
        Table tripTable = TableLoader.load(trips, CsvSniffer.detect(trips), Map.of());
        // pairs match by the rest of the name; a "latitude" beyond +-90 is not one
        assertThat(CoordinateRotation.candidates(tripTable, "fare")).containsExactly(
                CoordinateRotation.of("pickup_lat", "pickup_lon"), CoordinateRotation.of("dropoff_lat", "dropoff_lon"));
        Table rotated = CoordinateRotation.addTo(tripTable, List.of(CoordinateRotation.of("pickup_lat", "pickup_lon")));
        dev.layerlab.data.NumericColumn at45 = (dev.layerlab.data.NumericColumn) rotated.column("pickup_lat+pickup_lon@45deg");
        assertThat((double) at45.value(0)).isCloseTo((40.7 - 73.9) / Math.sqrt(2), within(1e-4));

        Outcome bad = run("train", "--data", csv.toString(), "--target", "median_house_value", "--rotate", "latitude");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("layerlab: --rotate wants LATITUDE,LONGITUDE").doesNotContain("\n");
        Outcome unknown = run("train", "--data", csv.toString(), "--target", "median_house_value", "--rotate", "lat,longitude");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Column 'lat'");
    }
}
