package dev.layerlab.data;

import static dev.layerlab.data.CsvFormatDetectionTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.layerlab.InvalidInputException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Columns graph outputs predict besides the experiment's target: one label block each, never features. */
class OutputTargetsPipelineTest {
    // price = main target; score (numeric, one cell missing) and kind (3 classes, one cell missing) = output targets
    static final DataSpec SPEC = DataSpec.of(fixture("multi_target.csv").toString(), "price");

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    static PreparedData prepare() {
        return DataPipeline.prepare(SPEC, (Path) null, List.of("score", "kind", "price", "score"));
    }

    @Test
    void eachOutputTargetGetsItsOwnBlockAfterTheMainTargetAndLeavesTheFeatures() {
        PreparedData data = prepare();
        FittedPreprocessing pre = data.preprocessing();

        assertThat(pre.inputColumns()).containsExactly("x1", "x2");
        assertThat(pre.outputTargets()).extracting(FittedTarget::column).containsExactly("score", "kind");
        assertThat(pre.outputTarget("score").task()).isEqualTo(TaskType.REGRESSION);
        assertThat(pre.outputTarget("kind").task()).isEqualTo(TaskType.MULTICLASS_CLASSIFICATION);
        assertThat(pre.outputTarget("kind").classes()).containsExactly("a", "b", "c");
        assertThat(pre.labelColumns()).containsExactly("price", "score", "kind");
        assertThat(pre.labelWidth()).isEqualTo(1 + 1 + 3);
        assertThat(data.train().targetWidth()).isEqualTo(5);

        Matrix train = data.train();
        FittedTarget score = pre.outputTarget("score");
        for (int i = 0; i < train.rows(); i++) {
            int row = train.sourceRows()[i];
            double price = ((NumericColumn) data.table().column("price")).value(row);
            double actualScore = ((NumericColumn) data.table().column("score")).value(row);
            String kind = data.table().column("kind").text(row);
            assertThat(pre.inverseTarget(train.target(i, 0))).isCloseTo(price, within(1e-3));
            assertThat(score.inverse(train.target(i, 1))).isCloseTo(actualScore, within(1e-3));
            float[] oneHot = {train.target(i, 2), train.target(i, 3), train.target(i, 4)};
            float[] expected = new float[3];
            expected[List.of("a", "b", "c").indexOf(kind)] = 1f;
            assertThat(oneHot).containsExactly(expected);
        }
    }

    @Test
    void aRegressionOutputTargetIsStandardizedOnTheTrainingRows() {
        PreparedData data = prepare();
        FittedTarget score = data.preprocessing().outputTarget("score");
        double[] trainScores = Arrays.stream(data.train().sourceRows())
                .mapToDouble(r -> ((NumericColumn) data.table().column("score")).value(r)).toArray();
        double mean = Arrays.stream(trainScores).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(trainScores).map(v -> (v - mean) * (v - mean)).sum() / trainScores.length);
        assertThat(score.center()).isCloseTo(mean, within(1e-6));
        assertThat(score.scale()).isCloseTo(std, within(1e-6));
    }

    @Test
    void rowsMissingAnyTargetAreDroppedWithAWarningAsForTheMainTarget() {
        PreparedData data = prepare();
        int rows = data.train().rows() + data.validation().rows() + data.test().rows();
        assertThat(rows).isEqualTo(10); // 12 rows, one without a score, one without a kind
        assertThat(data.warnings()).contains("Dropped 1 rows with no value in output target column 'score'",
                "Dropped 1 rows with no value in output target column 'kind'");
    }

    @Test
    void withoutOutputTargetsTheColumnsStayFeaturesAsBefore() {
        PreparedData plain = DataPipeline.prepare(SPEC, (Path) null);
        assertThat(plain.preprocessing().inputColumns()).containsExactly("x1", "x2", "kind", "score");
        assertThat(plain.preprocessing().outputTargets()).isEmpty();
        assertThat(plain.preprocessing().toJson()).doesNotContain("outputTargets");
        assertThat(plain.train().targetWidth()).isEqualTo(1);
        // naming the main target as an output's target changes nothing either
        PreparedData same = DataPipeline.prepare(SPEC, (Path) null, List.of("price"));
        assertThat(same.preprocessing().toJson()).isEqualTo(plain.preprocessing().toJson());
        assertThat(same.train().targets()).containsExactly(plain.train().targets());
    }

    @Test
    void theEncodingsRoundTripThroughJsonAndOlderJsonReadsWithoutThem() {
        FittedPreprocessing pre = prepare().preprocessing();
        FittedPreprocessing back = FittedPreprocessing.fromJson(pre.toJson());
        assertThat(back.outputTargets()).isEqualTo(pre.outputTargets());
        assertThat(back.toJson()).isEqualTo(pre.toJson());

        FittedPreprocessing old = FittedPreprocessing.fromJson(DataPipeline.prepare(SPEC, (Path) null).preprocessing().toJson());
        assertThat(old.outputTargets()).isEmpty();
        assertThat(old.labelWidth()).isEqualTo(old.targetWidth());
    }

    @Test
    void transformingNewRowsFillsEveryTargetBlockAndToleratesAbsentOutputTargets() {
        FittedPreprocessing pre = prepare().preprocessing();
        Table table = TableLoader.load(fixture("multi_target.csv"), CsvSniffer.detect(fixture("multi_target.csv")),
                pre.inputKinds());
        Matrix labelled = pre.transform(table, true);
        assertThat(labelled.rows()).isEqualTo(10);
        assertThat(labelled.targetWidth()).isEqualTo(5);

        Matrix unlabelled = pre.transform(table, false); // predicting: rows missing a target are kept, NaN labels
        assertThat(unlabelled.rows()).isEqualTo(12);
        assertThat(unlabelled.target(2, 1)).isNaN(); // row 3 has no score
        assertThat(unlabelled.target(2, 0)).isNotNaN();
    }

    @Test
    void anUnknownOrUnpredictableOutputTargetIsRefusedInPlainWords() {
        assertThatThrownBy(() -> DataPipeline.prepare(SPEC, (Path) null, List.of("scores")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("An output predicts column 'scores', which multi_target.csv does not have")
                .hasMessageContaining("available columns: x1, x2, kind, score, price");
        Path constant = dev.layerlab.TestData.write(dir.resolve("constant.csv"), "x,c,y\n1,5,1\n2,5,2\n3,5,3\n4,5,4\n");
        assertThatThrownBy(() -> DataPipeline.prepare(DataSpec.of(constant.toString(), "y"), (Path) null, List.of("c")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Output target column 'c'").hasMessageContaining("is constant");
    }

    @Test
    void targetCandidatesDescribeEveryPredictableColumnButTheTarget() {
        Table table = TableLoader.load(fixture("multi_target.csv"), CsvSniffer.detect(fixture("multi_target.csv")),
                java.util.Map.of());
        List<FittedTarget> candidates = DataPipeline.targetCandidates(SPEC, table);
        assertThat(candidates).extracting(FittedTarget::column).containsExactly("x1", "x2", "kind", "score");
        assertThat(candidates.get(2).task()).isEqualTo(TaskType.MULTICLASS_CLASSIFICATION);
        assertThat(candidates.get(2).width()).isEqualTo(3);
        assertThat(candidates.get(3).task()).isEqualTo(TaskType.REGRESSION);
    }
}
