package dev.layerlab.training;

import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

/** Translates an {@link OptimizerSpec} into DL4J's updater configuration: the one place that knows both. */
public final class Updaters {
    private Updaters() {
    }

    /** The updater of {@code spec} with its schedule over the default epoch budget (100 epochs). */
    public static IUpdater toDl4j(OptimizerSpec spec) {
        return toDl4j(spec, TrainingSpec.defaults().epochs());
    }

    /** The updater of {@code spec} with its schedule laid out over {@code epochs} epochs (cosine and one-cycle need it). */
    public static IUpdater toDl4j(OptimizerSpec spec, int epochs) {
        return toDl4j(spec, LearningRates.dl4j(spec, epochs));
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
}
