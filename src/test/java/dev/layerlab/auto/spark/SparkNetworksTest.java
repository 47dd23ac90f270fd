package dev.layerlab.auto.spark;

import static dev.layerlab.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.layerlab.TestData;
import dev.layerlab.auto.NetworkRunner;
import dev.layerlab.cli.CliRun.Outcome;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.RunStatus;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.training.TrainingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auto's networks as tasks of an embedded Spark (local[2]) against the same networks on this machine's threads. */
class SparkNetworksTest {
    @TempDir
    static Path shared;
    static PreparedData data;
    static Experiment experiment;

    @BeforeAll
    static void prepare() {
        Path csv = TestData.regression(shared, 200);
        experiment = new Experiment(0, "spark-auto", DataSpec.of(csv.toString(), "y"),
                NetworkSpec.of(DenseLayer.of(16, Activation.RELU), DenseLayer.of(8, Activation.RELU)),
                TrainingSpec.defaults().withEpochs(4).withBatchSize(32));
        data = DataPipeline.prepare(experiment.data(), shared);
    }

    @Test
    void aNetworkTrainedAsASparkTaskEqualsTheSameNetworkTrainedHere() {
        long noDeadline = System.currentTimeMillis() + 600_000;
        TrainingResult here = NetworkRunner.LOCAL.train(experiment, data, new RunControl(), noDeadline);
        TrainingResult onSpark;
        try (SparkNetworks spark = new SparkNetworks("local[2]")) {
            assertThat(spark.open(data, 1)).isEqualTo(2);
            assertThat(spark.describe()).startsWith("Spark local[2] (embedded in this process, 2 networks at once");
            onSpark = spark.train(experiment, data, new RunControl(), noDeadline);
        }
        assertThat(onSpark.history()).hasSameSizeAs(here.history());
        assertThat(onSpark.keptEpoch()).isEqualTo(here.keptEpoch());
        // the driver scores the returned weights on every split, the test rows included (the task never sees them)
        for (String split : List.of("train", "validation", "test")) {
            Map<String, Double> a = here.metrics().get(split);
            Map<String, Double> b = onSpark.metrics().get(split);
            assertThat(b.get("rmse")).as(split).isCloseTo(a.get("rmse"), within(1e-4 * Math.max(1, a.get("rmse"))));
        }
        assertThat(onSpark.network().numParams()).isEqualTo(here.network().numParams());
        assertThat(onSpark.evaluation().split()).isEqualTo("test");
    }

    @Test
    void aTaskThatThrowsFailsOnlyItsNetworkAndAPastDeadlineStopsTheNetworkWithItsBestEpoch() {
        // a lambda capturing nothing: Spark serializes it with the task
        NetworkTask.Body failsOnce = (e, task) -> {
            if (e.name().equals("unlucky")) {
                throw new IllegalStateException("executor ran out of luck");
            }
            return NetworkTask.Body.TRAIN.train(e, task);
        };
        try (SparkNetworks spark = new SparkNetworks("local[1]", failsOnce)) {
            spark.open(data, 1);
            long later = System.currentTimeMillis() + 600_000;
            assertThatThrownBy(() -> spark.train(experiment.withName("unlucky"), data, new RunControl(), later))
                    .hasMessageContaining("executor ran out of luck");
            TrainingResult next = spark.train(experiment.withTraining(experiment.training().withEpochs(1_000_000)
                            .withEarlyStopping(EarlyStoppingSpec.disabled())), data, new RunControl(),
                    System.currentTimeMillis() + 3_000);
            // a million epochs without early stopping end only at the deadline: the task stopped there, weights kept
            assertThat(next.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(next.history()).isNotEmpty();
            assertThat(next.metrics().get("test").get("rmse")).isFinite();
        }
    }

    @Test
    void autoOnSparkWritesAModelThatPredictReads(@TempDir Path dir) throws Exception {
        Path csv = TestData.regression(dir, 300);
        Path out = dir.resolve("auto");
        Outcome auto = run("auto", "--data", csv.toString(), "--target", "y", "--time-budget", "30s", "--spark", "local[2]",
                "--out", out.toString());
        assertThat(auto.code()).as(auto.err() + auto.out()).isZero();
        assertThat(auto.out()).contains("Networks train on Spark local[2] (embedded in this process, 2 networks at once");
        ModelBundle bundle = ModelBundle.read(out.resolve("model.zip"));
        assertThat(bundle.members()).isNotEmpty();
        assertThat(Files.readAllLines(out.resolve("leaderboard.csv")).size()).isGreaterThan(bundle.members().size());
        Outcome predict = run("predict", "--model", out.resolve("model.zip").toString(), "--data", csv.toString(),
                "--out", dir.resolve("p.csv").toString());
        assertThat(predict.code()).as(predict.err()).isZero();

        Outcome bad = run("auto", "--data", csv.toString(), "--target", "y", "--time-budget", "40s", "--spark", "localhost",
                "--out", dir.resolve("x").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).contains("spark://host:7077").doesNotContain("\n");
    }
}
