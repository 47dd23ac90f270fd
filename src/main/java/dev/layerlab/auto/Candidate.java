package dev.layerlab.auto;

import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.Initializer;
import dev.layerlab.model.LayerSpec;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.OutputSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.ScheduleKind;
import dev.layerlab.training.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * One network configuration auto tries: hidden widths (funnels), activation, dropout, L2, learning rate, batch
 * size and learning-rate decay. The first few are the configurations known to work on tabular data; the rest
 * are drawn at random around them.
 */
public record Candidate(List<Integer> hidden, Activation activation, double dropout, double l2, double learningRate,
                        int batchSize, double decay) {

    /** Where auto starts: a wider funnel than the default, the default, then wider ones with larger batches (fast on CPU). */
    static List<Candidate> starting() {
        return List.of(
                new Candidate(List.of(256, 128, 64), Activation.RELU, 0, 0, 1e-3, 64, 1),
                new Candidate(List.of(128, 64, 32), Activation.RELU, 0, 0, 1e-3, 32, 1),
                new Candidate(List.of(512, 256, 128), Activation.RELU, 0.1, 1e-5, 1e-3, 128, 0.97),
                new Candidate(List.of(256, 256, 128), Activation.GELU, 0.05, 1e-5, 2e-3, 128, 0.95));
    }

    /** A random configuration from the search space. */
    static Candidate random(Random random) {
        int depth = 2 + random.nextInt(3);
        int first = new int[] {128, 256, 512}[random.nextInt(3)];
        boolean funnel = random.nextBoolean();
        List<Integer> hidden = new ArrayList<>();
        int width = first;
        for (int i = 0; i < depth; i++) {
            hidden.add(Math.max(16, width));
            if (funnel) {
                width /= 2;
            }
        }
        Activation activation = new Activation[] {Activation.RELU, Activation.RELU, Activation.GELU, Activation.SWISH,
                Activation.ELU}[random.nextInt(5)];
        double dropout = new double[] {0, 0, 0.05, 0.1, 0.2}[random.nextInt(5)];
        double l2 = new double[] {0, 1e-6, 1e-5, 1e-4}[random.nextInt(4)];
        double lr = Math.pow(10, -3.5 + 1.3 * random.nextDouble());
        int batch = new int[] {32, 64, 128, 256}[random.nextInt(4)];
        double decay = new double[] {1, 0.98, 0.95}[random.nextInt(3)];
        return new Candidate(hidden, activation, dropout, l2, lr, batch, decay);
    }

    NetworkSpec network() {
        List<LayerSpec> layers = new ArrayList<>();
        for (int units : hidden) {
            layers.add(new DenseLayer(null, units, activation, Initializer.HE_NORMAL, 0.0, 0, l2));
            if (dropout > 0) {
                layers.add(new DropoutLayer(null, dropout));
            }
        }
        return new NetworkSpec(layers, OutputSpec.auto());
    }

    TrainingSpec training(TrainingSpec base, long seed, int maxEpochs, int patience) {
        OptimizerSpec optimizer = decay < 1
                ? new OptimizerSpec(OptimizerKind.ADAM, learningRate, null, ScheduleKind.EXPONENTIAL, decay, null)
                : OptimizerSpec.of(OptimizerKind.ADAM, learningRate);
        return base.withOptimizer(optimizer).withBatchSize(batchSize).withEpochs(maxEpochs).withSeed(seed)
                .withEarlyStopping(EarlyStoppingSpec.patience(patience));
    }

    /** E.g. "256-128-64 relu, dropout 0.1, l2 1e-05, adam 0.001 x0.97/epoch, batch 128". */
    String describe() {
        return String.format(Locale.ROOT, "%s %s, dropout %s, l2 %s, adam %.2g%s, batch %d",
                hidden.stream().map(String::valueOf).collect(Collectors.joining("-")), activation.jsonName(),
                dropout, l2 == 0 ? "0" : String.format(Locale.ROOT, "%.0e", l2), learningRate,
                decay < 1 ? " x" + decay + "/epoch" : "", batchSize);
    }
}
