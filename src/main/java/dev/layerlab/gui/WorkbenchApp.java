package dev.layerlab.gui;

import dev.layerlab.gui.common.Icons;
import dev.layerlab.gui.common.Theme;
import dev.layerlab.gui.task.FxTaskExecutor;
import dev.layerlab.gui.task.TaskExecutor;
import dev.layerlab.gui.common.FxPump;
import dev.layerlab.gui.data.DataView;
import dev.layerlab.gui.model.ModelView;
import dev.layerlab.gui.training.TrainingView;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/** The JavaFX application: builds the workbench window. Started by {@link WorkbenchLauncher}. */
public final class WorkbenchApp extends Application {
    private TaskExecutor executor;
    private WorkbenchViewModel viewModel;
    private FxPump pump;

    @Override
    public void start(Stage stage) {
        Theme.apply(Theme.savedDark());
        executor = new FxTaskExecutor();
        viewModel = new WorkbenchViewModel(executor, WorkbenchServices.defaults());
        WorkbenchView view = new WorkbenchView(viewModel, stage);
        view.setScreen(Screen.DATA, new DataView(viewModel.data()).root());
        view.setScreen(Screen.TRAINING, new TrainingView(viewModel.training(), executor, () -> stage, viewModel::train).root());
        ModelView modelView = new ModelView(viewModel.model());
        view.setScreen(Screen.MODEL, modelView.root());
        Scene scene = new Scene(view.root(), 1360, 860);
        view.install(scene);
        modelView.installShortcuts(scene, () -> viewModel.screenProperty().get() == Screen.MODEL);
        pump = new FxPump();
        pump.add(viewModel.training()::drain);
        pump.start();
        stage.setScene(scene);
        stage.titleProperty().bind(viewModel.titleProperty());
        stage.getIcons().setAll(Icons.appIcons());
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
        List<String> args = getParameters().getRaw();
        if (!args.isEmpty()) {
            viewModel.openCsv(Path.of(args.get(0)));
        }
    }

    @Override
    public void stop() {
        if (pump != null) {
            pump.stop();
        }
        if (viewModel != null) {
            viewModel.shutdown();
        }
        if (executor != null) {
            executor.shutdown();
        }
    }
}
