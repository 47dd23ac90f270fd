package dev.layerlab.training;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a run: the fitted network (holding the weights of {@code keptEpoch}), its history and final
 * metrics per split ("train", "validation", "test"), and the predictions on the evaluation split for charts.
 *
 * @param keptEpoch  the epoch whose weights the network holds (the best one when early stopping restored it)
 * @param evaluation predictions on the test split (or validation when there is no test split); null if neither
 */
public record TrainingResult(RunStatus status, String message, TrainableNetwork network, List<EpochRecord> history,
                             int keptEpoch, Map<String, Map<String, Double>> metrics, SplitPredictions evaluation) {

    public TrainingResult {
        history = List.copyOf(history);
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    public int epochsRun() {
        return history.size();
    }
}
