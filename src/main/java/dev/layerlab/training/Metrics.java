package dev.layerlab.training;

import dev.layerlab.data.TaskType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Task metrics computed from predictions and targets, in the target's own units (regression) or on class
 * probabilities (classification). Names are lower-case and stable: they appear in history.csv and metrics.json.
 */
public final class Metrics {
    public static final String MSE = "mse";
    public static final String RMSE = "rmse";
    public static final String MAE = "mae";
    public static final String R2 = "r2";
    public static final String ACCURACY = "accuracy";
    public static final String LOG_LOSS = "log_loss";
    public static final String F1_MACRO = "f1_macro";
    public static final String AUC = "auc";
    public static final String BALANCED_ACCURACY = "balanced_accuracy";

    private static final double EPS = 1e-15;

    private Metrics() {
    }

    /** The metric names reported for a task, in display order. */
    public static String[] names(TaskType task) {
        return switch (task) {
            case REGRESSION -> new String[] {MSE, RMSE, MAE, R2};
            case BINARY_CLASSIFICATION -> new String[] {ACCURACY, LOG_LOSS, F1_MACRO, BALANCED_ACCURACY, AUC};
            case MULTICLASS_CLASSIFICATION -> new String[] {ACCURACY, LOG_LOSS, F1_MACRO, BALANCED_ACCURACY};
        };
    }

    /** The metric a user of this task looks at first (the one charted beside the loss). */
    public static String headline(TaskType task) {
        return task == TaskType.REGRESSION ? RMSE : ACCURACY;
    }

    public static Map<String, Double> regression(double[] predicted, double[] actual) {
        int n = actual.length;
        double sumSq = 0;
        double sumAbs = 0;
        double mean = 0;
        for (double v : actual) {
            mean += v;
        }
        mean /= Math.max(n, 1);
        double totalSq = 0;
        for (int i = 0; i < n; i++) {
            double error = predicted[i] - actual[i];
            sumSq += error * error;
            sumAbs += Math.abs(error);
            totalSq += (actual[i] - mean) * (actual[i] - mean);
        }
        double mse = sumSq / Math.max(n, 1);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(MSE, mse);
        metrics.put(RMSE, Math.sqrt(mse));
        metrics.put(MAE, sumAbs / Math.max(n, 1));
        metrics.put(R2, totalSq == 0 ? Double.NaN : 1 - sumSq / totalSq);
        return metrics;
    }

    /**
     * @param probabilities n x k class probabilities (k = 1 for binary: probability of class 1)
     * @param labels        the true class index per row
     * @param classCount    number of classes (2 for binary)
     */
    public static Map<String, Double> classification(float[] probabilities, int k, int[] labels, int classCount) {
        int n = labels.length;
        int[] predicted = new int[n];
        double logLoss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            double pTrue;
            if (k == 1) {
                double p1 = probabilities[i];
                predicted[i] = p1 >= 0.5 ? 1 : 0;
                pTrue = labels[i] == 1 ? p1 : 1 - p1;
            } else {
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (probabilities[i * k + c] > probabilities[i * k + best]) {
                        best = c;
                    }
                }
                predicted[i] = best;
                pTrue = probabilities[i * k + labels[i]];
            }
            logLoss -= Math.log(Math.min(1 - EPS, Math.max(EPS, pTrue)));
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(ACCURACY, n == 0 ? Double.NaN : (double) correct / n);
        metrics.put(LOG_LOSS, n == 0 ? Double.NaN : logLoss / n);
        int[][] confusion = confusion(predicted, labels, classCount);
        metrics.put(F1_MACRO, macroF1(confusion));
        metrics.put(BALANCED_ACCURACY, balancedAccuracy(confusion));
        if (k == 1) {
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                scores[i] = probabilities[i];
            }
            metrics.put(AUC, rocAuc(scores, labels));
        }
        return metrics;
    }

    /** Confusion matrix: rows are true classes, columns predicted classes. */
    public static int[][] confusion(int[] predicted, int[] labels, int classCount) {
        int[][] matrix = new int[classCount][classCount];
        for (int i = 0; i < labels.length; i++) {
            matrix[labels[i]][predicted[i]]++;
        }
        return matrix;
    }

    /** The predicted class per row from probabilities (k = 1: threshold 0.5). */
    public static int[] predictedClasses(float[] probabilities, int k, int rows) {
        int[] predicted = new int[rows];
        for (int i = 0; i < rows; i++) {
            if (k == 1) {
                predicted[i] = probabilities[i] >= 0.5 ? 1 : 0;
            } else {
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (probabilities[i * k + c] > probabilities[i * k + best]) {
                        best = c;
                    }
                }
                predicted[i] = best;
            }
        }
        return predicted;
    }

    /** Mean recall over the classes present in the labels (scikit-learn's balanced_accuracy_score). */
    static double balancedAccuracy(int[][] confusion) {
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < confusion.length; c++) {
            int actual = Arrays.stream(confusion[c]).sum();
            if (actual > 0) {
                sum += (double) confusion[c][c] / actual;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /**
     * Precision and recall of each class, named {@code precision_<class>} and {@code recall_<class>}; NaN for a
     * precision of a class never predicted and a recall of a class absent from the labels.
     */
    public static Map<String, Double> perClass(int[][] confusion, java.util.List<String> classes) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int c = 0; c < confusion.length; c++) {
            int predicted = 0;
            int actual = 0;
            for (int o = 0; o < confusion.length; o++) {
                predicted += confusion[o][c];
                actual += confusion[c][o];
            }
            String name = c < classes.size() ? classes.get(c) : Integer.toString(c);
            out.put("precision_" + name, predicted == 0 ? Double.NaN : (double) confusion[c][c] / predicted);
            out.put("recall_" + name, actual == 0 ? Double.NaN : (double) confusion[c][c] / actual);
        }
        return out;
    }

    static double macroF1(int[][] confusion) {
        int classes = confusion.length;
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            int tp = confusion[c][c];
            int fp = 0;
            int fn = 0;
            for (int o = 0; o < classes; o++) {
                if (o != c) {
                    fp += confusion[o][c];
                    fn += confusion[c][o];
                }
            }
            if (tp + fp + fn == 0) {
                continue; // class absent from this split and never predicted: not counted, as scikit-learn warns
            }
            sum += 2.0 * tp / (2.0 * tp + fp + fn);
            counted++;
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /** ROC AUC by the rank-sum (Mann-Whitney) formula, ties sharing their average rank. */
    static double rocAuc(double[] scores, int[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (labels[order[t]] == 1) {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** ROC curve points (false-positive rate, true-positive rate) for plotting, from the highest threshold down. */
    public static double[][] rocCurve(float[] scores, int[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        long positives = Arrays.stream(labels).filter(l -> l == 1).count();
        long negatives = n - positives;
        double[][] points = new double[n + 1][];
        points[0] = new double[] {0, 0};
        long tp = 0;
        long fp = 0;
        for (int i = 0; i < n; i++) {
            if (labels[order[i]] == 1) {
                tp++;
            } else {
                fp++;
            }
            points[i + 1] = new double[] {negatives == 0 ? 0 : (double) fp / negatives, positives == 0 ? 0 : (double) tp / positives};
        }
        return points;
    }
}
