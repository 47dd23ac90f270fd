package dev.layerlab.tuning;

import dev.layerlab.experiment.SearchSpace;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a study runs.
 *
 * @param trials    the budget (grid: at most the grid size; 0 = the whole grid)
 * @param parallel  trials at once (0 = the number of processors)
 * @param folds     0 or 1 = hold-out validation split; k >= 2 = k-fold cross-validation on train+validation
 * @param metric    null = "val_" + the task's headline metric (val_rmse or val_accuracy)
 * @param maximize  null = from the metric's name
 * @param pruner    null = {@link PrunerKind#defaultFor}
 * @param maxEpochs 0 = the experiment's epochs; otherwise a cap per trial
 * @param patience  null = the experiment's early stopping; 0 = off; else patience in epochs
 * @param pruningGrace the share of each trial's epochs in which no pruner stops it; null = the experiment's search
 *                  space's ({@code "pruningGrace"}, default 0.25)
 *                  <p>Serializable: it travels with each Spark task.
 */
public record StudySettings(StrategyKind strategy, int trials, int parallel, int folds, String metric, Boolean maximize,
                            long seed, PrunerKind pruner, int maxEpochs, Integer patience, Double pruningGrace)
        implements java.io.Serializable {

    public StudySettings(StrategyKind strategy, int trials, int parallel, int folds, String metric, Boolean maximize,
                         long seed, PrunerKind pruner, int maxEpochs, Integer patience) {
        this(strategy, trials, parallel, folds, metric, maximize, seed, pruner, maxEpochs, patience, null);
    }

    public StudySettings {
        if (pruningGrace != null && !(pruningGrace >= 0 && pruningGrace <= 1)) {
            throw new dev.layerlab.InvalidInputException("--pruning-grace is a share of the epochs between 0 and 1, got " + pruningGrace);
        }
        strategy = strategy == null ? StrategyKind.RANDOM : strategy;
        if (trials < 0) {
            throw new dev.layerlab.InvalidInputException("--trials must be at least 1, got " + trials);
        }
        if (parallel < 0) {
            throw new dev.layerlab.InvalidInputException("--parallel must be at least 1, got " + parallel);
        }
        if (folds < 0) {
            throw new dev.layerlab.InvalidInputException("--folds must be 2 or more (or 0 for the hold-out split), got " + folds);
        }
        pruner = pruner == null ? PrunerKind.defaultFor(strategy) : pruner;
    }

    public static StudySettings of(StrategyKind strategy, int trials) {
        return new StudySettings(strategy, trials, 0, 0, null, null, 42, null, 0, null);
    }

    public int parallelOrDefault() {
        return parallel > 0 ? parallel : Runtime.getRuntime().availableProcessors();
    }

    public boolean crossValidation() {
        return folds >= 2;
    }

    public StudySettings withParallel(int p) {
        return new StudySettings(strategy, trials, p, folds, metric, maximize, seed, pruner, maxEpochs, patience, pruningGrace);
    }

    public StudySettings withFolds(int k) {
        return new StudySettings(strategy, trials, parallel, k, metric, maximize, seed, pruner, maxEpochs, patience, pruningGrace);
    }

    public StudySettings withMetric(String m) {
        return new StudySettings(strategy, trials, parallel, folds, m, maximize, seed, pruner, maxEpochs, patience, pruningGrace);
    }

    public StudySettings withSeed(long s) {
        return new StudySettings(strategy, trials, parallel, folds, metric, maximize, s, pruner, maxEpochs, patience, pruningGrace);
    }

    public StudySettings withPruner(PrunerKind p) {
        return new StudySettings(strategy, trials, parallel, folds, metric, maximize, seed, p, maxEpochs, patience, pruningGrace);
    }

    public StudySettings withMaxEpochs(int e) {
        return new StudySettings(strategy, trials, parallel, folds, metric, maximize, seed, pruner, e, patience, pruningGrace);
    }

    public StudySettings withPruningGrace(Double grace) {
        return new StudySettings(strategy, trials, parallel, folds, metric, maximize, seed, pruner, maxEpochs, patience, grace);
    }

    public StudySettings withPatience(Integer p) {
        return new StudySettings(strategy, trials, parallel, folds, metric, maximize, seed, pruner, maxEpochs, p, pruningGrace);
    }

    /** What identifies a study in its journal (the parallelism and the budget may change between resumes). */
    Map<String, Object> identity(String resolvedMetric, SearchSpace space) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("strategy", strategy.id());
        m.put("seed", seed);
        m.put("folds", folds);
        m.put("metric", resolvedMetric);
        m.put("pruner", pruner.id());
        m.put("maxEpochs", maxEpochs);
        m.put("space", space);
        return m;
    }
}
