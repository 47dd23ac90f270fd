package dev.layerlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.data.ColumnSpec;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.Embeddings;
import dev.layerlab.data.Encoding;
import dev.layerlab.data.FittedColumn;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.ShopsFixture;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.ModelSummary;
import dev.layerlab.model.NetworkSpec;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 500-category column through a learned embedding: fitted vocabulary, graph network, quality against one-hot. */
class EmbeddingTrainingTest {
    @TempDir
    static Path dir;
    static Path csv;

    static final NetworkSpec NET = NetworkSpec.of(DenseLayer.of(32, Activation.RELU), DenseLayer.of(16, Activation.RELU));

    @BeforeAll
    static void write() {
        csv = ShopsFixture.write(dir, 6000, 11);
    }

    static PreparedData prepare(Map<String, ColumnSpec> columns) {
        return DataPipeline.prepare(new DataSpec(csv.toString(), null, null, "y", TaskChoice.AUTO, columns,
                new SplitSpec(0.7, 0.15, 0.15, 3, false), null), dir);
    }


    static double testRmse(PreparedData data) {
        TrainingSpec spec = new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, 0.005), 32, 12, 5,
                EarlyStoppingSpec.disabled(), CheckpointSpec.none());
        TrainingResult result = new Trainer(null, null).train(NET, spec, data);
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        return result.metrics().get("test").get("rmse");
    }

    @Test
    void manyCategoriesAreEmbeddedByDefaultWithRareOnesPooled() {
        PreparedData data = prepare(Map.of());

        FittedColumn shop = data.preprocessing().columns().get(0);
        assertThat(shop.embedding()).isTrue();
        // one input (the index) instead of ~500 one-hot inputs
        assertThat(data.preprocessing().featureNames()).containsExactly("shop:index", "x");
        assertThat(shop.categories().size() + shop.rare().size()).isBetween(490, ShopsFixture.SHOPS);
        assertThat(shop.rare()).isNotEmpty();
        assertThat(shop.embeddingDim()).isEqualTo(Embeddings.dimension(shop.vocabulary()));
        float max = 0;
        for (int r = 0; r < data.train().rows(); r++) {
            max = Math.max(max, data.train().feature(r, 0));
        }
        assertThat(max).isEqualTo(shop.vocabulary() - 1);
        // the fitted vocabulary travels with the preprocessing
        assertThat(dev.layerlab.data.FittedPreprocessing.fromJson(data.preprocessing().toJson()).columns().get(0))
                .isEqualTo(shop);
    }

    @Test
    void theNetworkIsAGraphWithAnEmbeddingBranchAndItsSummaryCountsTheTable() {
        PreparedData data = prepare(Map.of());
        FittedColumn shop = data.preprocessing().columns().get(0);

        TrainableNetwork net = Trainer.buildNetwork(NET, Trainer.shapeOf(data), TrainingSpec.defaults());

        assertThat(net).isInstanceOf(GraphNetwork.class);
        ComputationGraph graph = (ComputationGraph) net.dl4j();
        assertThat(graph.getConfiguration().getNetworkInputs()).containsExactly("input", "shop_index");
        assertThat(graph.getLayer("shop_embedding").numParams()).isEqualTo((long) shop.vocabulary() * shop.embeddingDim());
        ModelSummary summary = ModelSummary.of(NET, Trainer.shapeOf(data));
        assertThat(summary.totalParams()).isEqualTo(graph.numParams());
        assertThat(summary.render()).contains("shop_embedding (Embedding)");
    }

    @Test
    void anEmbeddingLearnsWhatTheCategoryCarriesAndComesCloseToOneHot() {
        double embedded = testRmse(prepare(Map.of()));
        double oneHot = testRmse(prepare(Map.of("shop", ColumnSpec.defaults().withEncoding(Encoding.ONE_HOT))));
        double without = testRmse(prepare(Map.of("shop", ColumnSpec.ignored())));

        // the shop's effect (std 2) is most of y: a model that cannot use it stays near std 2
        assertThat(embedded).isLessThan(0.6 * without);
        // one-hot gives each shop its own first-layer weights, which suits an effect that is purely additive per
        // shop; the embedding (one input instead of 480) comes within a fifth of it (0.43 against 0.38 when written)
        assertThat(embedded).isLessThan(oneHot * 1.25);
    }
}
