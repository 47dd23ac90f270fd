package dev.layerlab.training;

import java.util.List;

/**
 * The reduce-on-plateau schedule's bookkeeping (Keras's {@code ReduceLROnPlateau} with min_delta 0 and no
 * cool-down): watches the validation loss (the training loss without validation rows) and multiplies the rate
 * by the optimizer's {@code decay} after {@code plateauPatience} epochs without a new best. Warm-up epochs are
 * not judged. Rebuilt from a run's history when it resumes, so a resumed run drops the rate where the
 * uninterrupted one would have.
 */
final class Plateau {
    private final double baseRate;
    private final double factor;
    private final int patience;
    private final int warmup;
    private final boolean onValidation;
    private double best = Double.NaN;
    private int wait;
    private int drops;

    private Plateau(OptimizerSpec o, boolean onValidation) {
        this.baseRate = o.learningRate();
        this.factor = o.decay();
        this.patience = o.plateauPatience();
        this.warmup = o.warmupOrZero();
        this.onValidation = onValidation;
    }

    /** The plateau state after {@code history}; null when the optimizer has another schedule. */
    static Plateau replay(OptimizerSpec o, List<EpochRecord> history, boolean onValidation) {
        if (o.schedule() != ScheduleKind.PLATEAU) {
            return null;
        }
        Plateau plateau = new Plateau(o, onValidation);
        history.forEach(plateau::observe);
        return plateau;
    }

    /** Takes in a finished epoch; true when the rate should drop now (to {@link #rate()}). */
    boolean observe(EpochRecord record) {
        if (record.epoch() <= warmup) {
            return false;
        }
        double loss = onValidation ? record.valLoss() : record.trainLoss();
        if (Double.isNaN(best) || loss < best) {
            best = loss;
            wait = 0;
            return false;
        }
        if (++wait < patience) {
            return false;
        }
        wait = 0;
        drops++;
        return true;
    }

    /** The rate after the drops so far. */
    double rate() {
        return baseRate * Math.pow(factor, drops);
    }

    int patience() {
        return patience;
    }
}
