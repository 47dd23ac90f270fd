package dev.layerlab.tuning;

/** How a trial ended. Stopped (interrupted) trials are never journaled: a resumed study runs them again. */
public enum TrialStatus {
    COMPLETE,
    PRUNED,
    FAILED
}
