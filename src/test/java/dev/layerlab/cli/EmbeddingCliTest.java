package dev.layerlab.cli;

import static dev.layerlab.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layerlab.cli.CliRun.Outcome;
import dev.layerlab.data.ShopsFixture;
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
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 500-category column through train, predict (with a category the training rows never had), serve, evaluate,
 * summary, a bundle reload and plain DL4J.
 */
class EmbeddingCliTest {
    @TempDir
    static Path dir;
    static Path csv;
    static Path run;
    static String trainOut;

    @BeforeAll
    static void train() {
        csv = ShopsFixture.write(dir, 3000, 5);
        run = dir.resolve("run");
        Outcome trained = run("train", "--data", csv.toString(), "--target", "y", "--out", run.toString(),
                "--hidden", "16", "--epochs", "3", "--seed", "1");
        assertThat(trained.code()).as(trained.err()).isZero();
        trainOut = trained.out();
    }

    @Test
    void trainSaysTheColumnIsEmbeddedAndBuildsTwoInputFeatures() {
        assertThat(trainOut).contains("; 2 input features")
                .containsPattern("Column 'shop': embedding of \\d{3} categories \\(\\+ \\d+ rare pooled as other\\), \\d+ wide");
    }

    @Test
    void predictServeAndReloadAgreeAndAnUnseenCategoryGetsAPrediction() throws Exception {
        Path input = dir.resolve("new.csv");
        Files.writeString(input, "shop,x\nS001,0.5\nS999,0.5\n,0.5\nS490,0.5\n");
        Path predictions = dir.resolve("p.csv");
        Outcome predicted = run("predict", "--model", run.resolve("model.zip").toString(), "--data", input.toString(),
                "--out", predictions.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines).hasSize(5);
        double known = Double.parseDouble(lines.get(1).split(",")[2]);
        double unseen = Double.parseDouble(lines.get(2).split(",")[2]);
        assertThat(unseen).isFinite();

        ModelBundle bundle = ModelBundle.read(run.resolve("model.zip"));
        try (ModelServer server = new ModelServer(bundle).start(0)) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.url() + "/predict")).POST(HttpRequest.BodyPublishers.ofString(
                            "[{\"shop\": \"S001\", \"x\": 0.5}, {\"shop\": \"never-seen\", \"x\": 0.5}]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(answer.body());
            assertThat(body.path("predictions").path(0).path("prediction").asDouble()).isCloseTo(known, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(body.path("predictions").path(1).path("prediction").asDouble()).isCloseTo(unseen, org.assertj.core.data.Offset.offset(1e-3));
        }

        Predictor again = new Predictor(ModelBundle.read(run.resolve("model.zip")));
        assertThat(Double.parseDouble(again.predict(again.load(input)).label(0))).isCloseTo(known, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void theNetworkLoadsInPlainDl4jWithAnInputPerEmbeddedColumn() throws Exception {
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(run.resolve("model.zip").toFile(), false);

        assertThat(graph.getConfiguration().getNetworkInputs()).containsExactly("input", "shop_index");
        assertThat(graph.getLayer("shop_embedding").conf().getLayer())
                .isInstanceOf(org.deeplearning4j.nn.conf.layers.EmbeddingLayer.class);
        // x = 0 (standardized) and shop index 2 (the first kept shop): one prediction
        var out = graph.output(Nd4j.createFromArray(new float[][] {{0f}}), Nd4j.createFromArray(new float[][] {{2f}}));
        assertThat(out[0].getDouble(0)).isFinite();
    }

    @Test
    void summaryAndEvaluateReadTheBundle() {
        Outcome summary = run("summary", "--model", run.resolve("model.zip").toString());
        assertThat(summary.code()).as(summary.err()).isZero();
        assertThat(summary.out()).contains("shop_embedding (Embedding)").contains("shop_index (InputLayer)");

        Outcome evaluated = run("evaluate", "--model", run.resolve("model.zip").toString(), "--data", csv.toString());
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(evaluated.out()).contains("rmse");
    }

    @Test
    void explainShowsTheShopAndItsMostFrequentCategoriesByName() throws Exception {
        Path out = dir.resolve("explain");
        Outcome explained = run("explain", "--model", run.resolve("model.zip").toString(), "--data", csv.toString(),
                "--out", out.toString(), "--rows", "600");
        assertThat(explained.code()).as(explained.err()).isZero();
        assertThat(Files.readString(out.resolve("importance.csv"))).contains("shop");
        List<String> shop = Files.readAllLines(out.resolve("partial_dependence.csv")).stream()
                .filter(l -> l.startsWith("shop,")).toList();
        assertThat(shop).as(Files.readString(out.resolve("partial_dependence.csv"))).isNotEmpty().allMatch(l -> l.matches("shop,(S\\d{3}|other),.*"));
    }

    @Test
    void anEnsembleOfEmbeddedNetworksTrainsAndPredicts() throws Exception {
        Path ensemble = dir.resolve("ensemble");
        Outcome trained = run("train", "--data", csv.toString(), "--target", "y", "--out", ensemble.toString(),
                "--hidden", "8", "--epochs", "2", "--ensemble", "2", "--parallel", "1");
        assertThat(trained.code()).as(trained.err()).isZero();
        Path input = dir.resolve("ensemble-in.csv");
        Files.writeString(input, "shop,x\nS001,0.5\nnever-seen,0.5\n");
        Path predictions = dir.resolve("ensemble-p.csv");
        Outcome predicted = run("predict", "--model", ensemble.resolve("model.zip").toString(), "--data",
                input.toString(), "--out", predictions.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(Files.readAllLines(predictions)).hasSize(3);
    }

    @Test
    void oneHotOnRequestAndCodeExportWritesTheEmbeddedColumn() throws Exception {
        Path oneHot = dir.resolve("onehot");
        Outcome trained = run("train", "--data", csv.toString(), "--target", "y", "--out", oneHot.toString(),
                "--hidden", "8", "--epochs", "1", "--one-hot", "shop");
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.out()).containsPattern("; 4\\d\\d input features").doesNotContain("embedding of");

        // the embedded column is exported as LayerLab trains it: its own input and embedding (ExportedEmbeddingTest
        // checks the generated code's numbers)
        Outcome exported = run("export-code", "--model", run.resolve("model.zip").toString(), "--lang", "keras",
                "--out", dir.resolve("train.py").toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(Files.readString(dir.resolve("train.py"))).contains("\"shop\": {").contains("\"encoding\": \"embedding\"")
                .contains("layers.Embedding(step[\"vocabulary\"], step[\"dimension\"]");
        Outcome dl4j = run("export-code", "--model", run.resolve("model.zip").toString(), "--lang", "dl4j",
                "--out", dir.resolve("TrainShops.java").toString());
        assertThat(dl4j.code()).as(dl4j.err()).isZero();
        assertThat(Files.readString(dir.resolve("TrainShops.java"))).contains("ComputationGraph")
                .contains("new EmbeddingLayer.Builder()");

        Outcome both = run("train", "--data", csv.toString(), "--target", "y", "--out", dir.resolve("x").toString(),
                "--embed", "shop", "--one-hot", "shop");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("both --embed and --one-hot");
    }
}
