package dev.layerlab.training;

/**
 * A split's predictions beside the truth, for the end-of-run charts: predicted vs actual with residuals
 * (regression, in target units) or the confusion matrix and ROC curve (classification).
 *
 * @param split         "test" or "validation"
 * @param predicted     regression: predictions in target units; classification: predicted class index
 * @param actual        regression: targets in target units; classification: true class index
 * @param probabilities classification only: rows x probabilityWidth (width 1 for binary: P(class 1))
 * @param classes       classification only: class labels by index
 * @param confusion     classification only: rows = true class, columns = predicted class
 */
public record SplitPredictions(String split, double[] predicted, double[] actual, float[] probabilities,
                               int probabilityWidth, java.util.List<String> classes, int[][] confusion) {
}
