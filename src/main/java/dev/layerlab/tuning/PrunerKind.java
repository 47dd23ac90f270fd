package dev.layerlab.tuning;

import java.util.Locale;

/** How weak trials are stopped early. */
public enum PrunerKind {
    NONE,
    MEDIAN,
    ASHA;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PrunerKind fromId(String id) {
        for (PrunerKind k : values()) {
            if (k.id().equalsIgnoreCase(id.trim())) {
                return k;
            }
        }
        throw new dev.layerlab.InvalidInputException("unknown pruner '" + id + "' (choose none, median or asha)");
    }

    /** Hyperband prunes with ASHA rungs, bayes with the median rule; grid and random run every trial in full. */
    public static PrunerKind defaultFor(StrategyKind strategy) {
        return switch (strategy) {
            case HYPERBAND -> ASHA;
            case BAYES -> MEDIAN;
            default -> NONE;
        };
    }
}
