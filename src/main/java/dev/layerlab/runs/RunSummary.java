package dev.layerlab.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The facts about a finished run that a list of runs shows, stored as run.json in the run's folder.
 *
 * @param status      how the run ended (COMPLETED, EARLY_STOPPED, CANCELLED, DIVERGED); a listed run that has not
 *                    ended is {@link #RUNNING} or, when its process died, {@link #INTERRUPTED}
 * @param headline    the task's main metric name (rmse or accuracy)
 * @param metrics     split ("train", "validation", "test") to metric name to value
 * @param parentModel for a fine-tuned model: the bundle it started from (null otherwise)
 */
public record RunSummary(String name, String experimentName, String task, String status, String message,
                         String startedAt, double seconds, int epochs, int keptEpoch, long parameters,
                         String headline, Map<String, Map<String, Double>> metrics,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String parentModel) {
    /** A run whose process is training it right now. */
    public static final String RUNNING = "RUNNING";
    /** A run whose process ended before the run did (killed, crashed): resumable from its last checkpoint. */
    public static final String INTERRUPTED = "INTERRUPTED";
    /** A run stopped by the user: it ended, but may be resumed from its last checkpoint. */
    public static final String CANCELLED = "CANCELLED";

    /** A run that was not fine-tuned from another model. */
    public RunSummary(String name, String experimentName, String task, String status, String message,
                      String startedAt, double seconds, int epochs, int keptEpoch, long parameters,
                      String headline, Map<String, Map<String, Double>> metrics) {
        this(name, experimentName, task, status, message, startedAt, seconds, epochs, keptEpoch, parameters, headline,
                metrics, null);
    }

    /** A metric of a split, NaN when absent. */
    public double metric(String split, String name) {
        Map<String, Double> values = metrics == null ? null : metrics.get(split);
        Double value = values == null ? null : values.get(name);
        return value == null ? Double.NaN : value;
    }

    /** The same facts with another status (a run listed while a process trains it again). */
    public RunSummary withStatus(String newStatus) {
        return new RunSummary(name, experimentName, task, newStatus, message, startedAt, seconds, epochs, keptEpoch,
                parameters, headline, metrics, parentModel);
    }
}
