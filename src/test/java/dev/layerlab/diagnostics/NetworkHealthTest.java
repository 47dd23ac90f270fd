package dev.layerlab.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.Initializer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.CheckpointSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.training.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health rules on networks built to be sick, and silence on a healthy one, on the housing sample. */
class NetworkHealthTest {
    @TempDir
    static Path dir;
    /** The first 3000 rows of the California-housing sample. */
    static PreparedData housing;

    @BeforeAll
    static void load() throws IOException {
        List<String> lines = Files.readAllLines(TestData.CALIFORNIA);
        Path csv = dir.resolve("housing-3000.csv");
        Files.write(csv, lines.subList(0, 3001));
        housing = DataPipeline.prepare(new DataSpec(csv.toString(), null, null, "median_house_value", TaskChoice.AUTO,
                Map.of(), new SplitSpec(0.7, 0.15, 0.15, 42, true), null), dir);
    }

    static NetworkSpec defaultNetwork() {
        // What `layerlab train` builds by default: 128-64-32 relu, He initialisation.
        return NetworkSpec.of(new DenseLayer(null, 128, Activation.RELU, Initializer.HE_NORMAL, 0, 0, 0),
                new DenseLayer(null, 64, Activation.RELU, Initializer.HE_NORMAL, 0, 0, 0),
                new DenseLayer(null, 32, Activation.RELU, Initializer.HE_NORMAL, 0, 0, 0));
    }

    static TrainingSpec spec(OptimizerSpec optimizer, int epochs) {
        return new TrainingSpec(optimizer, 32, epochs, 42, EarlyStoppingSpec.disabled(), CheckpointSpec.none());
    }

    record Outcome(NetworkHealth health, TrainingResult result) {
        Set<HealthIssue> issues() {
            return health.warnings().stream().map(HealthWarning::issue).collect(Collectors.toSet());
        }
    }

    static Outcome train(NetworkSpec network, TrainingSpec spec) {
        NetworkHealth health = new NetworkHealth(5);
        Trainer trainer = new Trainer(null, null);
        health.attachTo(trainer);
        TrainingResult result = trainer.train(network, spec, housing);
        return new Outcome(health, result);
    }

    @Test
    void defaultHousingRunIsHealthyAndSampled() {
        Outcome run = train(defaultNetwork(), spec(OptimizerSpec.defaults(), 4));

        assertThat(run.health().warnings()).isEmpty();
        List<HealthSample> samples = run.health().samples();
        assertThat(samples).extracting(HealthSample::layer).contains("dense_1", "dense_2", "dense_3", "output_4");
        for (HealthSample s : samples) {
            assertThat(s.gradNorm()).isFinite().isPositive();
            assertThat(s.updateRatio()).isBetween(1e-5, 3e-2);
            assertThat(s.weights().counts()).hasSize(Histogram.BINS);
        }
        assertThat(samples.stream().filter(s -> s.layer().startsWith("dense")))
                .allSatisfy(s -> {
                    assertThat(s.deadFraction()).isBetween(0.0, 0.4);
                    assertThat(s.activationStd()).isPositive();
                });
    }

    @Test
    void sgdAtHalfWarnsInTheFirstEpochs() {
        Outcome run = train(defaultNetwork(), spec(OptimizerSpec.of(OptimizerKind.SGD, 0.5), 3));

        assertThat(run.issues()).containsAnyOf(HealthIssue.EXPLODING, HealthIssue.LEARNING_RATE_HIGH);
        assertThat(run.health().warnings().get(0).epoch()).isLessThanOrEqualTo(2);
        assertThat(run.health().warnings().get(0).text()).contains("Try: lower the learning rate");
    }

    @Test
    void adamAtTooHighRateWarnsThatTheRateIsTooHigh() {
        Outcome run = train(defaultNetwork(), spec(OptimizerSpec.of(OptimizerKind.ADAM, 0.3), 2));

        assertThat(run.issues()).containsAnyOf(HealthIssue.LEARNING_RATE_HIGH, HealthIssue.EXPLODING);
    }

    @Test
    void saturatedSigmoidStackHasVanishingGradients() {
        // Biases of 6 push every sigmoid to ~1, where its slope is ~0.0025: the gradient shrinks layer by layer.
        DenseLayer saturated = new DenseLayer(null, 32, Activation.SIGMOID, Initializer.GLOROT_UNIFORM, 6, 0, 0);
        NetworkSpec stack = NetworkSpec.of(saturated, saturated, saturated, saturated, saturated);
        Outcome run = train(stack, spec(OptimizerSpec.defaults(), 2));

        assertThat(run.issues()).contains(HealthIssue.VANISHING);
        assertThat(run.issues()).doesNotContain(HealthIssue.DYING_RELU);
    }

    @Test
    void largeNegativeBiasKillsReluUnits() {
        DenseLayer dead = new DenseLayer(null, 64, Activation.RELU, Initializer.HE_NORMAL, -10, 0, 0);
        NetworkSpec network = NetworkSpec.of(new DenseLayer(null, 64, Activation.RELU, Initializer.HE_NORMAL, 0, 0, 0),
                dead, new DenseLayer(null, 32, Activation.RELU, Initializer.HE_NORMAL, 0, 0, 0));
        Outcome run = train(network, spec(OptimizerSpec.defaults(), 2));

        assertThat(run.issues()).contains(HealthIssue.DYING_RELU);
        HealthWarning warning = run.health().warnings().stream().filter(w -> w.issue() == HealthIssue.DYING_RELU)
                .findFirst().orElseThrow();
        assertThat(warning.detail()).contains("dense_2");
        assertThat(warning.text()).contains("leaky relu");
    }

    @Test
    void samplingDoesNotChangeTraining() {
        TrainingSpec spec = spec(OptimizerSpec.defaults(), 2);
        TrainingResult plain = new Trainer(null, null).train(defaultNetwork(), spec, housing);
        Outcome probed = train(defaultNetwork(), spec);

        assertThat(probed.result().network().params().toFloatVector())
                .containsExactly(plain.network().params().toFloatVector());
    }

    @Test
    void diagnosticsCsvRoundTrips() {
        Outcome run = train(defaultNetwork(), spec(OptimizerSpec.defaults(), 1));
        String csv = run.health().csv();

        assertThat(csv).startsWith("epoch,iteration,layer,grad_norm,update_ratio,dead_fraction,activation_mean,activation_std,");
        List<HealthSample> back = NetworkHealth.fromCsv(csv);
        assertThat(back).hasSameSizeAs(run.health().samples());
        assertThat(back.get(0).layer()).isEqualTo("dense_1");
        assertThat(back.get(0).gradNorm()).isCloseTo(run.health().samples().get(0).gradNorm(),
                org.assertj.core.data.Percentage.withPercentage(0.01));
        assertThat(back.get(0).weights().counts()).containsExactly(run.health().samples().get(0).weights().counts());
    }
}
