package dev.layerlab.gui;

import dev.layerlab.gui.common.Theme;
import dev.layerlab.gui.task.FxTaskExecutor;
import dev.layerlab.gui.task.TaskExecutor;
import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/** The JavaFX application: builds the workbench window. Started by {@link WorkbenchLauncher}. */
public final class WorkbenchApp extends Application {
    private TaskExecutor executor;
    private WorkbenchViewModel viewModel;
    private WorkbenchWindow window;

    @Override
    public void start(Stage stage) {
        StartupObserver startup = WorkbenchLauncher.observer();
        startup.milestone("fx-start");
        Theme.apply(Theme.savedDark());
        startup.milestone("theme");
        executor = new FxTaskExecutor();
        viewModel = new WorkbenchViewModel(executor, WorkbenchServices.defaults());
        startup.milestone("view-models");
        window = new WorkbenchWindow(stage, viewModel, executor);
        startup.milestone("window-built");
        stage.show();
        startup.milestone("window-shown");
        startup.windowShown(stage, viewModel);
        List<String> args = getParameters().getRaw();
        if (!args.isEmpty()) {
            viewModel.openCsv(Path.of(args.get(0)));
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (viewModel != null) {
            viewModel.shutdown();
        }
        if (executor != null) {
            executor.shutdown();
        }
    }
}
