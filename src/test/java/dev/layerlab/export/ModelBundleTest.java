package dev.layerlab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.Table;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.Activation;
import dev.layerlab.model.BatchNormLayer;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.runs.RunWriter;
import dev.layerlab.training.CheckpointSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.training.TrainingSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {
    @TempDir
    static Path dir;
    static Path csv;
    static Path bundleFile;
    static PreparedData data;
    static TrainingResult result;
    static Experiment experiment;

    @BeforeAll
    static void trainAndSave() throws IOException {
        csv = TestData.regression(dir, 300);
        DataSpec spec = new DataSpec(csv.toString(), null, null, "y", TaskChoice.AUTO, Map.of(),
                new SplitSpec(0.7, 0.15, 0.15, 1, true), null);
        data = DataPipeline.prepare(spec, dir);
        NetworkSpec network = NetworkSpec.of(DenseLayer.of(8, Activation.RELU), new BatchNormLayer(null), DenseLayer.of(4, Activation.TANH));
        TrainingSpec training = new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, 0.01), 16, 3, 9,
                EarlyStoppingSpec.disabled(), CheckpointSpec.none());
        experiment = new Experiment(0, "bundle-test", spec, network, training);
        result = new Trainer(null, null).train(network, training, data);
        Path run = Files.createDirectories(dir.resolve("run"));
        RunWriter.write(run, experiment, data, result, csv.toString(), Instant.now(), null);
        bundleFile = run.resolve("model.zip");
    }

    @Test
    void predictionsAfterReloadingAreBitForBitTheSame() {
        Predictor before = new Predictor(new ModelBundle(result.network(), data.preprocessing(), experiment,
                result.history(), result.metrics(), null));
        ModelBundle loaded = ModelBundle.read(bundleFile);
        Predictor after = new Predictor(loaded);
        Table table = after.load(csv);

        double[] expected = before.predict(table).values();
        double[] actual = after.predict(table).values();

        assertThat(actual).hasSize(table.rowCount());
        assertThat(actual).containsExactly(expected);
        assertThat(loaded.experiment()).isEqualTo(experiment);
        assertThat(loaded.history()).hasSize(3);
        assertThat(loaded.metrics().get("test").get("rmse")).isEqualTo(result.metrics().get("test").get("rmse"));
        assertThat(loaded.provenance().dataSha256()).isEqualTo(data.dataSha256()).hasSize(64);
        assertThat(loaded.provenance().rows()).isEqualTo(300);
        assertThat(loaded.provenance().libraries()).containsKeys("deeplearning4j", "nd4j", "java");
    }

    @Test
    void plainDl4jLoadsTheBundleAsAMultiLayerNetwork() throws IOException {
        MultiLayerNetwork plain = ModelSerializer.restoreMultiLayerNetwork(bundleFile.toFile());

        assertThat(plain.params()).isEqualTo(result.network().params());
        assertThat(plain.getnLayers()).isEqualTo(((MultiLayerNetwork) result.network().dl4j()).getnLayers());
    }

    @Test
    void evaluateMatchesTheMetricsTrainingReported() {
        Predictor predictor = new Predictor(ModelBundle.read(bundleFile));
        Map<String, Double> all = predictor.evaluate(predictor.load(csv));

        assertThat(all).containsKeys("mse", "rmse", "mae", "r2");
        assertThat(all.get("rmse")).isCloseTo(result.metrics().get("train").get("rmse"), org.assertj.core.data.Percentage.withPercentage(30));
    }

    @Test
    void truncatedBundleIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(bundleFile);
        Path truncated = Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> ModelBundle.read(truncated)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("damaged/truncated");
    }

    @Test
    void fileThatIsNotAZipIsRefused() {
        Path text = TestData.write(dir.resolve("notes.zip"), "hello");

        assertThatThrownBy(() -> ModelBundle.read(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a model bundle");
    }

    @Test
    void bundleFromANewerFormatIsRefused() throws IOException {
        Path newer = rewrite("newer.zip", ModelBundle.MANIFEST, "{\"formatVersion\": 99, \"kind\": \"multilayer\"}");

        assertThatThrownBy(() -> ModelBundle.read(newer)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("newer LayerLab (bundle format 99");
    }

    @Test
    void entryEscapingTheBundleIsRefused() throws IOException {
        Path evil = rewrite("evil.zip", "../../outside.txt", "gotcha");

        assertThatThrownBy(() -> ModelBundle.read(evil)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("points outside the bundle");
    }

    @Test
    void plainDl4jModelWithoutLayerLabEntriesIsRefused() throws IOException {
        Path plain = dir.resolve("plain.zip");
        result.network().save(plain.toFile(), false);

        assertThatThrownBy(() -> ModelBundle.read(plain)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a LayerLab model bundle");
    }

    /** A copy of the bundle with one entry replaced (or added). */
    private static Path rewrite(String name, String entry, String content) throws IOException {
        Path copy = dir.resolve(name);
        try (var zip = new java.util.zip.ZipFile(bundleFile.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.getName().equals(entry)) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                zip.getInputStream(e).transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(entry));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return copy;
    }

}
