package dev.layerlab.gui.task;

/** Runs each task and its callbacks at once on the calling thread: for view-model tests. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    @Override
    public <T> Cancellation execute(BackgroundTask<T> task) {
        Cancellation cancellation = new Cancellation();
        T result;
        try {
            result = task.call(cancellation);
        } catch (Throwable e) {
            task.failed(e);
            return cancellation;
        }
        task.succeeded(result);
        return cancellation;
    }

    @Override
    public void runOnUi(Runnable action) {
        action.run();
    }

    @Override
    public void shutdown() {
    }
}
