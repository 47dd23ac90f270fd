package dev.layerlab.gui.task;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Work to run off the FX thread, with callbacks that a {@link TaskExecutor} delivers on the FX thread
 * (or, in tests, on the current thread). Callbacks must be cheap: heavy work belongs in {@link #call()}.
 *
 * @param <T> the result
 */
public final class BackgroundTask<T> {

    /** The work; throws to report failure. */
    @FunctionalInterface
    public interface Work<T> {
        T call(Cancellation cancellation) throws Exception;
    }

    private final String title;
    private final Work<T> work;
    private Consumer<T> onSuccess = r -> { };
    private Consumer<Throwable> onFailure = e -> { };
    private Runnable onFinally = () -> { };

    private BackgroundTask(String title, Work<T> work) {
        this.title = Objects.requireNonNull(title);
        this.work = Objects.requireNonNull(work);
    }

    public static <T> BackgroundTask<T> of(String title, Work<T> work) {
        return new BackgroundTask<>(title, work);
    }

    public BackgroundTask<T> onSuccess(Consumer<T> handler) {
        this.onSuccess = Objects.requireNonNull(handler);
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<Throwable> handler) {
        this.onFailure = Objects.requireNonNull(handler);
        return this;
    }

    public BackgroundTask<T> onFinally(Runnable handler) {
        this.onFinally = Objects.requireNonNull(handler);
        return this;
    }

    public String title() {
        return title;
    }

    T call(Cancellation cancellation) throws Exception {
        return work.call(cancellation);
    }

    void succeeded(T result) {
        try {
            onSuccess.accept(result);
        } finally {
            onFinally.run();
        }
    }

    void failed(Throwable error) {
        try {
            onFailure.accept(error);
        } finally {
            onFinally.run();
        }
    }
}
