package dev.layerlab.cli;

import static dev.layerlab.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.nio.file.Files;
import java.nio.file.Path;
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
        return housing.cell(row, name);
    }

    @Test
    void predictAndServeFromRawColumnsMatchTheNetworkOnHandBuiltProjections() throws Exception {
        ModelBundle bundle = ModelBundle.read(model);
        double[] expected = byHand(bundle);

        housing.assertPredictAndServeGive(model, dir, expected, 1e-2, 100);
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

        Outcome inspect = run("inspect", "--data", csv.toString());
        assertThat(inspect.code()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("Coordinates: latitude / longitude look like a latitude/longitude pair; "
                + "--rotate latitude,longitude adds them projected onto 10 directions");
        assertThat(run("inspect", "--data", TestData.SONAR.toString()).out()).doesNotContain("Coordinates:");

        Outcome bad = run("train", "--data", csv.toString(), "--target", "median_house_value", "--rotate", "latitude");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("layerlab: --rotate wants LATITUDE,LONGITUDE").doesNotContain("\n");
        Outcome unknown = run("train", "--data", csv.toString(), "--target", "median_house_value", "--rotate", "lat,longitude");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Column 'lat'");
    }
}
