package dev.layerlab.auto;

import dev.layerlab.data.RatioFeature;
import dev.layerlab.model.Activation;
import dev.layerlab.model.BatchNormLayer;
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
 * One configuration auto tries: hidden widths (funnels), activation (SELU with alpha dropout), dropout, batch
 * norm, L2 or decoupled weight decay (AdamW), learning rate and its schedule (constant, exponential decay, cosine,
 * one-cycle, reduce-on-plateau, each with an optional warm-up), batch size, and the data choices (scaling, log
 * target, ratio features). The first few are the configurations known to work on tabular data; the rest are drawn
 * at random around them.
 *
 * @param decay   exponential: the factor per epoch; plateau: the factor per plateau; otherwise unused
 * @param epochs  the epoch budget of schedules that span the run (cosine, one-cycle); others stop early
 */
public record Candidate(List<Integer> hidden, Activation activation, double dropout, double l2, double learningRate,
                        int batchSize, double decay, boolean batchNorm, double weightDecay, ScheduleKind schedule,
                        int warmup, int epochs, DataChoice data) {

    /** A configuration of the original search space (no batch norm, weight decay, warm-up; default data). */
    static Candidate plain(List<Integer> hidden, Activation activation, double dropout, double l2, double learningRate,
                           int batchSize, double decay) {
        return new Candidate(hidden, activation, dropout, l2, learningRate, batchSize, decay, false, 0,
                decay < 1 ? ScheduleKind.EXPONENTIAL : ScheduleKind.CONSTANT, 0, AutoSearch.MAX_EPOCHS, DataChoice.DEFAULT);
    }

    /** Where auto starts: a wider funnel than the default, the default, then wider ones with larger batches (fast on CPU). */
    static List<Candidate> starting() {
        return List.of(
                plain(List.of(256, 128, 64), Activation.RELU, 0, 0, 1e-3, 64, 1),
                plain(List.of(128, 64, 32), Activation.RELU, 0, 0, 1e-3, 32, 1),
                plain(List.of(512, 256, 128), Activation.RELU, 0.1, 1e-5, 1e-3, 128, 0.97),
                plain(List.of(256, 256, 128), Activation.GELU, 0.05, 1e-5, 2e-3, 128, 0.95));
    }

    /**
     * What the data allows: a log target (regression, positive skewed target), which ratios exist, the
     * latitude/longitude pairs to rotate, and whether some column is embedded by default (then one-hot is tried).
     */
    record Space(boolean logTarget, List<RatioFeature> ratios, List<dev.layerlab.data.CoordinateRotation> rotations,
                 boolean embeds) {
        Space(boolean logTarget, List<RatioFeature> ratios) {
            this(logTarget, ratios, List.of(), false);
        }
    }

    /**
     * The known-good starting configurations for this data: with coordinate pairs, every one but the default
     * network sees them rotated (the projections are the largest single data step measured on map-like data).
     */
    static List<Candidate> starting(Space space) {
        if (space.rotations().isEmpty()) {
            return starting();
        }
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : starting()) {
            boolean isDefault = c.hidden().equals(List.of(128, 64, 32));
            out.add(isDefault ? c : c.withData(c.data().withRotations(space.rotations())));
        }
        return out;
    }

    Candidate withData(DataChoice newData) {
        return new Candidate(hidden, activation, dropout, l2, learningRate, batchSize, decay, batchNorm, weightDecay,
                schedule, warmup, epochs, newData);
    }

    /** A random configuration from the search space. */
    static Candidate random(Random random, Space space) {
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
                Activation.ELU, Activation.SELU}[random.nextInt(6)];
        double dropout = new double[] {0, 0, 0.05, 0.1, 0.2}[random.nextInt(5)];
        // SELU normalises itself: no batch norm with it
        boolean batchNorm = activation != Activation.SELU && random.nextInt(4) == 0;
        double weightDecay = new double[] {0, 0, 1e-3, 1e-2, 5e-2}[random.nextInt(5)];
        double l2 = weightDecay > 0 ? 0 : new double[] {0, 1e-6, 1e-5, 1e-4}[random.nextInt(4)];
        double lr = Math.pow(10, -3.5 + 1.3 * random.nextDouble());
        int batch = new int[] {32, 64, 128, 256}[random.nextInt(4)];
        ScheduleKind schedule = new ScheduleKind[] {ScheduleKind.CONSTANT, ScheduleKind.EXPONENTIAL, ScheduleKind.COSINE,
                ScheduleKind.ONE_CYCLE, ScheduleKind.PLATEAU}[random.nextInt(5)];
        double decay = switch (schedule) {
            case EXPONENTIAL -> new double[] {0.98, 0.95}[random.nextInt(2)];
            case PLATEAU -> 0.5;
            default -> 1;
        };
        int warmup = schedule == ScheduleKind.ONE_CYCLE ? 0 : new int[] {0, 0, 3, 5}[random.nextInt(4)];
        int epochs = schedule.spansTheRun() ? new int[] {30, 60}[random.nextInt(2)] : AutoSearch.MAX_EPOCHS;
        return new Candidate(hidden, activation, dropout, l2, lr, batch, decay, batchNorm, weightDecay, schedule, warmup,
                epochs, randomData(random, space));
    }

    private static DataChoice randomData(Random random, Space space) {
        String scaling = new String[] {DataChoice.QUANTILE, DataChoice.QUANTILE, DataChoice.STANDARDIZE,
                DataChoice.QUANTILE_SKEWED, DataChoice.LOG_SKEWED}[random.nextInt(5)];
        boolean log = space.logTarget() && random.nextInt(3) == 0;
        List<RatioFeature> ratios = List.of();
        if (!space.ratios().isEmpty()) {
            int pick = random.nextInt(10);
            if (pick >= 7) {
                ratios = space.ratios(); // every pair
            } else if (pick >= 4) {
                List<RatioFeature> pool = new ArrayList<>(space.ratios());
                java.util.Collections.shuffle(pool, random);
                ratios = List.copyOf(pool.subList(0, 1 + random.nextInt(Math.min(3, pool.size()))));
            }
        }
        // rotated coordinates helped every network measured on map-like data: kept in three draws of four
        List<dev.layerlab.data.CoordinateRotation> rotations = !space.rotations().isEmpty() && random.nextInt(4) > 0
                ? space.rotations() : List.of();
        boolean oneHot = space.embeds() && random.nextBoolean();
        return new DataChoice(scaling, log, ratios, rotations, oneHot);
    }

    NetworkSpec network() {
        List<LayerSpec> layers = new ArrayList<>();
        boolean selu = activation == Activation.SELU;
        for (int units : hidden) {
            // SELU wants LeCun-normal weights to keep its self-normalising property
            layers.add(new DenseLayer(null, units, activation, selu ? Initializer.LECUN_NORMAL : Initializer.HE_NORMAL, 0.0, 0, l2));
            if (batchNorm) {
                layers.add(BatchNormLayer.of());
            }
            if (dropout > 0) {
                layers.add(selu ? DropoutLayer.alpha(dropout) : new DropoutLayer(null, dropout));
            }
        }
        return new NetworkSpec(layers, OutputSpec.auto());
    }

    TrainingSpec training(TrainingSpec base, long seed, int patience) {
        OptimizerSpec optimizer = new OptimizerSpec(OptimizerKind.ADAM, learningRate, null, schedule,
                schedule == ScheduleKind.EXPONENTIAL || schedule == ScheduleKind.PLATEAU ? decay : null, null,
                weightDecay > 0 ? weightDecay : null, warmup > 0 ? warmup : null,
                schedule == ScheduleKind.PLATEAU ? Math.max(2, patience / 2) : null);
        // a schedule laid over the whole run is not cut short: the best epoch's weights are kept at its end
        EarlyStoppingSpec stopping = schedule.spansTheRun() ? EarlyStoppingSpec.patience(epochs)
                : EarlyStoppingSpec.patience(patience + warmup);
        return base.withOptimizer(optimizer).withBatchSize(batchSize).withEpochs(epochs).withSeed(seed)
                .withEarlyStopping(stopping);
    }

    /** E.g. "256-128-64 relu+bn, dropout 0.1, adamw 0.001 (wd 0.01) cosine 60 ep, warm-up 3, batch 128; quantile". */
    String describe() {
        String rate = String.format(Locale.ROOT, "%s %.2g", weightDecay > 0 ? "adamw" : "adam", learningRate)
                + (weightDecay > 0 ? " (wd " + weightDecay + ")" : "")
                + switch (schedule) {
                    case CONSTANT -> "";
                    case EXPONENTIAL -> " x" + decay + "/epoch";
                    case COSINE, ONE_CYCLE -> " " + schedule.id() + " " + epochs + " ep";
                    default -> " " + schedule.id();
                }
                + (warmup > 0 ? ", warm-up " + warmup : "");
        return String.format(Locale.ROOT, "%s %s%s, dropout %s, l2 %s, %s, batch %d; %s",
                hidden.stream().map(String::valueOf).collect(Collectors.joining("-")), activation.jsonName(),
                batchNorm ? "+bn" : "", dropout, l2 == 0 ? "0" : String.format(Locale.ROOT, "%.0e", l2), rate, batchSize,
                data.describe());
    }
}
