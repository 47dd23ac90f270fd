package dev.layerlab.tuning;

/**
 * Decides after each epoch whether a running trial is too weak to go on. Implementations are thread-safe:
 * trials running in parallel report to the same pruner.
 */
public interface Pruner {

    /**
     * @param trial the trial's number
     * @param epoch 1-based
     * @param value the objective after this epoch
     * @return true to stop the trial now (it is recorded as PRUNED with its best value so far)
     */
    boolean report(int trial, int epoch, double value);

    /** A trial ended (completed, pruned or failed): its curve becomes a reference for the others. */
    default void finished(int trial) {
    }

    /** Replays a journaled trial's curve on resume. */
    default void restore(TrialRecord record) {
        for (int e = 0; e < record.curve().size(); e++) {
            Double v = record.curve().get(e);
            if (v != null) {
                report(record.number(), e + 1, v);
            }
        }
        finished(record.number());
    }

    static Pruner none() {
        return (trial, epoch, value) -> false;
    }
}
