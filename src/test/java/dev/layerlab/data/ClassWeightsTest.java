package dev.layerlab.data;

import static dev.layerlab.data.CsvFormatDetectionTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import dev.layerlab.model.Dl4jTranslator;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.Trainer;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** Balanced and explicit class weights: fitted on the training rows, carried into the network's loss. */
class ClassWeightsTest {

    @Test
    void balancedWeightsFollowTheTrainingCountsAndReachTheLoss() {
        DataSpec spec = DataSpec.of(fixture("quality/weather_daily.csv").toString(), "weather")
                .withClassWeights(ClassWeights.BALANCED);
        PreparedData data = DataPipeline.prepare(spec, (Path) null);
        FittedPreprocessing pre = data.preprocessing();

        assertThat(pre.classes()).containsExactly("drizzle", "fog", "rain", "snow", "sun");
        // n / (k * n_c): the rare classes weigh ~10-20 times a frequent one
        assertThat(pre.classWeights().get(0)).isGreaterThan(8);
        assertThat(pre.classWeights().get(4)).isLessThan(0.6);
        assertThat(data.warnings()).noneMatch(w -> w.startsWith("Imbalanced"));
        assertThat(FittedPreprocessing.fromJson(pre.toJson()).classWeights()).isEqualTo(pre.classWeights());

        MultiLayerConfiguration conf = Dl4jTranslator.toConfiguration(NetworkSpec.of(dev.layerlab.model.DenseLayer.of(4, dev.layerlab.model.Activation.RELU)), Trainer.shapeOf(pre),
                new Adam(1e-3), 1);
        OutputLayer out = (OutputLayer) conf.getConf(conf.getConfs().size() - 1).getLayer();
        assertThat(out.getLossFn()).isInstanceOf(LossMCXENT.class);
        assertThat(((LossMCXENT) out.getLossFn()).getWeights().getDouble(0)).isCloseTo(pre.classWeights().get(0),
                org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void withoutWeightsAnImbalancedTargetIsFlagged() {
        PreparedData data = DataPipeline.prepare(DataSpec.of(fixture("quality/weather_daily.csv").toString(), "weather"),
                (Path) null);
        assertThat(data.preprocessing().classWeights()).isEmpty();
        assertThat(data.warnings()).anyMatch(w -> w.startsWith("Imbalanced classes in 'weather': the rarest, 'drizzle'"));
    }

    @Test
    void explicitWeightsByLabelFromTheCliFormAndJson() throws Exception {
        ClassWeights w = ClassWeights.parse("fog=4, snow=2.5");
        assertThat(w.weights(List.of("fog", "rain", "snow"), new int[] {1, 1, 1})).containsExactly(4, 1, 2.5);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(mapper.readValue("\"balanced\"", ClassWeights.class)).isEqualTo(ClassWeights.BALANCED);
        assertThat(mapper.readValue(mapper.writeValueAsString(w), ClassWeights.class)).isEqualTo(w);
        assertThatThrownBy(() -> w.weights(List.of("rain", "sun"), new int[] {1, 1}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such class");
        assertThatThrownBy(() -> ClassWeights.parse("fog=-1")).isInstanceOf(InvalidInputException.class);
    }
}
