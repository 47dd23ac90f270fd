package dev.layerlab.tuning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020) as a pruner, with Hyperband's brackets.
 *
 * <p>A bracket with minimum resource r has rungs at r, r&middot;&eta;, r&middot;&eta;&sup2;, ... epochs. When a
 * trial reaches a rung, its best value so far is recorded there and it continues only if it is among the top
 * 1/&eta; of all values recorded at that rung so far (the top one always continues). Nothing waits for a rung
 * to fill: that is the asynchronous part, which keeps every worker busy. With several brackets (Hyperband),
 * trial n goes to bracket n mod brackets, bracket b having minimum resource r&middot;&eta;<sup>b</sup>, and trials
 * only compete within their bracket: aggressive early stopping in bracket 0, gentler in later ones.
 */
public final class AshaPruner implements Pruner {
    private final Objective objective;
    private final int minResource;
    private final int eta;
    private final int brackets;
    private final int maxEpochs;
    /** bracket -> rung epoch -> values recorded there (as losses: lower is better). */
    private final Map<Integer, Map<Integer, List<Double>>> rungs = new HashMap<>();
    private final Map<Integer, Double> bestSoFar = new HashMap<>();

    public AshaPruner(Objective objective, int minResource, int eta, int brackets, int maxEpochs) {
        this.objective = objective;
        this.minResource = Math.max(1, minResource);
        this.eta = Math.max(2, eta);
        this.brackets = Math.max(1, brackets);
        this.maxEpochs = maxEpochs;
    }

    /** Hyperband defaults for a maximum epoch count: eta 3, minimum resource 1, as many brackets as fit (at most 3). */
    public static AshaPruner hyperband(Objective objective, int maxEpochs) {
        return hyperband(objective, maxEpochs, 1);
    }

    /** As {@link #hyperband(Objective, int)} with the first rung at {@code graceEpochs} (a trial is never judged before). */
    public static AshaPruner hyperband(Objective objective, int maxEpochs, int graceEpochs) {
        int eta = 3;
        int minResource = Math.max(1, graceEpochs);
        int brackets = 0;
        for (long r = minResource; r < maxEpochs; r *= eta) {
            brackets++;
        }
        return new AshaPruner(objective, minResource, eta, Math.max(1, Math.min(3, brackets)), maxEpochs);
    }

    public int bracketOf(int trial) {
        return Math.floorMod(trial, brackets);
    }

    /** The rung epochs of a bracket (below the maximum epoch count). */
    public List<Integer> rungEpochs(int bracket) {
        List<Integer> out = new ArrayList<>();
        long r = (long) minResource * (long) Math.pow(eta, bracket);
        for (; r < maxEpochs; r *= eta) {
            out.add((int) r);
        }
        return out;
    }

    @Override
    public synchronized boolean report(int trial, int epoch, double value) {
        double loss = objective.loss(value);
        Double best = bestSoFar.get(trial);
        if (Double.isFinite(loss) && (best == null || loss < best)) {
            best = loss;
            bestSoFar.put(trial, loss);
        }
        int bracket = bracketOf(trial);
        if (!rungEpochs(bracket).contains(epoch) || best == null) {
            return false;
        }
        List<Double> values = rungs.computeIfAbsent(bracket, b -> new HashMap<>()).computeIfAbsent(epoch, e -> new ArrayList<>());
        values.add(best);
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int keep = Math.max(1, sorted.size() / eta);
        return best > sorted.get(keep - 1);
    }

    @Override
    public synchronized void finished(int trial) {
        bestSoFar.remove(trial);
    }
}
