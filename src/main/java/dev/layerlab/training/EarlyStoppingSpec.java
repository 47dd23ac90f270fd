package dev.layerlab.training;

/**
 * Stop when the monitored quantity has not improved by at least {@code minDelta} for {@code patience}
 * epochs, like Keras's {@code EarlyStopping}.
 *
 * @param monitor     "val_loss" or a metric with a split prefix, e.g. "val_rmse", "val_accuracy"
 * @param restoreBest put back the weights of the best epoch when the run ends
 */
public record EarlyStoppingSpec(boolean enabled, String monitor, int patience, double minDelta, boolean restoreBest) {

    public EarlyStoppingSpec {
        monitor = monitor == null || monitor.isBlank() ? "val_loss" : monitor.trim();
    }

    public static EarlyStoppingSpec disabled() {
        return new EarlyStoppingSpec(false, "val_loss", 10, 0.0, true);
    }

    public static EarlyStoppingSpec patience(int patience) {
        return new EarlyStoppingSpec(true, "val_loss", patience, 0.0, true);
    }

    /** Loss and error metrics improve downwards; accuracy, F1, AUC and R² upwards. */
    public boolean higherIsBetter() {
        String name = monitor.replaceFirst("^(val_|train_)", "");
        return name.equals("accuracy") || name.equals("f1_macro") || name.equals("balanced_accuracy") || name.equals("auc") || name.equals("r2");
    }
}
