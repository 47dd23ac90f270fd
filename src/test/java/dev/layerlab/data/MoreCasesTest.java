package dev.layerlab.data;

import dev.layerlab.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.layerlab.data.CsvFormatDetectionTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoreCasesTest {

    @Test
    void multiClassTargetIsOneHotWithSortedClasses() {
        DataSpec spec = DataSpec.of(fixture("multiclass.csv").toString(), "species");
        PreparedData data = DataPipeline.prepare(spec, (Path) null);
        assertThat(data.task()).isEqualTo(TaskType.MULTICLASS_CLASSIFICATION);
        assertThat(data.preprocessing().classes()).containsExactly("setosa", "versicolor", "virginica");
        Matrix train = data.train();
        assertThat(train.targetWidth()).isEqualTo(3);
        for (int i = 0; i < train.rows(); i++) {
            String label = data.table().column("species").text(train.sourceRows()[i]);
            int cls = data.preprocessing().classes().indexOf(label);
            assertThat(train.target(i, cls)).isEqualTo(1f);
            assertThat(train.target(i, 0) + train.target(i, 1) + train.target(i, 2)).isEqualTo(1f);
        }
        // Stratified: each class appears in training.
        assertThat(train.rows()).isEqualTo(9);
    }

    @Test
    void fewWholeNumbersAreRegressionUnlessForcedAndMissingTargetsAreDropped() {
        DataSpec spec = DataSpec.of(fixture("numeric_classes.csv").toString(), "rating");
        PreparedData auto = DataPipeline.prepare(spec, (Path) null);
        assertThat(auto.task()).isEqualTo(TaskType.REGRESSION);
        assertThat(auto.warnings()).anyMatch(w -> w.contains("Dropped 1 rows with no value in target column 'rating'"));
        int total = auto.train().rows() + auto.validation().rows() + auto.test().rows();
        assertThat(total).isEqualTo(9);

        PreparedData forced = DataPipeline.prepare(spec.withTask(TaskChoice.CLASSIFICATION), (Path) null);
        assertThat(forced.task()).isEqualTo(TaskType.MULTICLASS_CLASSIFICATION);
        assertThat(forced.preprocessing().classes()).containsExactly("3", "4", "5");
    }

    @Test
    void predictionFileLoadsWithTrainingKindsAndWithoutTarget(@TempDir Path dir) throws Exception {
        PreparedData data = DataPipeline.prepare(DataSpec.of(fixture("multiclass.csv").toString(), "species"), (Path) null);
        Path predict = dir.resolve("predict.csv");
        Files.writeString(predict, "f\n2.5\n100\n");
        FittedPreprocessing pre = FittedPreprocessing.fromJson(data.preprocessing().toJson());
        Table table = TableLoader.load(predict, CsvSniffer.detect(predict), pre.inputKinds());
        Matrix m = pre.transform(table, false);
        assertThat(m.rows()).isEqualTo(2);
        assertThat(m.targets()).isNull();
        assertThatThrownBy(() -> pre.transform(table, true))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Target column 'species' not found in predict.csv; available columns: f");
    }

    @Test
    void mostlyTextColumnWithNumbersBecomesCategoricalKeepingSpelling() {
        Table table = TableLoader.load(fixture("mixed.csv"), CsvFormat.DEFAULT);
        assertThat(table.column("code")).isInstanceOf(CategoricalColumn.class);
        assertThat(((CategoricalColumn) table.column("code")).levels()).containsExactly("A", "2", "B", "4", "C");
        Table forced = TableLoader.load(fixture("comma.csv"), CsvFormat.DEFAULT, Map.of("a", ColumnKind.CATEGORICAL));
        assertThat(forced.column("a").kind()).isEqualTo(ColumnKind.CATEGORICAL);
    }

    @Test
    void raggedLineNumberCountsEmbeddedLineBreaks() {
        assertThatThrownBy(() -> TableLoader.load(fixture("ragged_after_newline.csv"), CsvFormat.DEFAULT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("ragged_after_newline.csv line 5 has 2 fields but the header has 3");
    }

    @Test
    void reportFlagsConstantAndEmptyColumns() {
        DatasetReport report = DatasetReport.of(TableLoader.load(fixture("constant_empty.csv"), CsvFormat.DEFAULT));
        assertThat(report.column("k").type()).isEqualTo(ColumnType.CONSTANT);
        assertThat(report.column("k").problems()).anyMatch(p -> p.startsWith("constant"));
        assertThat(report.column("e").type()).isEqualTo(ColumnType.EMPTY);
        assertThat(report.column("e").missing()).isEqualTo(3);
        assertThat(report.column("v").histogram()).containsExactly(1, 0, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(report.render()).contains("constant", "empty");
    }

    @Test
    void splitFractionsAreValidated() {
        assertThatThrownBy(() -> new SplitSpec(0.5, 0.5, 0.5, 1, true))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sum to 1");
    }

    @Test
    void categoricalColumnRejectsMeanImputation() {
        DataSpec spec = DataSpec.of(fixture("multiclass.csv").toString(), "f")
                .withColumn("species", new ColumnSpec(null, Imputation.MEAN, null, null));
        assertThatThrownBy(() -> DataPipeline.prepare(spec, (Path) null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Column 'species' is categorical: mean imputation needs numbers");
    }

    @Test
    void dataSpecJsonUsesLowerCaseValues() throws Exception {
        DataSpec spec = DataSpec.of("x.csv", "y").withTask(TaskChoice.CLASSIFICATION)
                .withColumn("a", new ColumnSpec(Role.IGNORE, Imputation.MOST_FREQUENT, null, Scaling.MINMAX));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String text = json.writeValueAsString(spec);
        assertThat(text).contains("\"classification\"", "\"ignore\"", "\"most_frequent\"", "\"minmax\"");
        assertThat(json.readValue(text, DataSpec.class)).isEqualTo(spec);
        DataSpec tab = json.readValue("{\"path\":\"a.tsv\",\"delimiter\":\"\\t\",\"target\":\"y\"}", DataSpec.class);
        assertThat(tab.delimiter()).isEqualTo('\t');
    }
}
