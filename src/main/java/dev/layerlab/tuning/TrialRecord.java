package dev.layerlab.tuning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One finished trial, as journaled.
 *
 * @param number     0-based trial number (stable across resumes)
 * @param params     the sampled values by parameter name
 * @param value      the objective (mean over folds for cross-validation; best so far for a pruned trial); null if none
 * @param epochs     epochs trained, summed over folds
 * @param bestEpoch  the kept (best) epoch of the first fold
 * @param numParams  the network's parameter count (second objective)
 * @param curve      the objective after each epoch of the first fold (null entries = not a number)
 * @param message    why a trial failed or was pruned
 *                   <p>Serializable: a Spark task returns it (its params hold numbers and strings).
 */
public record TrialRecord(int number, Map<String, Object> params, TrialStatus status, Double value, int epochs,
                          int bestEpoch, long numParams, long durationMillis, List<Double> curve, String message)
        implements java.io.Serializable {

    public TrialRecord {
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        List<Double> c = new ArrayList<>();
        if (curve != null) {
            for (Double v : curve) {
                c.add(v == null || !Double.isFinite(v) ? null : v);
            }
        }
        curve = Collections.unmodifiableList(c);
        value = value == null || !Double.isFinite(value) ? null : value;
    }

    /** The value, or NaN. */
    public double valueOrNaN() {
        return value == null ? Double.NaN : value;
    }

    public boolean hasValue() {
        return value != null;
    }
}
