package dev.layerlab.training;

import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/** Translates an {@link OptimizerSpec} into DL4J's updater configuration: the one place that knows both. */
public final class Updaters {
    private Updaters() {
    }

    public static IUpdater toDl4j(OptimizerSpec spec) {
        return toDl4j(spec, schedule(spec));
    }

    /** The optimizer of {@code spec} with another learning-rate schedule (the learning-rate finder's sweep). */
    public static IUpdater toDl4j(OptimizerSpec spec, ISchedule rate) {
        return switch (spec.kind()) {
            // DL4J has no classic momentum: momentum > 0 means Nesterov momentum.
            case SGD -> spec.momentum() > 0 ? new Nesterovs(rate, spec.momentum()) : new Sgd(rate);
            case ADAM -> new Adam(rate);
            case NADAM -> new Nadam(rate);
            case ADAMAX -> new AdaMax(rate);
            case RMSPROP -> new RmsProp(rate);
            case ADAGRAD -> new AdaGrad(rate);
        };
    }

    private static ISchedule schedule(OptimizerSpec spec) {
        double rate = spec.learningRate();
        return switch (spec.schedule()) {
            // A constant rate is an exponential schedule with factor 1: one code path for all three.
            case CONSTANT -> new ExponentialSchedule(ScheduleType.EPOCH, rate, 1.0);
            case EXPONENTIAL -> new ExponentialSchedule(ScheduleType.EPOCH, rate, spec.decay());
            case STEP -> new StepSchedule(ScheduleType.EPOCH, rate, spec.decay(), spec.stepEpochs());
        };
    }
}
