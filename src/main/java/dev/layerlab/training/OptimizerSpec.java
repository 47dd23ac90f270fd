package dev.layerlab.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The optimizer and its learning rate (with an optional decay schedule).
 *
 * @param momentum   SGD only: 0 for plain SGD. DL4J implements momentum as Nesterov momentum.
 * @param decay      the factor the schedule multiplies the rate by (e.g. 0.5 halves it)
 * @param stepEpochs for the step schedule: epochs between decays
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptimizerSpec(OptimizerKind kind, Double learningRate, Double momentum, ScheduleKind schedule,
                            Double decay, Integer stepEpochs) {

    public OptimizerSpec {
        kind = kind == null ? OptimizerKind.ADAM : kind;
        learningRate = learningRate == null ? kind.usualLearningRate() : learningRate;
        momentum = momentum == null ? (kind == OptimizerKind.SGD ? 0.9 : 0.0) : momentum;
        schedule = schedule == null ? ScheduleKind.CONSTANT : schedule;
        decay = decay == null ? 0.5 : decay;
        stepEpochs = stepEpochs == null ? 10 : stepEpochs;
    }

    public static OptimizerSpec of(OptimizerKind kind, double learningRate) {
        return new OptimizerSpec(kind, learningRate, null, null, null, null);
    }

    public static OptimizerSpec defaults() {
        return of(OptimizerKind.ADAM, OptimizerKind.ADAM.usualLearningRate());
    }

    public OptimizerSpec withLearningRate(double rate) {
        return new OptimizerSpec(kind, rate, momentum, schedule, decay, stepEpochs);
    }

    public OptimizerSpec withKind(OptimizerKind newKind) {
        return new OptimizerSpec(newKind, learningRate, null, schedule, decay, stepEpochs);
    }
}
