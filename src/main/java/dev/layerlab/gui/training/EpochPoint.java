package dev.layerlab.gui.training;

import dev.layerlab.training.EpochRecord;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One finished epoch as the training screen shows it. Missing values are NaN (no validation split,
 * metric not computed).
 *
 * @param outputValLoss for graphs with several outputs, the validation loss of each output by output
 *                      name (in the network's order); empty for sequential networks
 */
public record EpochPoint(int epoch, double trainLoss, double valLoss, double trainMetric, double valMetric,
                         double seconds, Map<String, Double> outputValLoss) {

    private static final String LOSS_SUFFIX = "_loss";

    public EpochPoint {
        outputValLoss = outputValLoss == null || outputValLoss.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputValLoss));
    }

    /** An epoch without per-output losses (a sequential network). */
    public EpochPoint(int epoch, double trainLoss, double valLoss, double trainMetric, double valMetric, double seconds) {
        this(epoch, trainLoss, valLoss, trainMetric, valMetric, seconds, Map.of());
    }

    /**
     * The screen's view of an engine epoch: {@code headline} picks the metric; every validation entry
     * named {@code <output>_loss} becomes a per-output loss.
     */
    public static EpochPoint of(EpochRecord r, String headline) {
        return new EpochPoint(r.epoch(), r.trainLoss(), r.valLoss(),
                r.trainMetrics().getOrDefault(headline, Double.NaN),
                r.valMetrics().getOrDefault(headline, Double.NaN), r.elapsedMillis() / 1000.0,
                outputLosses(r.valMetrics()));
    }

    /** {@code <output>_loss} entries keyed by output name, in the map's order. */
    public static Map<String, Double> outputLosses(Map<String, Double> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            String k = e.getKey();
            // "log_loss" is a classification metric, not the loss of an output called "log".
            if (k.endsWith(LOSS_SUFFIX) && k.length() > LOSS_SUFFIX.length() && e.getValue() != null
                    && !k.equals(dev.layerlab.training.Metrics.LOG_LOSS)) {
                out.put(k.substring(0, k.length() - LOSS_SUFFIX.length()), e.getValue());
            }
        }
        return out;
    }
}
