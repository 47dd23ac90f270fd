package dev.layerlab.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.data.TaskType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;

class ModelSummaryTest {

    private static final NetworkShape SHAPE = new NetworkShape(5, 3, TaskType.MULTICLASS_CLASSIFICATION);

    @Test
    void countsMatchTheDl4jNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(
                Dl4jTranslator.toConfiguration(Dl4jTranslatorTest.MIXED, SHAPE, new Adam(), 1));
        net.init();
        ModelSummary summary = ModelSummary.of(Dl4jTranslatorTest.MIXED, SHAPE);
        assertThat(summary.totalParams()).isEqualTo(net.numParams());
        // Per DL4J layer too (this spec maps 1:1 onto DL4J layers).
        for (int i = 0; i < summary.rows().size(); i++) {
            assertThat(summary.rows().get(i).params()).as(summary.rows().get(i).name())
                    .isEqualTo(net.getLayer(i).numParams());
        }
    }

    @Test
    void rowsAndKerasStyleTrainableSplit() {
        ModelSummary summary = ModelSummary.of(Dl4jTranslatorTest.MIXED, SHAPE);
        assertThat(summary.rows()).containsExactly(
                new ModelSummary.Row("dense", "Dense", "(None, 16)", 5 * 16 + 16),
                new ModelSummary.Row("dropout", "Dropout", "(None, 16)", 0),
                new ModelSummary.Row("dense_1", "Dense", "(None, 8)", 16 * 8 + 8),
                new ModelSummary.Row("batch_normalization", "BatchNormalization", "(None, 8)", 32),
                new ModelSummary.Row("activation", "Activation", "(None, 8)", 0),
                new ModelSummary.Row("output", "Dense", "(None, 3)", 8 * 3 + 3));
        assertThat(summary.totalParams()).isEqualTo(96 + 136 + 32 + 27);
        assertThat(summary.nonTrainableParams()).isEqualTo(16); // moving mean + variance
        assertThat(summary.trainableParams()).isEqualTo(291 - 16);
    }

    @Test
    void rendersAKerasLikeTable() {
        NetworkSpec spec = NetworkSpec.of(DenseLayer.of(16, Activation.RELU), DropoutLayer.of(0.2));
        String text = ModelSummary.of(spec, SHAPE).render(32);
        assertThat(text).contains(
                "Model: \"sequential\"",
                " Layer (type)                Output Shape              Param #",
                " dense (Dense)               (None, 16)                96",
                " dropout (Dropout)           (None, 16)                0",
                " output (Dense)              (None, 3)                 51",
                "Total params: 147 (588.00 B)",
                "Trainable params: 147 (588.00 B)",
                "Non-trainable params: 0 (0.00 B)",
                "Estimated training memory (batch 32, Adam): ");
    }

    @Test
    void widensTheNameColumnForLongNames() {
        String text = ModelSummary.of(Dl4jTranslatorTest.MIXED, SHAPE).render();
        assertThat(text).contains(
                " dense (Dense)                            (None, 16)                96",
                " batch_normalization (BatchNormalization) (None, 8)                 32",
                "Total params: 291 (1.14 KB)",
                "Trainable params: 275 (1.07 KB)",
                "Non-trainable params: 16 (64.00 B)");
    }

    @Test
    void memoryGrowsWithBatchAndUsesHumanUnits() {
        ModelSummary summary = ModelSummary.of(NetworkTemplates.suggest(60, TaskType.REGRESSION),
                new NetworkShape(60, 1, TaskType.REGRESSION));
        long params = summary.totalParams();
        assertThat(summary.estimatedMemoryBytes(1)).isGreaterThan(params * 16);
        assertThat(summary.estimatedMemoryBytes(256)).isGreaterThan(summary.estimatedMemoryBytes(1));
        assertThat(ModelSummary.humanBytes(512)).isEqualTo("512.00 B");
        assertThat(ModelSummary.humanBytes(3 * 1024 * 1024 / 2)).isEqualTo("1.50 MB");
    }
}
