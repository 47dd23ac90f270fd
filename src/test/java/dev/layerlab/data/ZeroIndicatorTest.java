package dev.layerlab.data;

import static dev.layerlab.data.CsvFormatDetectionTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerlab.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "is exactly 0" input of zero-inflated numeric columns: the rule, the features, the JSON both ways. */
class ZeroIndicatorTest {

    @Test
    void theRuleNeedsATenthOfZerosAndTwoOtherValues() {
        assertThat(ZeroIndicator.applies(new float[] {0, 0.1f, 3, 4, 5, 6, 7, 8, 9, 10})).isTrue(); // 1 in 10
        assertThat(ZeroIndicator.applies(new float[] {0, 0.1f, 3, 4, 5, 6, 7, 8, 9, 10, 11})).isFalse(); // 1 in 11
        assertThat(ZeroIndicator.applies(new float[] {0, 0, 1, 1, 1})).isFalse(); // a 0/1 column already is one
        assertThat(ZeroIndicator.applies(new float[] {-0f, 2, 1, 1, 1})).isTrue();
        assertThat(ZeroIndicator.applies(new float[0])).isFalse();
    }

    @Test
    void aZeroInflatedColumnGetsASecondInputThatIsOneExactlyForZero() {
        PreparedData data = DataPipeline.prepare(DataSpec.of(fixture("quality/rainfall.csv").toString(), "day"), (Path) null);
        FittedPreprocessing pre = data.preprocessing();

        assertThat(pre.featureNames()).containsExactly("rain", "rain=0", "temp", "wind");
        assertThat(pre.columns().get(0).zeroIndicator()).isTrue();
        assertThat(pre.columns().get(1).zeroIndicator()).isFalse(); // temperatures: hardly ever exactly 0

        // 0, a tenth of a millimetre and a missing cell (imputed with the training mean, not 0)
        Table rows = Table.fromRows(List.of("rain", "temp", "wind"), List.<String[]>of(
                new String[] {"0", "10", "3"}, new String[] {"0.1", "10", "3"}, new String[] {"", "10", "3"}),
                pre.inputKinds());
        Matrix m = pre.transform(rows, false);
        assertThat(m.feature(0, 1)).isEqualTo(1f);
        assertThat(m.feature(1, 1)).isEqualTo(0f);
        assertThat(m.feature(2, 1)).isEqualTo(0f);
        // the scaled values stay as before: 0 and 0.1 hardly differ there, which is why the indicator exists
        assertThat(Math.abs(m.feature(1, 0) - m.feature(0, 0))).isLessThan(0.1f);

        // the bundle's preprocessing round-trips; one written before the indicator reads as without it
        assertThat(FittedPreprocessing.fromJson(pre.toJson()).featureNames()).isEqualTo(pre.featureNames());
        assertThat(pre.toJson()).contains("\"zeroIndicator\" : true");
        FittedPreprocessing old = FittedPreprocessing.fromJson(pre.toJson().replace("\"zeroIndicator\" : true", "\"binary\" : false"));
        assertThat(old.featureNames()).containsExactly("rain", "temp", "wind");
        assertThat(old.transform(rows, false).featureCount()).isEqualTo(3);
    }

    @Test
    void theSettingOverridesTheRuleEitherWay() {
        DataSpec spec = DataSpec.of(fixture("quality/rainfall.csv").toString(), "day");
        FittedPreprocessing off = DataPipeline.prepare(spec.withColumn("rain", ColumnSpec.defaults().withZeroIndicator(false)),
                (Path) null).preprocessing();
        assertThat(off.featureNames()).containsExactly("rain", "temp", "wind");
        FittedPreprocessing on = DataPipeline.prepare(spec.withColumn("wind", ColumnSpec.defaults().withZeroIndicator(true)),
                (Path) null).preprocessing();
        assertThat(on.featureNames()).containsExactly("rain", "rain=0", "temp", "wind", "wind=0");
        // with log1p and quantile scaling too: the indicator reads the value before either
        FittedPreprocessing both = DataPipeline.prepare(spec.withColumn("rain", ColumnSpec.defaults().withLog1p(true)
                .withScaling(Scaling.QUANTILE)), (Path) null).preprocessing();
        assertThat(both.featureNames()).startsWith("log1p(rain)", "rain=0");
        Table zero = Table.fromRows(List.of("rain", "temp", "wind"), List.<String[]>of(new String[] {"0", "1", "1"}),
                both.inputKinds());
        assertThat(both.transform(zero, false).feature(0, 1)).isEqualTo(1f);
    }

    @Test
    void theExperimentSettingIsSavedOnlyWhenSetAndRefusedOnText() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(ColumnSpec.defaults())).doesNotContain("zeroIndicator");
        ColumnSpec off = ColumnSpec.defaults().withZeroIndicator(false);
        assertThat(json.readValue(json.writeValueAsString(off), ColumnSpec.class)).isEqualTo(off);
        ObjectNode older = json.createObjectNode().put("role", "feature").put("log1p", true);
        assertThat(json.readValue(older.toString(), ColumnSpec.class).zeroIndicator()).isNull();

        DataSpec text = DataSpec.of(fixture("quality/rainfall.csv").toString(), "rain")
                .withColumn("day", ColumnSpec.defaults().withZeroIndicator(true));
        assertThatThrownBy(() -> DataPipeline.prepare(text, (Path) null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'day' holds text");
    }

    @Test
    void codeExportLeavesTheRuleToTheTrainingRowsAndKeepsTheUsersChoice() {
        // the generated programs apply the rule on the training rows as training does (ExportedTrainingSettingsTest
        // checks their 'is 0' inputs against the engine's): the whole file's decision is not written out
        DataSpec spec = DataSpec.of(fixture("quality/rainfall.csv").toString(), "day");
        DataSpec explicit = ExplicitSettings.forCodeExport(spec.withColumn("rain",
                ColumnSpec.defaults().withType(ColumnKind.NUMERIC)), null);
        assertThat(explicit.columnSpec("rain").zeroIndicator()).isNull();
        assertThat(explicit.columnSpec("temp").zeroIndicator()).isNull();
        DataSpec off = ExplicitSettings.forCodeExport(spec.withColumn("rain", ColumnSpec.defaults().withZeroIndicator(false)), null);
        assertThat(off.columnSpec("rain").zeroIndicator()).isFalse();
    }

    @Test
    void inspectNamesTheShareOfZeros() {
        DatasetReport report = DatasetReport.of(TableLoader.load(fixture("quality/rainfall.csv")));
        ColumnReport rain = report.columns().stream().filter(c -> c.name().equals("rain")).findFirst().orElseThrow();
        assertThat(rain.flags()).contains(ColumnReport.ZERO_INFLATED);
        assertThat(rain.problems()).contains("47 % of values are exactly 0: an extra 0/1 input marks them");
        assertThat(report.columns().stream().filter(c -> !c.name().equals("rain")))
                .allSatisfy(c -> assertThat(c.flags()).doesNotContain(ColumnReport.ZERO_INFLATED));
    }
}
