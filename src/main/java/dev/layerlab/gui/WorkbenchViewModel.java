package dev.layerlab.gui;

import dev.layerlab.gui.data.DataViewModel;
import dev.layerlab.gui.task.TaskExecutor;
import dev.layerlab.gui.training.TrainingViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;

/** The window's state: the open experiment, the current screen, the status bar, and the screens' models. */
public final class WorkbenchViewModel {
    private final TaskExecutor executor;
    private final WorkbenchServices services;
    private final StatusModel status = new StatusModel();
    private final StringProperty experimentName = new SimpleStringProperty("Untitled");
    private final ObjectProperty<Path> experimentFile = new SimpleObjectProperty<>();
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(Screen.DATA);
    private final DataViewModel data;
    private final TrainingViewModel training;

    public WorkbenchViewModel(TaskExecutor executor, WorkbenchServices services) {
        this.executor = executor;
        this.services = services;
        this.data = new DataViewModel(executor, status);
        this.training = new TrainingViewModel(status);
        data.setOnChanged(() -> dirty.set(true));
        title.bind(Bindings.createStringBinding(
                () -> "LayerLab — " + experimentName.get() + (dirty.get() ? " *" : ""),
                experimentName, dirty));
    }

    public TaskExecutor executor() {
        return executor;
    }

    public WorkbenchServices services() {
        return services;
    }

    public StatusModel status() {
        return status;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public StringProperty experimentNameProperty() {
        return experimentName;
    }

    public ObjectProperty<Path> experimentFileProperty() {
        return experimentFile;
    }

    public BooleanProperty dirtyProperty() {
        return dirty;
    }

    public ObjectProperty<Screen> screenProperty() {
        return screen;
    }

    public DataViewModel data() {
        return data;
    }

    public TrainingViewModel training() {
        return training;
    }

    public void openCsv(Path csv) {
        services.recentCsv().add(csv);
        data.open(csv);
        screen.set(Screen.DATA);
        String name = csv.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        experimentName.set(name);
    }

    /** Starts training with the current data, network and training settings. */
    public void train() {
        status.info("Training is not wired to the engine yet");
    }

    public void shutdown() {
    }
}
