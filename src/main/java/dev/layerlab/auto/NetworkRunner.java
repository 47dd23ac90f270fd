package dev.layerlab.auto;

import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingResult;

/**
 * Where auto trains its networks: this process's threads ({@link #LOCAL}) or Spark tasks
 * ({@link NetworkRunners#spark}). Auto keeps the search, the deadlines and the ensemble choice; a runner only trains.
 */
public interface NetworkRunner extends AutoCloseable {

    /** This process: one network per calling thread, stopped through its control. */
    NetworkRunner LOCAL = new NetworkRunner() {
        @Override
        public int open(PreparedData data, int parallel) {
            return parallel;
        }

        @Override
        public String describe() {
            return "this machine";
        }

        @Override
        public TrainingResult train(Experiment experiment, PreparedData data, RunControl control, long stopAtEpochMillis) {
            return new Trainer(control, null).train(experiment.network(), experiment.training(), data);
        }

        @Override
        public void close() {
        }
    };

    /**
     * Starts the runner.
     *
     * @param parallel networks at once the user asked for
     * @return how many networks to keep in flight
     */
    int open(PreparedData data, int parallel);

    /** Where the networks train, for the user (after {@link #open}). */
    String describe();

    /**
     * Trains the experiment's network on {@code data} and blocks until it ends. A network still training at
     * {@code stopAtEpochMillis} (wall clock) or when {@code control} is cancelled stops and keeps its best epoch,
     * where the runner can reach it (a remote one is stopped at its deadline by its task).
     *
     * @throws RuntimeException when training failed (auto records a failed network and goes on)
     */
    TrainingResult train(Experiment experiment, PreparedData data, RunControl control, long stopAtEpochMillis);

    @Override
    void close();
}
