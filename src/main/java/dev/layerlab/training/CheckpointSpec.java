package dev.layerlab.training;

/**
 * When to write the network to disk during training (like Keras's {@code ModelCheckpoint}).
 *
 * @param everyEpochs 0 for never; otherwise a checkpoint each N epochs ("last.zip")
 * @param best        keep a copy of the best epoch so far ("best.zip")
 */
public record CheckpointSpec(int everyEpochs, boolean best) {
    public static CheckpointSpec defaults() {
        return new CheckpointSpec(1, true);
    }

    public static CheckpointSpec none() {
        return new CheckpointSpec(0, false);
    }
}
