package dev.layerlab.gui.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * For view-model tests of long work: compute tasks run on a thread of their own, and every callback is queued for
 * the test thread, which plays the FX thread ({@link #runUiFor}). Short tasks are refused: the work under test
 * must not take a thread of the short-task pool.
 */
public final class QueuedUiTaskExecutor implements TaskExecutor {
    private final LinkedBlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
    private final List<String> computeTitles = new ArrayList<>();

    @Override
    public <T> Cancellation execute(BackgroundTask<T> task) {
        throw new AssertionError("'" + task.title() + "' is compute work: it must not take a thread of the short-task pool");
    }

    @Override
    public <T> Cancellation executeCompute(BackgroundTask<T> task) {
        computeTitles.add(task.title());
        Cancellation cancellation = new Cancellation();
        Thread t = new Thread(() -> {
            try {
                T result = task.call(cancellation);
                ui.add(() -> task.succeeded(result));
            } catch (Throwable e) {
                ui.add(() -> task.failed(e));
            }
        }, "test-compute");
        t.setDaemon(true);
        t.start();
        return cancellation;
    }

    /** Runs the queued callbacks that arrive within {@code millis} (at least the first one, if it comes). */
    public void runUiFor(long millis) throws InterruptedException {
        Runnable r = ui.poll(millis, TimeUnit.MILLISECONDS);
        while (r != null) {
            r.run();
            r = ui.poll();
        }
    }

    /** Titles of the compute tasks started so far. */
    public List<String> computeTitles() {
        return computeTitles;
    }

    @Override
    public void runOnUi(Runnable action) {
        ui.add(action);
    }

    @Override
    public void shutdown() {
    }
}
