package dev.layerlab.gui.task;

import java.util.function.Consumer;

/**
 * Keeps only the newest of a stream of requests: starting a new one cancels the one before, and a
 * result that arrives after a newer request started is dropped (CSV preview while the user edits the
 * delimiter, parameter counts while typing).
 */
public final class LatestOnly {
    private final TaskExecutor executor;
    private long generation;
    private Cancellation current;

    public LatestOnly(TaskExecutor executor) {
        this.executor = executor;
    }

    /** Call on the UI thread. */
    public <T> void submit(String title, BackgroundTask.Work<T> work, Consumer<T> onResult, Consumer<Throwable> onError) {
        if (current != null) {
            current.cancel();
        }
        long mine = ++generation;
        current = executor.execute(BackgroundTask.of(title, work)
                .onSuccess(r -> {
                    if (mine == generation) {
                        onResult.accept(r);
                    }
                })
                .onFailure(e -> {
                    if (mine == generation) {
                        onError.accept(e);
                    }
                }));
    }
}
