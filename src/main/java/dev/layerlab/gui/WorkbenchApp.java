package dev.layerlab.gui;

import dev.layerlab.gui.bench.StartupProbe;
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
        StartupProbe.mark("fx-start");
        Theme.apply(Theme.savedDark());
        StartupProbe.mark("theme");
        executor = new FxTaskExecutor();
        viewModel = new WorkbenchViewModel(executor, WorkbenchServices.defaults());
        StartupProbe.mark("view-models");
        window = new WorkbenchWindow(stage, viewModel, executor);
        StartupProbe.mark("window-built");
        stage.show();
        StartupProbe.mark("window-shown");
        if (StartupProbe.enabled()) {
            StartupProbe.exitWhenReady(stage, viewModel);
        }
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
