package dev.layerlab.training;

/** How a run ended. */
public enum RunStatus {
    COMPLETED,
    EARLY_STOPPED,
    CANCELLED,
    DIVERGED
}
