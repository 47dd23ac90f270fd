package dev.layerlab.tuning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Optuna's median rule: after {@code warmupEpochs}, stop a trial whose best value so far is worse than the
 * median of the values other finished trials had at the same epoch, once {@code startupTrials} trials have
 * finished.
 */
public final class MedianPruner implements Pruner {
    private final Objective objective;
    private final int startupTrials;
    private final int warmupEpochs;
    private final Map<Integer, List<Double>> curves = new HashMap<>();
    private final Set<Integer> finished = new HashSet<>();

    public MedianPruner(Objective objective, int startupTrials, int warmupEpochs) {
        this.objective = objective;
        this.startupTrials = startupTrials;
        this.warmupEpochs = warmupEpochs;
    }

    @Override
    public synchronized boolean report(int trial, int epoch, double value) {
        List<Double> curve = curves.computeIfAbsent(trial, t -> new ArrayList<>());
        while (curve.size() < epoch) {
            curve.add(Double.NaN);
        }
        curve.set(epoch - 1, value);
        if (epoch <= warmupEpochs || finished.size() < startupTrials || finished.contains(trial)) {
            return false;
        }
        double best = bestUpTo(curve, epoch);
        List<Double> others = new ArrayList<>();
        for (int t : finished) {
            List<Double> c = curves.get(t);
            if (c != null && c.size() >= epoch) {
                double v = bestUpTo(c, epoch);
                if (Double.isFinite(v)) {
                    others.add(objective.loss(v));
                }
            }
        }
        if (others.isEmpty() || !Double.isFinite(best)) {
            return false;
        }
        others.sort(Double::compare);
        int n = others.size();
        double median = n % 2 == 1 ? others.get(n / 2) : (others.get(n / 2 - 1) + others.get(n / 2)) / 2;
        return objective.loss(best) > median;
    }

    private double bestUpTo(List<Double> curve, int epoch) {
        double best = Double.NaN;
        for (int i = 0; i < epoch && i < curve.size(); i++) {
            double v = curve.get(i);
            if (Double.isFinite(v) && (Double.isNaN(best) || objective.better(v, best))) {
                best = v;
            }
        }
        return best;
    }

    @Override
    public synchronized void finished(int trial) {
        finished.add(trial);
    }
}
