package dev.layerlab.auto.spark;

import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.RunStatus;
import java.io.Serializable;
import java.util.List;

/**
 * What a network's task sends back to the driver: its kept weights as a flat vector (the driver rebuilds the same
 * network from the experiment and sets them) and its history. Metrics are computed on the driver, which alone has
 * the test rows.
 */
record TrainedRemotely(RunStatus status, String message, float[] params, List<EpochRecord> history, int keptEpoch,
                       String executor) implements Serializable {
    private static final long serialVersionUID = 1L;

    TrainedRemotely {
        history = List.copyOf(history);
    }
}
