package dev.layerlab.gui.task;

/** Runs {@link BackgroundTask}s; the FX implementation runs them on a pool, tests on the current thread. */
public interface TaskExecutor {

    /** Starts the task; its callbacks run on the UI thread. Returns the handle that cancels it. */
    <T> Cancellation execute(BackgroundTask<T> task);

    /** Runs {@code action} on the UI thread (now, if already there). */
    void runOnUi(Runnable action);

    /** Stops accepting work; running tasks are interrupted. */
    void shutdown();
}
