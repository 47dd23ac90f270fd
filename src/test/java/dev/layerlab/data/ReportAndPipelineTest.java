package dev.layerlab.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;

import static dev.layerlab.data.CsvFormatDetectionTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportAndPipelineTest {
    static final Path HOUSING = Path.of("sample-data/california_housing.csv");
    static final Path SONAR = Path.of("sample-data/sonar.csv");

    @Test
    void californiaHousingReport() {
        Table table = TableLoader.load(HOUSING, CsvSniffer.detect(HOUSING));
        DatasetReport report = DatasetReport.of(table);
        assertThat(table.rowCount()).isEqualTo(20_640);
        ColumnReport bedrooms = report.column("total_bedrooms");
        assertThat(bedrooms.type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(bedrooms.missing()).isEqualTo(207);
        assertThat(bedrooms.problems()).anyMatch(p -> p.contains("207 missing"));
        ColumnReport ocean = report.column("ocean_proximity");
        assertThat(ocean.type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(ocean.distinct()).isEqualTo(5);
        assertThat(ocean.topCategories()).hasSize(5);
        ColumnReport value = report.column("median_house_value");
        assertThat(value.min()).isEqualTo(14999.0);
        assertThat(value.max()).isEqualTo(500001.0);
        assertThat(Arrays.stream(value.histogram()).sum()).isEqualTo(20_640);
        assertThat(report.render()).startsWith("File: ").contains("Format: delimiter ',' (comma)", "ocean_proximity");
    }

    @Test
    void housingPreparesAsRegressionWithOneHotAndInverseTarget() {
        PreparedData data = DataPipeline.prepare(DataSpec.of(HOUSING.toString(), "median_house_value"), (Path) null);
        assertThat(data.task()).isEqualTo(TaskType.REGRESSION);
        FittedPreprocessing pre = data.preprocessing();
        assertThat(pre.featureCount()).isEqualTo(8 + 5);
        int total = data.train().rows() + data.validation().rows() + data.test().rows();
        assertThat(total).isEqualTo(20_640);
        Matrix train = data.train();
        int row = train.sourceRows()[0];
        float raw = ((NumericColumn) data.table().column("median_house_value")).value(row);
        assertThat(pre.inverseTarget(train.target(0, 0))).isCloseTo(raw, within(1.0));
        assertThat(data.dataSha256()).hasSize(64);
    }

    @Test
    void sonarIsStratifiedBinaryAndDeterministic() {
        DataSpec spec = DataSpec.of(SONAR.toString(), "Target");
        PreparedData a = DataPipeline.prepare(spec, (Path) null);
        PreparedData b = DataPipeline.prepare(spec, (Path) null);
        assertThat(a.task()).isEqualTo(TaskType.BINARY_CLASSIFICATION);
        assertThat(a.preprocessing().classes()).containsExactly("M", "R");
        assertThat(a.train().sourceRows()).isEqualTo(b.train().sourceRows());
        assertThat(a.test().sourceRows()).isEqualTo(b.test().sourceRows());
        double allShare = positiveShare(a.train()) ;
        double testShare = positiveShare(a.test());
        assertThat(testShare).isCloseTo(allShare, within(0.05));
        PreparedData other = DataPipeline.prepare(spec.withSplit(new SplitSpec(0.7, 0.15, 0.15, 7, true)), (Path) null);
        assertThat(other.train().sourceRows()).isNotEqualTo(a.train().sourceRows());
    }

    private static double positiveShare(Matrix m) {
        double sum = 0;
        for (int i = 0; i < m.rows(); i++) {
            sum += m.target(i, 0);
        }
        return sum / m.rows();
    }

    @Test
    void fittedOnTrainRowsOnlyAndMinMax() {
        // linear.csv: x = 1..10. With train 0.5 the train mean differs from the mean of all rows (5.5) in general.
        DataSpec spec = DataSpec.of(fixture("linear.csv").toString(), "y")
                .withSplit(new SplitSpec(0.5, 0.2, 0.3, 3, false))
                .withColumn("x", new ColumnSpec(null, null, null, Scaling.NONE));
        PreparedData data = DataPipeline.prepare(spec, (Path) null);
        double trainMeanY = Arrays.stream(data.train().sourceRows()).mapToDouble(r -> (r + 1) * 10).average().orElseThrow();
        assertThat(data.preprocessing().targetCenter()).isCloseTo(trainMeanY, within(1e-4));
        assertThat(trainMeanY).isNotEqualTo(55.0);

        PreparedData minmax = DataPipeline.prepare(spec.withColumn("x", new ColumnSpec(null, null, null, Scaling.MINMAX)), (Path) null);
        Matrix t = minmax.train();
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (int i = 0; i < t.rows(); i++) {
            min = Math.min(min, t.feature(i, 0));
            max = Math.max(max, t.feature(i, 0));
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
    }

    @Test
    void imputationUnknownCategoryAndJsonRoundTrip() {
        Table train = new Table(null, CsvFormat.DEFAULT, java.util.List.of(
                NumericColumn.of("n", 1, 2, Float.NaN, 4, 10, 3, 5, 7, 6, 8),
                CategoricalColumn.of("c", "a", "b", null, "a", "b", "a", "a", "b", "a", "b"),
                NumericColumn.of("y", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)), null);
        DataSpec spec = new DataSpec(null, null, null, "y", TaskChoice.REGRESSION, null,
                new SplitSpec(1.0, 0, 0, 1, false), false)
                .withColumn("n", new ColumnSpec(null, Imputation.MEDIAN, null, Scaling.NONE));
        FittedPreprocessing pre = DataPipeline.prepare(spec, train).preprocessing();
        // two categories: one 0/1 input (1 = 'b')
        assertThat(pre.featureNames()).containsExactly("n", "c=b");
        Matrix all = pre.transform(train, true);
        assertThat(all.feature(2, 0)).isEqualTo(5f);          // median of 1,2,4,10,3,5,7,6,8
        assertThat(all.feature(2, 1)).isEqualTo(0f);          // most frequent 'a'
        assertThat(all.feature(1, 1)).isEqualTo(1f);          // 'b'

        FittedPreprocessing dropping = DataPipeline.prepare(
                spec.withColumn("n", new ColumnSpec(null, Imputation.DROP_ROW, null, null)), train).preprocessing();
        assertThat(dropping.transform(train, true).rows()).isEqualTo(9);
        FittedPreprocessing constant = DataPipeline.prepare(
                spec.withColumn("n", new ColumnSpec(null, Imputation.CONSTANT, "-1", Scaling.NONE)), train).preprocessing();
        assertThat(constant.transform(train, true).feature(2, 0)).isEqualTo(-1f);

        Table unseen = new Table(null, CsvFormat.DEFAULT, java.util.List.of(
                NumericColumn.of("n", 3), CategoricalColumn.of("c", "zzz")), null);
        Matrix predicted = pre.transform(unseen, false);
        assertThat(predicted.targets()).isNull();
        assertThat(predicted.feature(0, 1)).isEqualTo(0.5f); // unknown: between the two

        FittedPreprocessing copy = FittedPreprocessing.fromJson(pre.toJson());
        assertThat(copy.toJson()).isEqualTo(pre.toJson());
        assertThat(copy.transform(train, true).features()).isEqualTo(all.features());
        assertThat(pre.toJson()).contains("\"median\"", "\"categorical\"");
    }
}
