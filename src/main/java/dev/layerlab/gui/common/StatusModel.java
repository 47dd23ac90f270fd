package dev.layerlab.gui.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** What the status bar shows: a message, a progress value (negative = indeterminate) and an ETA. */
public final class StatusModel {
    private final StringProperty message = new SimpleStringProperty("Ready");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final BooleanProperty progressVisible = new SimpleBooleanProperty(false);
    private final StringProperty eta = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty();
    private int busy;

    public StringProperty messageProperty() {
        return message;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public BooleanProperty progressVisibleProperty() {
        return progressVisible;
    }

    public StringProperty etaProperty() {
        return eta;
    }

    /** The last error meant for the user (one line); the view shows it and clears it. */
    public StringProperty errorProperty() {
        return error;
    }

    public void info(String text) {
        message.set(text);
    }

    public void fail(String what, Throwable e) {
        String detail = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        message.set(what + ": " + detail);
        error.set(what + ": " + detail);
    }

    /** Marks the start of background work; shows an indeterminate bar unless training shows its own. */
    public void beginBusy(String text) {
        busy++;
        message.set(text);
        progressVisible.set(true);
        progress.set(-1);
    }

    public void endBusy() {
        busy = Math.max(0, busy - 1);
        if (busy == 0) {
            progressVisible.set(false);
            progress.set(0);
        }
    }

    /** Determinate progress (training) with an ETA text. */
    public void progress(double fraction, String etaText) {
        progressVisible.set(true);
        progress.set(fraction);
        eta.set(etaText);
    }

    public void clearProgress() {
        if (busy == 0) {
            progressVisible.set(false);
        }
        eta.set("");
    }
}
