package dev.layerlab.tuning;

import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import java.util.Map;

/**
 * Where a study's trials train when not on this process's thread pool (a Spark cluster: {@link TrialBackends#spark}).
 * The study keeps what it owns (strategy, pruner, journal) and hands a backend one trial at a time, from as many
 * study threads as {@link #open} says; a backend only trains them.
 */
public interface TrialBackend extends AutoCloseable {

    /**
     * Starts the backend and ships what every trial needs (the experiment, the settings, the prepared data).
     *
     * @return how many trials to keep in flight
     */
    int open(Experiment base, PreparedData data, StudySettings settings);

    /** Where the trials run, for the user (after {@link #open}). */
    String describe();

    /**
     * Trains one trial and blocks the calling study thread until it is done.
     *
     * @return the trial's record (with its curve); null if it was cancelled by {@link #cancelAll}
     * @throws RuntimeException when the trial's task failed (the study records a failed trial and goes on)
     */
    TrialRecord run(int number, Map<String, Object> params);

    /** The study was stopped: cancel the running trials (their records are not journaled). */
    void cancelAll();

    @Override
    void close();
}
