package dev.layerlab.gui.training;

import java.util.List;
import java.util.Map;

/**
 * What a finished run leaves for the results panel: test metrics, the epoch early stopping kept, and
 * the data for the regression (predicted vs actual) or classification (confusion matrix, ROC) plots.
 *
 * @param predicted  regression predictions on the test split (empty for classification)
 * @param actual     the matching true values
 * @param classes    class labels (classification)
 * @param confusion  confusion[actual][predicted] counts (classification)
 * @param roc        points (false positive rate, true positive rate) of the positive class / one-vs-rest
 *                   of the first class, empty if not available
 * @param bestEpoch  the epoch whose weights were kept, or -1
 * @param stopReason why training stopped ("completed", "early stopping", "stopped by user", ...)
 * @param rocByClass multi-class: one ROC curve per class (that class against all others), by class; else empty
 */
public record RunOutcome(Map<String, Double> testMetrics, double[] predicted, double[] actual,
                         List<String> classes, int[][] confusion, List<double[]> roc, int bestEpoch,
                         String stopReason, Map<String, List<double[]>> rocByClass) {

    public RunOutcome(Map<String, Double> testMetrics, double[] predicted, double[] actual, List<String> classes,
                      int[][] confusion, List<double[]> roc, int bestEpoch, String stopReason) {
        this(testMetrics, predicted, actual, classes, confusion, roc, bestEpoch, stopReason, Map.of());
    }
}
