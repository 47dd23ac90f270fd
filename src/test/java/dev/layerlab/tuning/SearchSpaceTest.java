package dev.layerlab.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.DataSpec;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.experiment.ParamDomain;
import dev.layerlab.experiment.SearchSpace;
import dev.layerlab.model.Activation;
import dev.layerlab.model.BatchNormLayer;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.Initializer;
import dev.layerlab.model.LayerSpec;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.TrainingSpec;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
    static Experiment base() {
        NetworkSpec net = NetworkSpec.of(
                new DenseLayer(null, 32, Activation.TANH, Initializer.HE_NORMAL, 0, 0, 1e-4), DropoutLayer.of(0.1),
                DenseLayer.of(16, Activation.RELU));
        return new Experiment(0, "e", DataSpec.of("d.csv", "y"), net, TrainingSpec.defaults());
    }

    @Test
    void oldFilesLoadWithoutSearchAndNewOnesRoundTrip() {
        Experiment plain = base();
        String json = ExperimentJson.toJson(plain);
        assertThat(json).doesNotContain("search");
        assertThat(ExperimentJson.fromJson(json, "x").search()).isNull();

        Experiment withSpace = plain.withSearch(SearchSpace.defaults().with(SearchSpace.OPTIMIZER, ParamDomain.Choice.of("adam", "sgd"))
                .with(SearchSpace.unitsName(0), new ParamDomain.Fixed(64)).withGridPoints(3));
        Experiment back = ExperimentJson.fromJson(ExperimentJson.toJson(withSpace), "x");
        assertThat(back.search()).isEqualTo(withSpace.search());
        assertThat(ExperimentJson.toJson(withSpace)).contains("\"search\"").contains("\"loguniform\"");
    }

    @Test
    void unknownNamesAreRefused() {
        assertThatThrownBy(() -> SearchSpace.of(Map.of("training.lr", new ParamDomain.Uniform(0, 1))).requireValid())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("training.lr");
        assertThatThrownBy(() -> SearchSpace.of(Map.of(SearchSpace.LEARNING_RATE, new ParamDomain.LogUniform(0, 1))).requireValid())
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void applyTrainingParameters() {
        Map<String, Object> a = Map.of(SearchSpace.LEARNING_RATE, 0.005, SearchSpace.BATCH_SIZE, 64,
                SearchSpace.OPTIMIZER, "sgd");
        Experiment e = SpaceApplier.apply(base(), a);
        assertThat(e.training().optimizer().kind()).isEqualTo(OptimizerKind.SGD);
        assertThat(e.training().optimizer().learningRate()).isEqualTo(0.005);
        assertThat(e.training().batchSize()).isEqualTo(64);
        assertThat(e.network()).isEqualTo(base().network()); // untouched without network.* values
        assertThat(e.search()).isNull();
        // optimizer alone: its usual learning rate
        assertThat(SpaceApplier.apply(base(), Map.of(SearchSpace.OPTIMIZER, "sgd")).training().optimizer().learningRate()).isEqualTo(0.01);
    }

    @Test
    void applyNetworkParametersRebuildsTheStack() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put(SearchSpace.HIDDEN_LAYERS, 3);
        a.put(SearchSpace.unitsName(0), 128);
        a.put(SearchSpace.unitsName(2), 8);
        a.put(SearchSpace.DROPOUT, 0.2);
        Experiment e = SpaceApplier.apply(base(), a);
        List<LayerSpec> layers = e.network().layers();
        assertThat(layers).hasSize(6);
        DenseLayer d0 = (DenseLayer) layers.get(0);
        DenseLayer d1 = (DenseLayer) layers.get(2);
        DenseLayer d2 = (DenseLayer) layers.get(4);
        assertThat(d0.units()).isEqualTo(128);
        assertThat(d0.activation()).isEqualTo(Activation.TANH);
        assertThat(d0.l2()).isEqualTo(1e-4);
        assertThat(d1.units()).isEqualTo(16); // from the base's second layer
        assertThat(d2.units()).isEqualTo(8);
        assertThat(d2.activation()).isEqualTo(Activation.RELU); // copies the base's last dense layer
        assertThat(((DropoutLayer) layers.get(1)).rate()).isEqualTo(0.2);

        Experiment one = SpaceApplier.apply(base(), Map.of(SearchSpace.HIDDEN_LAYERS, 1, SearchSpace.DROPOUT, 0.0,
                SearchSpace.ACTIVATION, "elu", SearchSpace.L2, 0.01));
        assertThat(one.network().layers()).hasSize(1);
        DenseLayer only = (DenseLayer) one.network().layers().get(0);
        assertThat(only.activation()).isEqualTo(Activation.ELU);
        assertThat(only.l2()).isEqualTo(0.01);
        // pure: the base is unchanged and applying twice gives equal results
        assertThat(SpaceApplier.apply(base(), a)).isEqualTo(e);
        assertThat(base().network().layers()).hasSize(3);
    }

    @Test
    void unitsOnlyExistForPresentLayers() {
        ResolvedSpace r = ResolvedSpace.of(SearchSpace.defaults(), base());
        assertThat(r.names()).containsExactly(SearchSpace.LEARNING_RATE, SearchSpace.HIDDEN_LAYERS, SearchSpace.DROPOUT,
                "network.units[0]", "network.units[1]", "network.units[2]");
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            Map<String, Object> a = r.sample(random);
            int layers = (Integer) a.get(SearchSpace.HIDDEN_LAYERS);
            for (int l = 0; l < 3; l++) {
                assertThat(a.containsKey(SearchSpace.unitsName(l))).isEqualTo(l < layers);
            }
            int units = (Integer) a.get(SearchSpace.unitsName(0));
            assertThat(Integer.bitCount(units)).isEqualTo(1);
            assertThat(units).isBetween(16, 256);
            double lr = (Double) a.get(SearchSpace.LEARNING_RATE);
            assertThat(lr).isBetween(1e-4, 1e-2);
        }
    }

    @Test
    void gridCountsConditionalPointsAndCoversThemExactly() {
        SearchSpace s = SearchSpace.of(Map.of()).with(SearchSpace.LEARNING_RATE, new ParamDomain.LogUniform(1e-4, 1e-2))
                .with(SearchSpace.HIDDEN_LAYERS, ParamDomain.IntRange.of(1, 2))
                .with(SearchSpace.UNITS, ParamDomain.IntRange.powersOfTwo(16, 64))
                .with(SearchSpace.OPTIMIZER, ParamDomain.Choice.of("adam", "sgd"))
                .withGridPoints(3);
        ResolvedSpace r = ResolvedSpace.of(s, base());
        // lr 3 x optimizer 2 x (1 layer: 3 units + 2 layers: 3 x 3 units) = 6 x 12
        assertThat(r.gridSize()).isEqualTo(72);
        List<Map<String, Object>> grid = r.grid();
        assertThat(grid).hasSize(72);
        assertThat(new HashSet<>(grid)).hasSize(72);

        GridStrategy g = new GridStrategy(r);
        assertThat(g.plannedTrials(1000)).isEqualTo(72);
        Set<Map<String, Object>> seen = new HashSet<>();
        for (int n = 0; n < 72; n++) {
            seen.add(g.suggest(n, List.of()));
        }
        assertThat(seen).isEqualTo(new HashSet<>(grid));
        assertThat(g.suggest(72, List.of())).isNull();
        assertThat(((Double) grid.get(0).get(SearchSpace.LEARNING_RATE))).isCloseTo(1e-4, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void domainsMapToTheUnitIntervalAndBack() {
        ParamDomain.LogUniform lr = new ParamDomain.LogUniform(1e-4, 1e-2);
        assertThat(lr.toUnit(1e-3)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat((Double) lr.fromUnit(0.5)).isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-12));
        ParamDomain.IntRange units = ParamDomain.IntRange.powersOfTwo(16, 256);
        assertThat(units.values()).containsExactly(16, 32, 64, 128, 256);
        for (int v : units.values()) {
            assertThat(units.fromUnit(units.toUnit(v))).isEqualTo(v);
        }
        assertThat(new ParamDomain.IntRange(1, 10, false, 3).values()).containsExactly(1, 4, 7, 10);
    }

    @Test
    void batchNormBaseIsUntouchedWhenOnlyTrainingIsSearched() {
        Experiment e = base().withNetwork(NetworkSpec.of(DenseLayer.of(8, Activation.RELU), BatchNormLayer.of()));
        assertThat(SpaceApplier.apply(e, Map.of(SearchSpace.LEARNING_RATE, 0.01)).network()).isEqualTo(e.network());
    }
}
