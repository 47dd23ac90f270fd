package dev.layerlab.gui.task;

/** Runs {@link BackgroundTask}s; the FX implementation runs them on a pool, tests on the current thread. */
public interface TaskExecutor {

    /** Starts the task; its callbacks run on the UI thread. Returns the handle that cancels it. */
    <T> Cancellation execute(BackgroundTask<T> task);

    /**
     * As {@link #execute}, for long compute work (a study, an auto search, retraining a model): it gets a thread of
     * its own at lowered priority ({@link BackgroundPriority}), so the window's threads go first and the short tasks
     * (previews, file reads) never wait behind it. Threads the work starts inherit the priority.
     */
    default <T> Cancellation executeCompute(BackgroundTask<T> task) {
        return execute(task);
    }

    /** Runs {@code action} on the UI thread (now, if already there). */
    void runOnUi(Runnable action);

    /** Stops accepting work; running tasks are interrupted. */
    void shutdown();
}
