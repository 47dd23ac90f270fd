package dev.layerlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class QuantileScalingTest {
    static final Path HOUSING = Path.of("sample-data/california_housing.csv");

    @Test
    void mapsRanksToANormalAndClipsOutsideTheTrainingRange() {
        float[] values = new float[2001];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.exp(i / 200.0); // heavily skewed
        }
        double[] q = QuantileTransform.fit(values);
        assertThat(q).hasSize(QuantileTransform.MAX_QUANTILES);
        assertThat(q[0]).isEqualTo(values[0]);
        assertThat(q[q.length - 1]).isEqualTo(values[values.length - 1], within(1e-3));
        assertThat(QuantileTransform.apply(q, values[1000])).isCloseTo(0, within(1e-3));
        // the value at the 84.13th percentile maps to one standard deviation
        assertThat(QuantileTransform.apply(q, values[(int) Math.round(0.841345 * 2000)])).isCloseTo(1, within(0.01));
        assertThat(QuantileTransform.apply(q, 1e12)).isCloseTo(5.199, within(1e-3));
        assertThat(QuantileTransform.apply(q, -5)).isCloseTo(-5.199, within(1e-3));
        double previous = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i += 7) {
            double z = QuantileTransform.apply(q, values[i]);
            assertThat(z).isGreaterThanOrEqualTo(previous);
            previous = z;
        }
    }

    @Test
    void tiedValuesMapToTheMiddleOfTheirRun() {
        double[] q = QuantileTransform.fit(new float[] {0, 1, 1, 1, 1, 2, 3});
        // quantiles 0,1,1,1,1,2,3: the run of 1s spans probabilities 1/6..4/6, so 1 maps to the normal score of 5/12
        double expected = new org.apache.commons.math3.distribution.NormalDistribution().inverseCumulativeProbability(5.0 / 12);
        assertThat(QuantileTransform.apply(q, 1)).isCloseTo(expected, within(1e-9));
        // halfway between 2 and 3: probability 5.5/6
        double between = new org.apache.commons.math3.distribution.NormalDistribution().inverseCumulativeProbability(5.5 / 6);
        assertThat(QuantileTransform.apply(q, 2.5)).isCloseTo(between, within(1e-9));
    }

    @Test
    void housingWithQuantileScalingIsNormalOnTrainingRowsAndSurvivesTheBundleJson() {
        DataSpec spec = DataSpec.of(HOUSING.toString(), "median_house_value")
                .withScaling(Scaling.QUANTILE, java.util.List.of("population", "median_income", "ocean_proximity", "median_house_value"));
        PreparedData data = DataPipeline.prepare(spec, (Path) null);
        FittedPreprocessing pre = data.preprocessing();
        FittedColumn population = pre.columns().stream().filter(c -> c.name().equals("population")).findFirst().orElseThrow();
        FittedColumn rooms = pre.columns().stream().filter(c -> c.name().equals("total_rooms")).findFirst().orElseThrow();
        assertThat(population.quantileScaled()).isTrue();
        assertThat(population.quantiles()).hasSize(1000);
        assertThat(rooms.quantileScaled()).isFalse();
        int col = pre.featureNames().indexOf("population");
        Matrix train = data.train();
        double sum = 0;
        double sq = 0;
        for (int r = 0; r < train.rows(); r++) {
            double v = train.feature(r, col);
            sum += v;
            sq += v * v;
        }
        double mean = sum / train.rows();
        assertThat(mean).isCloseTo(0, within(0.02));
        assertThat(Math.sqrt(sq / train.rows() - mean * mean)).isCloseTo(1, within(0.1));

        FittedPreprocessing again = FittedPreprocessing.fromJson(pre.toJson());
        assertThat(again.toJson()).isEqualTo(pre.toJson());
        Matrix test = again.transform(data.table(), data.test().sourceRows(), true);
        assertThat(test.features()).isEqualTo(data.test().features());
    }
}
