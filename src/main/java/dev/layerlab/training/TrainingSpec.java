package dev.layerlab.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.layerlab.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything about how a network is fitted: optimizer, batches, epochs, seed, stopping, checkpoints and gradient
 * clipping ({@code clipping}: null = none; absent from older experiment files).
 */
public record TrainingSpec(OptimizerSpec optimizer, int batchSize, int epochs, long seed,
                           EarlyStoppingSpec earlyStopping, CheckpointSpec checkpoints,
                           @JsonInclude(JsonInclude.Include.NON_NULL) GradientClipping clipping) {

    @JsonCreator
    public TrainingSpec {
        optimizer = optimizer == null ? OptimizerSpec.defaults() : optimizer;
        batchSize = batchSize == 0 ? 32 : batchSize;
        epochs = epochs == 0 ? 100 : epochs;
        earlyStopping = earlyStopping == null ? EarlyStoppingSpec.patience(10) : earlyStopping;
        checkpoints = checkpoints == null ? CheckpointSpec.defaults() : checkpoints;
    }

    /** Settings without gradient clipping. */
    public TrainingSpec(OptimizerSpec optimizer, int batchSize, int epochs, long seed, EarlyStoppingSpec earlyStopping,
                        CheckpointSpec checkpoints) {
        this(optimizer, batchSize, epochs, seed, earlyStopping, checkpoints, null);
    }

    public static TrainingSpec defaults() {
        return new TrainingSpec(null, 32, 100, 42, null, null);
    }

    public TrainingSpec withEpochs(int n) {
        return new TrainingSpec(optimizer, batchSize, n, seed, earlyStopping, checkpoints, clipping);
    }

    public TrainingSpec withBatchSize(int n) {
        return new TrainingSpec(optimizer, n, epochs, seed, earlyStopping, checkpoints, clipping);
    }

    public TrainingSpec withSeed(long s) {
        return new TrainingSpec(optimizer, batchSize, epochs, s, earlyStopping, checkpoints, clipping);
    }

    public TrainingSpec withOptimizer(OptimizerSpec o) {
        return new TrainingSpec(o, batchSize, epochs, seed, earlyStopping, checkpoints, clipping);
    }

    public TrainingSpec withEarlyStopping(EarlyStoppingSpec e) {
        return new TrainingSpec(optimizer, batchSize, epochs, seed, e, checkpoints, clipping);
    }

    public TrainingSpec withCheckpoints(CheckpointSpec c) {
        return new TrainingSpec(optimizer, batchSize, epochs, seed, earlyStopping, c, clipping);
    }

    /** The same settings with this gradient clipping (null: none). */
    public TrainingSpec withClipping(GradientClipping c) {
        return new TrainingSpec(optimizer, batchSize, epochs, seed, earlyStopping, checkpoints, c);
    }

    /** Plain-language problems with these settings; empty when they can be used. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        double rate = optimizer.learningRate();
        if (!(rate > 0) || Double.isInfinite(rate)) {
            problems.add("learning rate must be a positive number (usual: " + optimizer.kind().usualLearningRate() + "), got " + rate);
        } else if (rate > 10) {
            problems.add("learning rate " + rate + " is far too high: training would diverge (usual: " + optimizer.kind().usualLearningRate() + ")");
        }
        if (optimizer.momentum() < 0 || optimizer.momentum() >= 1) {
            problems.add("momentum must be in [0, 1), got " + optimizer.momentum());
        }
        ScheduleKind schedule = optimizer.schedule();
        boolean usesDecay = schedule == ScheduleKind.STEP || schedule == ScheduleKind.EXPONENTIAL || schedule == ScheduleKind.PLATEAU;
        if (usesDecay && !(optimizer.decay() > 0 && optimizer.decay() <= 1)) {
            problems.add((schedule == ScheduleKind.PLATEAU ? "plateau factor" : "learning-rate decay")
                    + " must be in (0, 1], got " + optimizer.decay());
        }
        if (schedule == ScheduleKind.PLATEAU && optimizer.plateauPatience() < 1) {
            problems.add("plateau patience must be at least 1 epoch, got " + optimizer.plateauPatience());
        }
        double weightDecay = optimizer.weightDecayOrZero();
        if (!(weightDecay >= 0) || weightDecay >= 1) {
            problems.add("weight decay must be 0 (none) or a small positive number such as 0.01, got " + weightDecay);
        }
        if (optimizer.warmupOrZero() < 0) {
            problems.add("warm-up must be 0 (none) or a number of epochs, got " + optimizer.warmupOrZero());
        } else if (optimizer.warmupOrZero() >= epochs && epochs >= 1) {
            problems.add("warm-up (" + optimizer.warmupOrZero() + " epochs) must be shorter than the run (" + epochs + " epochs)");
        }
        if (optimizer.schedule() == ScheduleKind.STEP && optimizer.stepEpochs() < 1) {
            problems.add("learning-rate step must be at least 1 epoch, got " + optimizer.stepEpochs());
        }
        if (batchSize < 1) {
            problems.add("batch size must be at least 1, got " + batchSize);
        }
        if (epochs < 1) {
            problems.add("epochs must be at least 1, got " + epochs);
        }
        if (earlyStopping.enabled() && earlyStopping.patience() < 1) {
            problems.add("early-stopping patience must be at least 1 epoch, got " + earlyStopping.patience());
        }
        if (earlyStopping.minDelta() < 0) {
            problems.add("early-stopping min delta must not be negative, got " + earlyStopping.minDelta());
        }
        if (checkpoints.everyEpochs() < 0) {
            problems.add("checkpoint interval must be 0 (never) or a number of epochs, got " + checkpoints.everyEpochs());
        }
        if (clipping != null && clipping.problem() != null) {
            problems.add(clipping.problem());
        }
        return problems;
    }

    public void requireValid() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("; ", problems));
        }
    }
}
