package dev.layerlab.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The optimizer and its learning rate (with an optional schedule and warm-up), plus decoupled weight decay.
 *
 * @param momentum        SGD only: 0 for plain SGD. DL4J implements momentum as Nesterov momentum.
 * @param decay           the factor the schedule multiplies the rate by (e.g. 0.5 halves it); for
 *                        {@link ScheduleKind#PLATEAU} the factor applied at each plateau
 * @param stepEpochs      for the step schedule: epochs between decays
 * @param weightDecay     decoupled weight decay (Loshchilov &amp; Hutter): each step shrinks the weights by
 *                        rate &times; weightDecay &times; w, apart from the gradient (DL4J's {@code WeightDecay}); with
 *                        Adam this is AdamW. Null = none. The layers' L2 penalties are separate and unchanged.
 * @param warmupEpochs    linear warm-up: the rate rises from rate/(N+1) to the schedule's first rate over N epochs,
 *                        then the schedule starts. Null = none.
 * @param plateauPatience for {@link ScheduleKind#PLATEAU}: epochs without improvement before the rate drops
 *                        (null = 5)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptimizerSpec(OptimizerKind kind, Double learningRate, Double momentum, ScheduleKind schedule,
                            Double decay, Integer stepEpochs, Double weightDecay, Integer warmupEpochs,
                            Integer plateauPatience) {
    public static final int DEFAULT_PLATEAU_PATIENCE = 5;

    @JsonCreator
    public OptimizerSpec {
        kind = kind == null ? OptimizerKind.ADAM : kind;
        learningRate = learningRate == null ? kind.usualLearningRate() : learningRate;
        momentum = momentum == null ? (kind == OptimizerKind.SGD ? 0.9 : 0.0) : momentum;
        schedule = schedule == null ? ScheduleKind.CONSTANT : schedule;
        decay = decay == null ? 0.5 : decay;
        stepEpochs = stepEpochs == null ? 10 : stepEpochs;
        // the settings added later stay null when unused, so older experiment files and their JSON are unchanged
        weightDecay = weightDecay == null || weightDecay == 0 ? null : weightDecay;
        warmupEpochs = warmupEpochs == null || warmupEpochs == 0 ? null : warmupEpochs;
        plateauPatience = schedule != ScheduleKind.PLATEAU ? null
                : plateauPatience == null ? DEFAULT_PLATEAU_PATIENCE : plateauPatience;
    }

    /** The settings without weight decay, warm-up or plateau (older call sites). */
    public OptimizerSpec(OptimizerKind kind, Double learningRate, Double momentum, ScheduleKind schedule,
                         Double decay, Integer stepEpochs) {
        this(kind, learningRate, momentum, schedule, decay, stepEpochs, null, null, null);
    }

    public static OptimizerSpec of(OptimizerKind kind, double learningRate) {
        return new OptimizerSpec(kind, learningRate, null, null, null, null);
    }

    public static OptimizerSpec defaults() {
        return of(OptimizerKind.ADAM, OptimizerKind.ADAM.usualLearningRate());
    }

    public OptimizerSpec withLearningRate(double rate) {
        return new OptimizerSpec(kind, rate, momentum, schedule, decay, stepEpochs, weightDecay, warmupEpochs, plateauPatience);
    }

    public OptimizerSpec withKind(OptimizerKind newKind) {
        return new OptimizerSpec(newKind, learningRate, null, schedule, decay, stepEpochs, weightDecay, warmupEpochs,
                plateauPatience);
    }

    /** This optimizer with another schedule; {@code newDecay} null keeps the current factor. */
    public OptimizerSpec withSchedule(ScheduleKind newSchedule, Double newDecay) {
        return new OptimizerSpec(kind, learningRate, momentum, newSchedule, newDecay == null ? decay : newDecay,
                stepEpochs, weightDecay, warmupEpochs, plateauPatience);
    }

    /** With decoupled weight decay (0 or null: none). */
    public OptimizerSpec withWeightDecay(Double newWeightDecay) {
        return new OptimizerSpec(kind, learningRate, momentum, schedule, decay, stepEpochs, newWeightDecay, warmupEpochs,
                plateauPatience);
    }

    /** With a linear warm-up of this many epochs (0 or null: none). */
    public OptimizerSpec withWarmupEpochs(Integer epochs) {
        return new OptimizerSpec(kind, learningRate, momentum, schedule, decay, stepEpochs, weightDecay, epochs,
                plateauPatience);
    }

    public OptimizerSpec withPlateauPatience(Integer epochs) {
        return new OptimizerSpec(kind, learningRate, momentum, schedule, decay, stepEpochs, weightDecay, warmupEpochs, epochs);
    }

    /** The decoupled weight decay, 0 when there is none. */
    public double weightDecayOrZero() {
        return weightDecay == null ? 0 : weightDecay;
    }

    /** Warm-up epochs, 0 when there is none. */
    public int warmupOrZero() {
        return warmupEpochs == null ? 0 : warmupEpochs;
    }
}
