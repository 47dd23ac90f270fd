package dev.layerlab.cli;

import static dev.layerlab.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import dev.layerlab.cli.CliRun.Outcome;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.FittedColumn;
import dev.layerlab.data.FittedPreprocessing;
import dev.layerlab.data.RatioFeature;
import dev.layerlab.data.RatioFeatures;
import dev.layerlab.data.TableLoader;
import dev.layerlab.data.TargetTransform;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.export.ModelBundle;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Generated ratio inputs and a log1p target, end to end on California housing rows: recorded in the experiment and
 * the bundle, and predict and serve (given the raw columns only) give what the network computes from features
 * built by hand from the raw columns.
 */
class RatioAndLogTargetBundleTest {
    @TempDir
    static Path dir;
    static RawHousingRows housing;
    static Path csv;
    static Path model;
    static List<String> header;
    static List<String[]> rows;

    @BeforeAll
    static void train() throws Exception {
        housing = RawHousingRows.write(dir, 1500);
        csv = housing.csv;
        header = housing.header;
        rows = housing.rows;
        Path out = dir.resolve("run");
        Outcome train = run("train", "--data", csv.toString(), "--target", "median_house_value", "--out", out.toString(),
                "--ignore", "ocean_proximity", "--ratio", "total_rooms/households,population/households",
                "--ratio", "total_bedrooms/total_rooms", "--log-target", "--hidden", "16,8", "--epochs", "3", "--no-baselines");
        assertThat(train.code()).as(train.err()).isZero();
        model = out.resolve("model.zip");
    }

    @Test
    void theExperimentAndTheBundleRecordTheRatiosAndTheTransform() throws Exception {
        DataSpec data = ExperimentJson.read(dir.resolve("run").resolve("experiment.json")).data();
        assertThat(data.ratios()).extracting(RatioFeature::name)
                .containsExactly("total_rooms/households", "population/households", "total_bedrooms/total_rooms");
        assertThat(data.targetTransform()).isEqualTo(TargetTransform.LOG1P);

        FittedPreprocessing prep = ModelBundle.read(model).preprocessing();
        assertThat(prep.featureNames()).contains("total_rooms/households", "population/households", "total_bedrooms/total_rooms");
        assertThat(prep.rawInputColumns()).doesNotContain("total_rooms/households").contains("households", "total_rooms");
        assertThat(FittedPreprocessing.fromJson(prep.toJson()).toJson()).isEqualTo(prep.toJson());
        // the log1p target's scaler is fitted on log values: its center is near ln(200,000), not 200,000
        assertThat(prep.targetCenter()).isBetween(11.0, 13.0);
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
            values[r] = Math.expm1(out[r] * prep.targetScale() + prep.targetCenter());
        }
        return values;
    }

    static double raw(String[] row, String name) {
        int slash = name.indexOf('/');
        if (slash > 0) {
            double top = raw(row, name.substring(0, slash));
            double bottom = raw(row, name.substring(slash + 1));
            return bottom == 0 ? Double.NaN : (float) (top / bottom);
        }
        return housing.cell(row, name);
    }

    @Test
    void predictAndServeFromRawColumnsMatchTheNetworkOnHandBuiltFeatures() throws Exception {
        ModelBundle bundle = ModelBundle.read(model);
        double[] expected = byHand(bundle);
        assertThat(rows.stream().filter(r -> r[header.indexOf("total_bedrooms")].isEmpty())).isNotEmpty(); // missing cells too

        housing.assertPredictAndServeGive(model, dir, expected, 1e-3, 200);
    }

    @Test
    void countLikeColumnsAreTheRatioCandidatesAndBadFlagsAreOneLine() {
        var table = TableLoader.load(csv, dev.layerlab.data.CsvSniffer.detect(csv), java.util.Map.of());
        assertThat(RatioFeatures.candidates(table, "median_house_value")).extracting(RatioFeature::name)
                .containsExactlyInAnyOrder("total_rooms/total_bedrooms", "total_rooms/population", "total_rooms/households",
                        "population/total_bedrooms", "total_bedrooms/households", "population/households");

        Outcome bad = run("train", "--data", csv.toString(), "--target", "median_house_value", "--ratio", "total_rooms");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--ratio wants NUMERATOR/DENOMINATOR");
        Outcome unknown = run("train", "--data", csv.toString(), "--target", "median_house_value", "--ratio", "rooms/households");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Column 'rooms'").contains("generated feature 'rooms/households'");
        Outcome classes = run("train", "--data", TestData.SONAR.toString(), "--target", "Target", "--log-target");
        assertThat(classes.code()).isEqualTo(2);
        assertThat(classes.err()).contains("target transform is for regression targets");
    }
}
