package dev.layerlab.gui.task;

import javafx.application.Platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs tasks on a small daemon pool and delivers their callbacks through {@link Platform#runLater}. */
public final class FxTaskExecutor implements TaskExecutor {
    private final ExecutorService pool;

    public FxTaskExecutor() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "layerlab-bg-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(3, factory);
    }

    @Override
    public <T> Cancellation execute(BackgroundTask<T> task) {
        Cancellation cancellation = new Cancellation();
        pool.execute(() -> {
            try {
                T result = task.call(cancellation);
                Platform.runLater(() -> task.succeeded(result));
            } catch (Throwable e) {
                Platform.runLater(() -> task.failed(e));
            }
        });
        return cancellation;
    }

    @Override
    public <T> Cancellation executeCompute(BackgroundTask<T> task) {
        Cancellation cancellation = new Cancellation();
        Thread t = new Thread(() -> {
            BackgroundPriority.lowerComputeThreads(); // the window's threads go first
            try {
                T result = task.call(cancellation);
                Platform.runLater(() -> task.succeeded(result));
            } catch (Throwable e) {
                Platform.runLater(() -> task.failed(e));
            }
        }, "layerlab-compute-" + computeThreads.incrementAndGet());
        t.setDaemon(true);
        t.start();
        return cancellation;
    }

    private final AtomicInteger computeThreads = new AtomicInteger();

    @Override
    public void runOnUi(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public void shutdown() {
        pool.shutdownNow();
    }
}
