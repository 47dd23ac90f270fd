package dev.layerlab.gui.task;

/** A flag the work checks inside its loops; set by whoever asked for the work to stop. */
public final class Cancellation {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
