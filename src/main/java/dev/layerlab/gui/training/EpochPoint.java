package dev.layerlab.gui.training;

/**
 * One finished epoch as the training screen shows it. Missing values are NaN (no validation split,
 * metric not computed).
 */
public record EpochPoint(int epoch, double trainLoss, double valLoss, double trainMetric, double valMetric,
                         double seconds) {
}
