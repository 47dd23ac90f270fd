package dev.layerlab.tuning;

import java.util.Locale;

/** The search strategies, by their CLI names. */
public enum StrategyKind {
    GRID,
    RANDOM,
    /** Random sampling with ASHA/Hyperband early stopping of weak trials. */
    HYPERBAND,
    /** Tree-structured Parzen estimator. */
    BAYES;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StrategyKind fromId(String id) {
        for (StrategyKind k : values()) {
            if (k.id().equalsIgnoreCase(id.trim()) || (k == BAYES && id.trim().equalsIgnoreCase("tpe"))
                    || (k == HYPERBAND && id.trim().equalsIgnoreCase("asha"))) {
                return k;
            }
        }
        throw new dev.layerlab.InvalidInputException("unknown strategy '" + id + "' (choose random, grid, hyperband or bayes)");
    }
}
