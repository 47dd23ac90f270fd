package dev.layerlab.training;

import java.util.Map;

/**
 * One line of the training history.
 *
 * @param epoch        1-based
 * @param trainLoss    mean of the mini-batch losses during the epoch (as Keras reports it)
 * @param valLoss      loss on the validation split after the epoch (NaN without a validation split)
 * @param trainMetrics task metrics on the training split, in the target's units
 * @param valMetrics   task metrics on the validation split
 *                     <p>Serializable: a Spark task returns the history of the network it trained.
 */
public record EpochRecord(int epoch, double trainLoss, double valLoss, Map<String, Double> trainMetrics,
                          Map<String, Double> valMetrics, double learningRate, long elapsedMillis)
        implements java.io.Serializable {

    public EpochRecord {
        trainMetrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(trainMetrics));
        valMetrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(valMetrics));
    }

    /** Looks up "train_loss", "val_loss", "train_rmse", "val_accuracy", ... ; NaN when unknown. */
    public double value(String name) {
        return switch (name) {
            case "train_loss", "loss" -> trainLoss;
            case "val_loss" -> valLoss;
            default -> {
                if (name.startsWith("val_")) {
                    yield valMetrics.getOrDefault(name.substring(4), Double.NaN);
                }
                if (name.startsWith("train_")) {
                    yield trainMetrics.getOrDefault(name.substring(6), Double.NaN);
                }
                yield valMetrics.getOrDefault(name, Double.NaN);
            }
        };
    }
}
