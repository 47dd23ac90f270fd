package dev.layerlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.NetworkSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Learning-rate schedules, warm-up, reduce-on-plateau and decoupled weight decay, as the trainer applies them. */
class ScheduleTest {
    @TempDir
    static Path dir;
    static PreparedData regression;
    static PreparedData sonar;

    static final NetworkSpec NET = NetworkSpec.of(DenseLayer.of(16, Activation.RELU), DenseLayer.of(8, Activation.RELU));
    static final NetworkSpec WIDE = NetworkSpec.of(DenseLayer.of(128, Activation.RELU), DenseLayer.of(64, Activation.RELU));

    @BeforeAll
    static void load() {
        regression = DataPipeline.prepare(new DataSpec(TestData.regression(dir, 300).toString(), null, null, "y",
                TaskChoice.AUTO, Map.of(), new SplitSpec(0.7, 0.15, 0.15, 3, true), null), dir);
        sonar = DataPipeline.prepare(new DataSpec(TestData.SONAR.toAbsolutePath().toString(), null, null, "Target",
                TaskChoice.AUTO, Map.of(), new SplitSpec(0.6, 0.2, 0.2, 3, true), null), dir);
    }

    static TrainingSpec spec(OptimizerSpec optimizer, int epochs) {
        return new TrainingSpec(optimizer, 32, epochs, 5, EarlyStoppingSpec.disabled(), CheckpointSpec.none());
    }

    static List<Double> rates(TrainingResult result) {
        return result.history().stream().map(EpochRecord::learningRate).toList();
    }

    @Test
    void warmupThenCosineIsTheRateEachEpochTrainsWith() {
        OptimizerSpec o = new OptimizerSpec(OptimizerKind.ADAM, 0.01, null, ScheduleKind.COSINE, null, null, null, 2, null);
        TrainingResult result = new Trainer(null, null).train(NET, spec(o, 8), regression);

        List<Double> rates = rates(result);
        assertThat(rates).hasSize(8);
        // warm-up: 1/3 and 2/3 of the rate, then the cosine starts at the full rate and falls towards zero
        assertThat(rates.get(0)).isCloseTo(0.01 / 3, within(1e-9));
        assertThat(rates.get(1)).isCloseTo(0.02 / 3, within(1e-9));
        assertThat(rates.get(2)).isCloseTo(0.01, within(1e-9));
        for (int e = 3; e < 8; e++) {
            assertThat(rates.get(e)).isLessThan(rates.get(e - 1));
        }
        assertThat(rates.get(7)).isCloseTo(0.01 * 0.5 * (1 + Math.cos(Math.PI * 5 / 6)), within(1e-9));
        assertThat(result.history().get(7).trainLoss()).isLessThan(result.history().get(0).trainLoss());
    }

    @Test
    void oneCycleRisesToTheRateThenAnnealsFarBelowIt() {
        OptimizerSpec o = new OptimizerSpec(OptimizerKind.ADAM, 0.01, null, ScheduleKind.ONE_CYCLE, null, null, null, null, null);
        TrainingResult result = new Trainer(null, null).train(NET, spec(o, 10), regression);

        List<Double> rates = rates(result);
        assertThat(rates.get(0)).isCloseTo(0.01 / 25, within(1e-9));
        assertThat(rates.get(3)).isCloseTo(0.01, within(1e-9)); // the peak after 30 % of 10 epochs
        assertThat(rates.subList(0, 4)).isSorted();
        assertThat(rates.get(9)).isLessThan(1e-6);
    }

