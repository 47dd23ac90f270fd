package dev.layerlab.training;

/**
 * Pause, resume and cancel a run from any thread. The trainer checks it between mini-batches, so a request
 * takes effect within one step and the run ends cleanly with what was trained so far.
 */
public final class RunControl {
    private volatile boolean cancelled;
    private volatile boolean paused;
    private final Object pauseLock = new Object();

    public void cancel() {
        cancelled = true;
        resume();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
    }

    public boolean isPaused() {
        return paused;
    }

    /** Blocks the training thread while paused; returns at once otherwise (one volatile read). */
    void awaitIfPaused() {
        if (!paused) {
            return;
        }
        synchronized (pauseLock) {
            while (paused && !cancelled) {
                try {
                    pauseLock.wait(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled = true;
                    return;
                }
            }
        }
    }
}
