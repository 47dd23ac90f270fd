package dev.layerlab.gui.tuning;

import dev.layerlab.tuning.TrialRecord;
import dev.layerlab.tuning.TrialStatus;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One leaderboard row: a running or finished trial. */
public final class TrialRow {
    private final int number;
    private final StringProperty params = new SimpleStringProperty("");
    private final ObjectProperty<Double> value = new SimpleObjectProperty<>();
    private final IntegerProperty epochs = new SimpleIntegerProperty();
    private final StringProperty status = new SimpleStringProperty("running");
    private final ObjectProperty<Double> seconds = new SimpleObjectProperty<>();
    private final BooleanProperty best = new SimpleBooleanProperty();
    private final BooleanProperty pareto = new SimpleBooleanProperty();
    private TrialRecord record;

    public TrialRow(int number, String params) {
        this.number = number;
        this.params.set(params);
    }

    public int number() {
        return number;
    }

    public StringProperty paramsProperty() {
        return params;
    }

    /** The objective: best so far while running, final when finished; null before the first epoch. */
    public ObjectProperty<Double> valueProperty() {
        return value;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    /** "running", "complete", "pruned" or "failed". */
    public StringProperty statusProperty() {
        return status;
    }

    public ObjectProperty<Double> secondsProperty() {
        return seconds;
    }

    public BooleanProperty bestProperty() {
        return best;
    }

    public BooleanProperty paretoProperty() {
        return pareto;
    }

    /** The finished trial, or null while it runs. */
    public TrialRecord record() {
        return record;
    }

    void finish(TrialRecord r) {
        record = r;
        value.set(r.value());
        epochs.set(r.epochs());
        status.set(r.status().name().toLowerCase(Locale.ROOT));
        seconds.set(r.durationMillis() / 1000.0);
    }

    public boolean isPruned() {
        return record != null && record.status() == TrialStatus.PRUNED;
    }
}
