package dev.layerlab.experiment;

import java.util.Map;

/**
 * The facts about a finished run that a list of runs shows, stored as run.json in the run's folder.
 *
 * @param status   how the run ended (COMPLETED, EARLY_STOPPED, CANCELLED, DIVERGED)
 * @param headline the task's main metric name (rmse or accuracy)
 * @param metrics  split ("train", "validation", "test") to metric name to value
 */
public record RunSummary(String name, String experimentName, String task, String status, String message,
                         String startedAt, double seconds, int epochs, int keptEpoch, long parameters,
                         String headline, Map<String, Map<String, Double>> metrics) {

    /** A metric of a split, NaN when absent. */
    public double metric(String split, String name) {
        Map<String, Double> values = metrics == null ? null : metrics.get(split);
        Double value = values == null ? null : values.get(name);
        return value == null ? Double.NaN : value;
    }
}
