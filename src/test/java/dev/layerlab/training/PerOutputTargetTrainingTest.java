package dev.layerlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.Table;
import dev.layerlab.data.TaskType;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.Predictor;
import dev.layerlab.runs.RunWriter;
import dev.layerlab.export.server.ModelServer;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.Initializer;
import dev.layerlab.model.InputNode;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.OutputNode;
import dev.layerlab.model.OutputSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph network on California housing whose heads predict different columns: the house value (the
 * experiment's target), the median income (regression) and the ocean proximity (5 classes). Every eighth row of
 * the sample keeps it fast.
 */
class PerOutputTargetTrainingTest {
    /** The classes in the subset (the sample's only ISLAND row is not among them). */
    static final List<String> CLASSES = List.of("<1H OCEAN", "INLAND", "NEAR BAY", "NEAR OCEAN");

    @TempDir
    static Path dir;
    static Path csv;
    static DataSpec dataSpec;
    static NetworkSpec network;
    static TrainingSpec training;
    static PreparedData data;
    static TrainingResult result;

    @BeforeAll
    static void train() throws Exception {
        List<String> lines = Files.readAllLines(TestData.CALIFORNIA);
        StringBuilder subset = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 8; i < lines.size(); i += 8) {
            subset.append(lines.get(i)).append('\n');
        }
        csv = TestData.write(dir.resolve("housing-subset.csv"), subset.toString());
        dataSpec = new DataSpec(csv.toString(), null, null, "median_house_value", null, null,
                new SplitSpec(0.7, 0.15, 0.15, 42, true), null);
        network = new NetworkSpec(List.of(InputNode.allColumns("features")),
                List.of(dense("hidden1", 64), dense("hidden2", 32)), Map.of(), OutputSpec.auto(),
                List.of(new OutputNode("value", "hidden2", null, 1.0),
                        new OutputNode("income", "hidden2", null, 0.5, "median_income"),
                        new OutputNode("ocean", "hidden1", null, 0.5, "ocean_proximity")));
        training = new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, 0.005), 32, 12, 7,
                EarlyStoppingSpec.disabled(), CheckpointSpec.none());
        data = DataPipeline.prepare(dataSpec, dir, network.outputTargets());
        result = new Trainer(null, null).train(network, training, data);
    }

    static DenseLayer dense(String name, int units) {
        return DenseLayer.of(units, Activation.RELU).withWeightInit(Initializer.HE_NORMAL).withName(name);
    }

    @Test
    void theOutputTargetsAreLabelsNotFeatures() {
        assertThat(data.preprocessing().inputColumns()).containsExactly("longitude", "latitude", "housing_median_age",
                "total_rooms", "total_bedrooms", "population", "households");
        assertThat(data.preprocessing().outputTarget("ocean_proximity").classes()).isEqualTo(CLASSES);
        assertThat(data.train().targetWidth()).isEqualTo(1 + 1 + 4);
    }

    @Test
    void eachHeadLearnsItsOwnTargetBetterThanAConstantGuess() {
        Map<String, Double> test = result.metrics().get("test");
        double[] values = column(data, "median_house_value", data.test().sourceRows());
        double[] incomes = column(data, "median_income", data.test().sourceRows());
        // predicting the mean gives an RMSE of the standard deviation; the majority class gives its share
        assertThat(test.get("rmse")).isLessThan(0.85 * std(values));
        assertThat(test.get("value_rmse")).isEqualTo(test.get("rmse"));
        assertThat(test.get("income_rmse")).isLessThan(0.9 * std(incomes));
        assertThat(test.get("ocean_accuracy")).isGreaterThan(majorityShare(data.test().sourceRows()) + 0.15);
        assertThat(test).containsKeys("value_loss", "income_loss", "ocean_loss");

        EpochRecord last = result.history().get(result.history().size() - 1);
        assertThat(last.valMetrics()).containsKeys("value_rmse", "income_rmse", "ocean_accuracy", "ocean_loss");
        assertThat(last.valLoss()).isCloseTo(last.valMetrics().get("value_loss") + 0.5 * last.valMetrics().get("income_loss")
                + 0.5 * last.valMetrics().get("ocean_loss"), within(1e-3));
        String header = TrainingHistory.toCsv(result.history(), TaskType.REGRESSION).lines().findFirst().orElseThrow();
        assertThat(header).contains("val_income_rmse", "val_ocean_accuracy", "train_ocean_loss");
    }

    @Test
    void theBundlePredictsEveryHeadInItsOwnTargetsUnitsAndReloadsExactly() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Experiment experiment = new Experiment(0, "heads", dataSpec, network, training);
        ModelBundle written = RunWriter.write(run, experiment, data, result, csv.toString(), Instant.now(), null);
        ModelBundle bundle = ModelBundle.read(run.resolve("model.zip"));
        assertThat(bundle.preprocessing().outputTargets()).isEqualTo(data.preprocessing().outputTargets());

        Predictor predictor = new Predictor(bundle);
        Table table = predictor.load(csv);
        Predictor.Predictions predictions = predictor.predict(table);
        Predictor.Predictions before = new Predictor(written).predict(table);
        assertThat(predictions.values()).containsExactly(before.values());
        assertThat(predictions.otherOutputs().get("income").values()).containsExactly(before.otherOutputs().get("income").values());
        assertThat(predictions.otherOutputs().get("ocean").probabilities()).containsExactly(before.otherOutputs().get("ocean").probabilities());

        Path out = dir.resolve("predictions.csv");
        predictor.writeCsv(table, predictions, out);
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(Files.newBufferedReader(out))) {
            List<String> header = parser.getHeaderNames();
            assertThat(header.subList(10, header.size())).containsExactly("prediction", "prediction_income",
                    "prediction_ocean", "probability_ocean_<1H OCEAN", "probability_ocean_INLAND",
                    "probability_ocean_NEAR BAY", "probability_ocean_NEAR OCEAN");
            List<CSVRecord> rows = parser.getRecords();
            assertThat(rows).hasSize(table.rowCount());
            double meanValue = rows.stream().mapToDouble(r -> Double.parseDouble(r.get("prediction"))).average().orElseThrow();
            double meanIncome = rows.stream().mapToDouble(r -> Double.parseDouble(r.get("prediction_income"))).average().orElseThrow();
            assertThat(meanValue).isBetween(150_000.0, 260_000.0); // dollars, as median_house_value (mean ~207k)
            assertThat(meanIncome).isBetween(3.0, 4.8); // tens of thousands of dollars, as median_income (mean ~3.9)
            for (CSVRecord row : rows) {
                assertThat(CLASSES).contains(row.get("prediction_ocean"));
                double sum = CLASSES.stream().mapToDouble(c -> Double.parseDouble(row.get("probability_ocean_" + c))).sum();
                assertThat(sum).isCloseTo(1.0, within(1e-4));
            }
            long right = rows.stream().filter(r -> r.get("prediction_ocean").equals(r.get("ocean_proximity"))).count();
            assertThat((double) right / rows.size()).isGreaterThan(0.6);
        }

        Map<String, Double> evaluated = predictor.evaluate(table);
        assertThat(evaluated).containsKeys("rmse", "r2", "value_rmse", "income_rmse", "income_loss", "ocean_accuracy");
        assertThat(evaluated.get("income_rmse")).isLessThan(std(column(data, "median_income", allRows(table))));
    }

    @Test
    void theServerAnswersEveryHeadInItsTargetsTerms() throws Exception {
        Path run = Files.createDirectories(dir.resolve("served"));
        RunWriter.write(run, new Experiment(0, "heads", dataSpec, network, training), data, result, csv.toString(),
                Instant.now(), null);
        ObjectMapper json = new ObjectMapper();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (ModelServer server = ModelServer.of(run.resolve("model.zip")).start(0)) {
            String row = "{\"longitude\": -122.23, \"latitude\": 37.88, \"housing_median_age\": 41, \"total_rooms\": 880,"
                    + " \"total_bedrooms\": 129, \"population\": 322, \"households\": 126, \"median_income\": 8.3,"
                    + " \"ocean_proximity\": \"NEAR BAY\"}";
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString(row)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(answer.body());
            assertThat(body.get("prediction").isNumber()).isTrue();
            assertThat(body.get("prediction_income").isNumber()).isTrue();
            assertThat(CLASSES).contains(body.get("prediction_ocean").asText());
            assertThat(body.get("probabilities_ocean").size()).isEqualTo(CLASSES.size());
            assertThat(body.has("ignoredFields")).isFalse(); // the target columns are ignored without a note

            JsonNode model = json.readTree(client.send(HttpRequest.newBuilder(URI.create(server.url() + "/model")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(model.get("outputs").findValuesAsText("target"))
                    .containsExactly("median_house_value", "median_income", "ocean_proximity");
        }
    }

    private static int[] allRows(Table table) {
        int[] rows = new int[table.rowCount()];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    private static double[] column(PreparedData data, String name, int[] rows) {
        return Arrays.stream(rows).mapToDouble(r -> ((dev.layerlab.data.NumericColumn) data.table().column(name)).value(r))
                .filter(v -> !Double.isNaN(v)).toArray();
    }

    private static double std(double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length);
    }

    private static double majorityShare(int[] rows) {
        Map<String, Long> counts = Arrays.stream(rows).mapToObj(r -> data.table().column("ocean_proximity").text(r))
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        return (double) counts.values().stream().mapToLong(Long::longValue).max().orElseThrow() / rows.length;
    }
}
