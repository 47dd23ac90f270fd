package dev.layerlab.tuning;

import dev.layerlab.training.EarlyStoppingSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a study optimizes: a per-epoch value name as {@link dev.layerlab.training.EpochRecord#value} knows it
 * ("val_rmse", "val_loss", "val_accuracy", ...) and its direction.
 */
public record Objective(String metric, boolean maximize) {

    /** Direction from the name: accuracy, F1, AUC and R² go up, losses and errors go down. */
    public static Objective of(String metric) {
        return new Objective(metric, new EarlyStoppingSpec(true, metric, 1, 0, true).higherIsBetter());
    }

    /** Lower is better after this: the value, negated when maximizing. */
    public double loss(double value) {
        return maximize ? -value : value;
    }

    public boolean better(double a, double b) {
        return loss(a) < loss(b);
    }

    /** Best first; trials without a value last. */
    public Comparator<TrialRecord> order() {
        return Comparator.comparingDouble((TrialRecord r) -> r.hasValue() ? loss(r.value()) : Double.POSITIVE_INFINITY)
                .thenComparingInt(TrialRecord::number);
    }

    /** The best completed trial (pruned and failed ones never count as best). */
    public Optional<TrialRecord> best(List<TrialRecord> trials) {
        return trials.stream().filter(r -> r.status() == TrialStatus.COMPLETE && r.hasValue()).min(order());
    }
}
