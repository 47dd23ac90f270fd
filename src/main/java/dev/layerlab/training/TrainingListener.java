package dev.layerlab.training;

/**
 * Receives a run's progress. Called on the training thread: implementations must return at once (store a
 * value, never block, never touch a GUI), so that watching a run does not slow it down.
 */
public interface TrainingListener {
    default void onStart(int epochs, int iterationsPerEpoch) {
    }

    /** After every mini-batch step. {@code iteration} counts from 0 across the whole run. */
    default void onIteration(int epoch, long iteration, double loss) {
    }

    default void onEpoch(EpochRecord record) {
    }

    /** A line worth showing in a log panel (early stopping, checkpoints, divergence). */
    default void onMessage(String message) {
    }

    default void onEnd(TrainingResult result) {
    }
}
