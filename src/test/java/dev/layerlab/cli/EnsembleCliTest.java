package dev.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.layerlab.cli.CliRun.run;
import static org.assertj.core.api.Assertions.within;

import dev.layerlab.cli.CliRun.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import dev.layerlab.TestData;
import dev.layerlab.data.Matrix;
import dev.layerlab.data.Table;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.Predictor;
import dev.layerlab.training.Inference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --ensemble K: one bundle with K networks averaged, read by predict, evaluate and summary. */
class EnsembleCliTest {
    @TempDir
    Path dir;


    @Test
    void aSeedEnsembleAveragesItsMembersAndEveryCommandReadsIt() throws Exception {
        Path csv = TestData.regression(dir, 300);
        Path runDir = dir.resolve("ens");
        Outcome train = run("train", "--data", csv.toString(), "--target", "y", "--out", runDir.toString(),
                "--hidden", "16,8", "--epochs", "8", "--ensemble", "3", "--parallel", "2", "--scaling", "quantile");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("Ensemble of 3 networks");

        // baselines on the same split, beside metrics.json with its metric names
        JsonNode baselines = ExperimentJson.MAPPER.readTree(runDir.resolve("baselines.json").toFile());
        assertThat(baselines.fieldNames()).toIterable().containsExactly("linear", "gradient_boosting");
        assertThat(baselines.path("gradient_boosting").fieldNames()).toIterable().containsExactly("train", "validation", "test");
        assertThat(baselines.path("linear").path("test").fieldNames()).toIterable().contains("rmse", "mae", "r2");
        // y is linear in the raw inputs (here seen through their quantile scores): the linear baseline is close
        assertThat(baselines.path("linear").path("test").path("r2").asDouble()).isGreaterThan(0.85);
        assertThat(train.out()).contains("baseline: gradient boosting", "test rmse: linear ");

        Path model = runDir.resolve("model.zip");
        ModelBundle bundle = ModelBundle.read(model);
        assertThat(bundle.members()).hasSize(3);
        assertThat(bundle.memberExperiments()).extracting(e -> e.training().seed()).containsExactly(42L, 43L, 44L);
        assertThat(bundle.preprocessing().columns().get(0).quantileScaled()).isTrue();
        try (ZipFile zip = new ZipFile(model.toFile())) {
            assertThat(zip.getEntry(ModelBundle.ENSEMBLE)).isNotNull();
            assertThat(zip.getEntry(ModelBundle.memberEntry(2, ModelBundle.MEMBER_COEFFICIENTS))).isNotNull();
            assertThat(zip.getEntry(ModelBundle.memberEntry(3, ModelBundle.MEMBER_COEFFICIENTS))).isNull();
        }
        // member 0 is still a plain DL4J model at the root
        MultiLayerNetwork plain = ModelSerializer.restoreMultiLayerNetwork(model.toFile());
        assertThat(plain.numParams()).isEqualTo(bundle.network().numParams());

        // the prediction is the members' mean, and differs from any one member's
        Predictor predictor = new Predictor(bundle);
        Table table = predictor.load(csv);
        Predictor.Predictions predictions = predictor.predict(table);
        Matrix m = bundle.preprocessing().transform(table, false);
        float[][] each = new float[3][];
        for (int i = 0; i < 3; i++) {
            each[i] = Inference.output(bundle.members().get(i), m.features(), m.rows(), m.featureCount());
        }
        for (int r = 0; r < 5; r++) {
            double mean = bundle.preprocessing().inverseTarget((each[0][r] + each[1][r] + each[2][r]) / 3f);
            assertThat(predictions.values()[r]).isCloseTo(mean, within(1e-3));
        }
        assertThat(each[0][0]).isNotEqualTo(each[1][0]);

        // the recorded test metrics are the ensemble's, and evaluate scores the ensemble
        JsonNode metrics = ExperimentJson.MAPPER.readTree(runDir.resolve("metrics.json").toFile());
        assertThat(metrics.path("test").path("rmse").asDouble()).isEqualTo(bundle.metrics().get("test").get("rmse"));
        Outcome evaluate = run("evaluate", "--model", model.toString(), "--data", csv.toString());
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("rmse");

        Outcome predict = run("predict", "--model", model.toString(), "--data", csv.toString(), "--out",
                dir.resolve("p.csv").toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("p.csv")).get(1).split(",")[4])
                .isEqualTo(Double.toString(predictions.values()[0]));

        Outcome summary = run("summary", "--model", model.toString());
        assertThat(summary.out()).contains("Ensemble of 3 networks", "member 2: seed 44");

        Outcome export = run("export-code", "--model", model.toString(), "--lang", "keras", "--out",
                dir.resolve("train.py").toString());
        assertThat(export.code()).isEqualTo(2);
        assertThat(export.err().strip()).contains("ensemble of 3 networks").contains("--member N (0 to 2)").doesNotContain("\n");
        // one member at a time: its own experiment (here: its seed)
        Outcome second = run("export-code", "--model", model.toString(), "--member", "2", "--lang", "keras", "--out",
                dir.resolve("train.py").toString());
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(Files.readString(dir.resolve("train.py"))).contains("\nSEED = 44\n");
        Outcome first = run("export-code", "--model", model.toString(), "--member", "0", "--lang", "dl4j", "--out",
                dir.resolve("TrainFirst.java").toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(Files.readString(dir.resolve("TrainFirst.java"))).contains("static final long SEED = 42L;");
        Outcome outOfRange = run("export-code", "--model", model.toString(), "--member", "3", "--lang", "keras", "--out",
                dir.resolve("x.py").toString());
        assertThat(outOfRange.code()).isEqualTo(2);
        assertThat(outOfRange.err().strip()).contains("members 0 to 2").doesNotContain("\n");
        assertThat(dir.resolve("x.py")).doesNotExist();
    }

    @Test
    void noBaselinesSkipsThem() {
        Path csv = TestData.classification(dir, 120);
        Outcome train = run("train", "--data", csv.toString(), "--target", "label", "--out", dir.resolve("r").toString(),
                "--hidden", "8", "--epochs", "2", "--no-baselines");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(dir.resolve("r").resolve("baselines.json")).doesNotExist();
        assertThat(train.out()).doesNotContain("baseline");
    }
}
