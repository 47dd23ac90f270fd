package dev.layerlab.tuning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * All trials of a study (resumed ones included), ordered by number.
 *
 * @param stopped true when the study was stopped before its budget was spent
 */
public record StudyResult(List<TrialRecord> trials, Objective objective, boolean stopped) {

    public StudyResult {
        List<TrialRecord> sorted = new ArrayList<>(trials);
        sorted.sort(Comparator.comparingInt(TrialRecord::number));
        trials = List.copyOf(sorted);
    }

    public Optional<TrialRecord> best() {
        return objective.best(trials);
    }

    /** Epochs trained over all trials: the cost of the study. */
    public long totalEpochs() {
        return trials.stream().mapToLong(TrialRecord::epochs).sum();
    }

    /** The completed trials not beaten on both the objective and the parameter count (best objective first). */
    public List<TrialRecord> paretoFront() {
        return pareto(trials, objective);
    }

    public static List<TrialRecord> pareto(List<TrialRecord> trials, Objective objective) {
        List<TrialRecord> done = trials.stream().filter(r -> r.status() == TrialStatus.COMPLETE && r.hasValue())
                .sorted(objective.order().thenComparingLong(TrialRecord::numParams)).toList();
        List<TrialRecord> front = new ArrayList<>();
        long fewest = Long.MAX_VALUE;
        for (TrialRecord r : done) {
            if (r.numParams() < fewest) {
                front.add(r);
                fewest = r.numParams();
            }
        }
        return front;
    }

    /** For each trial in number order, the best completed value up to it (NaN before the first). */
    public double[] bestSoFar() {
        double[] out = new double[trials.size()];
        double best = Double.NaN;
        for (int i = 0; i < out.length; i++) {
            TrialRecord r = trials.get(i);
            if (r.status() == TrialStatus.COMPLETE && r.hasValue() && (Double.isNaN(best) || objective.better(r.value(), best))) {
                best = r.value();
            }
            out[i] = best;
        }
        return out;
    }
}