    @Test
    void plateauLowersTheRateWhenTheValidationLossStallsAndResumesTheSame() {
        // A wide network overfits sonar's 125 training rows within a few epochs: the validation loss stops falling.
        OptimizerSpec o = new OptimizerSpec(OptimizerKind.ADAM, 0.003, null, ScheduleKind.PLATEAU, 0.5, null, null, null, 2);
        TrainingSpec spec = new TrainingSpec(o, 16, 16, 5, EarlyStoppingSpec.disabled(), CheckpointSpec.defaults());
        TrainingResult whole = new Trainer(null, dir.resolve("plateau-whole")).train(WIDE, spec, sonar);

        List<EpochRecord> history = whole.history();
        assertThat(rates(whole)).contains(0.003, 0.0015);
        // every drop follows exactly two epochs whose validation loss was no new best
        double best = Double.NaN;
        int wait = 0;
        double rate = 0.003;
        for (EpochRecord r : history) {
            assertThat(r.learningRate()).as("epoch %d", r.epoch()).isEqualTo(rate);
            if (Double.isNaN(best) || r.valLoss() < best) {
                best = r.valLoss();
                wait = 0;
            } else if (++wait == 2) {
                wait = 0;
                rate *= 0.5;
            }
        }

        Path checkpoints = dir.resolve("plateau-interrupted");
        RunControl control = new RunControl();
        Trainer trainer = new Trainer(control, checkpoints);
        int stopAfter = 9;
        trainer.addListener(new TrainingListener() {
            @Override
            public void onEpoch(EpochRecord record) {
                if (record.epoch() == stopAfter) {
                    control.cancel();
                }
            }
        });
        trainer.fit(Trainer.buildNetwork(WIDE, Trainer.shapeOf(sonar), spec), spec, sonar, TrainingState.start("t0", "f", "h"));
        TrainingResult resumed = new Trainer(null, checkpoints).resume(spec, sonar);
        assertThat(rates(resumed)).isEqualTo(rates(whole));
        for (int i = 0; i < history.size(); i++) {
            assertThat(resumed.history().get(i).valLoss()).isCloseTo(history.get(i).valLoss(), within(1e-5));
        }
    }

    @Test
    void decoupledWeightDecayShrinksTheWeightsAndIsNotL2() {
        OptimizerSpec adam = OptimizerSpec.of(OptimizerKind.ADAM, 0.01);
        TrainingResult plain = new Trainer(null, null).train(WIDE, spec(adam, 6), regression);
        TrainingResult decayed = new Trainer(null, null).train(WIDE, spec(adam.withWeightDecay(0.5), 6), regression);

        assertThat(decayed.network().params().norm2Number().doubleValue())
                .isLessThan(0.9 * plain.network().params().norm2Number().doubleValue());
        String conf = ((org.deeplearning4j.nn.multilayer.MultiLayerNetwork) decayed.network().dl4j()).getLayerWiseConfigurations().toJson();
        assertThat(conf).contains("org.nd4j.linalg.learning.regularization.WeightDecay").doesNotContain("L2Regularization");
    }

    @Test
    void theNewSettingsRoundTripThroughTheExperimentJsonAndOldFilesAreUnchanged() {
        OptimizerSpec o = new OptimizerSpec(OptimizerKind.ADAM, 0.002, null, ScheduleKind.PLATEAU, 0.3, null, 0.01, 3, 4);
        Experiment e = new Experiment(0, "x", DataSpec.of("a.csv", "y"), NET, TrainingSpec.defaults().withOptimizer(o));
        String json = ExperimentJson.toJson(e);
        assertThat(json).contains("\"schedule\" : \"plateau\"", "\"weightDecay\" : 0.01", "\"warmupEpochs\" : 3",
                "\"plateauPatience\" : 4");
        assertThat(ExperimentJson.fromJson(json, "t").training().optimizer()).isEqualTo(o);

        Experiment old = new Experiment(0, "x", DataSpec.of("a.csv", "y"), NET, TrainingSpec.defaults());
        String oldJson = ExperimentJson.toJson(old);
        assertThat(oldJson).doesNotContain("weightDecay", "warmupEpochs", "plateauPatience", "ratios", "targetTransform");
        assertThat(ExperimentJson.fromJson(oldJson, "t").training().optimizer()).isEqualTo(OptimizerSpec.defaults());
        assertThat(ScheduleKind.fromId("one_cycle")).isEqualTo(ScheduleKind.ONE_CYCLE);
        assertThat(ScheduleKind.ONE_CYCLE.id()).isEqualTo("one-cycle");
    }

    @Test
    void impossibleSettingsAreRefusedInPlainWords() {
        TrainingSpec bad = spec(new OptimizerSpec(OptimizerKind.ADAM, 0.01, null, ScheduleKind.PLATEAU, 1.5, null, -0.1, 9, 0), 5);
        assertThat(bad.problems()).anyMatch(p -> p.startsWith("plateau factor must be in (0, 1]"))
                .anyMatch(p -> p.startsWith("plateau patience must be at least 1"))
                .anyMatch(p -> p.startsWith("weight decay must be"))
                .anyMatch(p -> p.startsWith("warm-up (9 epochs) must be shorter than the run"));
    }
}
