package dev.layerlab.gui.model;

import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.PreparedData;
import dev.layerlab.diagnostics.LrFinder;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.gui.task.BackgroundTask;
import dev.layerlab.gui.task.TaskExecutor;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Find learning rate" button: runs the learning-rate range test on the experiment as set up (in the background)
 * and applies its suggestion to the learning-rate setting in one click.
 */
public final class LrFindViewModel {
    private final TaskExecutor executor;
    private final StatusModel status;
    private final Supplier<Experiment> experiment;
    private final Supplier<Path> baseDir;
    private final DoubleProperty learningRate;
    private final ObjectProperty<LrFinder.Result> result = new SimpleObjectProperty<>();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty message = new SimpleStringProperty("");

    public LrFindViewModel(TaskExecutor executor, StatusModel status, Supplier<Experiment> experiment, Supplier<Path> baseDir,
                           DoubleProperty learningRate) {
        this.executor = executor;
        this.status = status;
        this.experiment = experiment;
        this.baseDir = baseDir;
        this.learningRate = learningRate;
    }

    public ObjectProperty<LrFinder.Result> resultProperty() {
        return result;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** Sweeps the learning rate on the experiment's training rows (a fresh copy of the network; nothing is saved). */
    public void find() {
        if (busy.get()) {
            return;
        }
        Experiment e;
        try {
            e = experiment.get();
            e.training().requireValid();
        } catch (RuntimeException ex) {
            message.set("Cannot sweep: " + ex.getMessage());
            return;
        }
        Path base = baseDir.get();
        busy.set(true);
        result.set(null);
        message.set("Sweeping the learning rate from 1e-7 to 10 over 300 steps…");
        executor.execute(BackgroundTask.of("Find learning rate", c -> {
            PreparedData data = DataPipeline.prepare(e.data(), base, e.network().outputTargets());
            return LrFinder.defaults().run(e.network(), e.training(), data, null, null);
        }).onSuccess(r -> {
            result.set(r);
            message.set(Double.isNaN(r.suggested()) ? "The loss never fell during the sweep: no suggestion."
                    : String.format(Locale.ROOT, "Lowest loss at %.3g; suggested learning rate: %.3g (a tenth of it).",
                    r.lowestLossRate(), r.suggested()));
        }).onFailure(ex -> {
            message.set("Cannot sweep: " + ex.getMessage());
            status.fail("Cannot find a learning rate", ex);
        }).onFinally(() -> busy.set(false)));
    }

    /** Sets the learning rate to the suggestion; false when there is none. */
    public boolean apply() {
        LrFinder.Result r = result.get();
        if (r == null || Double.isNaN(r.suggested())) {
            return false;
        }
        learningRate.set(Double.parseDouble(String.format(Locale.ROOT, "%.3g", r.suggested())));
        status.info(String.format(Locale.ROOT, "Learning rate set to %.3g (learning-rate finder)", r.suggested()));
        return true;
    }
}
