package dev.layerlab.gui;

import dev.layerlab.gui.common.FxPump;
import dev.layerlab.gui.common.Icons;
import dev.layerlab.gui.data.DataView;
import dev.layerlab.gui.export.ExportView;
import dev.layerlab.gui.model.ModelView;
import dev.layerlab.gui.runs.RunsView;
import dev.layerlab.gui.task.TaskExecutor;
import dev.layerlab.gui.training.TrainingView;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Assembles the window from the view model: used by the application and by the UI tests. */
public final class WorkbenchWindow {
    private final FxPump pump = new FxPump();

    public WorkbenchWindow(Stage stage, WorkbenchViewModel viewModel, TaskExecutor executor) {
        WorkbenchView view = new WorkbenchView(viewModel, stage);
        // Screens are built when first shown: the window opens with the data screen only (start-up time).
        view.setScreen(Screen.DATA, () -> new DataView(viewModel.data()).root());
        view.setScreen(Screen.TRAINING, () -> {
            TrainingView trainingView = new TrainingView(viewModel.training(), executor, () -> stage, viewModel::train);
            trainingView.addView("Explain", new dev.layerlab.gui.explain.ExplainView(viewModel.explain(), true).root());
            return trainingView.root();
        });
        view.setScreen(Screen.MODEL, () -> {
            ModelView modelView = new ModelView(viewModel.model());
            modelView.setLrFinder(viewModel.lrFind());
            modelView.installShortcuts(stage.getScene(), () -> viewModel.screenProperty().get() == Screen.MODEL);
            return modelView.root();
        });
        view.setScreen(Screen.TUNING, () -> {
            dev.layerlab.gui.tuning.TuningView tuningView = new dev.layerlab.gui.tuning.TuningView(viewModel.tuning(),
                    viewModel.auto());
            tuningView.setOutDirSupplier(viewModel::newStudyDir);
            return tuningView;
        });
        java.util.function.Consumer<dev.layerlab.runs.Workspace.Run> toExport = run -> {
            viewModel.export().load(run.modelFile());
            viewModel.screenProperty().set(Screen.EXPORT);
        };
        java.util.function.Consumer<dev.layerlab.runs.Workspace.Run> explainRun = run -> {
            // One Explain window, showing the run asked for last.
            if (explainWindow == null) {
                explainWindow = new Stage();
                explainWindow.setTitle("Explain a run");
                explainWindow.initOwner(stage);
                Scene explainScene = new Scene((javafx.scene.Parent) new dev.layerlab.gui.explain.ExplainView(viewModel.explain(), false).root(), 1150, 620);
                explainScene.getStylesheets().setAll(stage.getScene().getStylesheets());
                explainWindow.setScene(explainScene);
            }
            explainWindow.show();
            explainWindow.toFront();
            viewModel.explain().explain(run.dir());
        };
        view.setScreen(Screen.RUNS, () -> new RunsView(viewModel.runs(), viewModel::openExperiment, toExport, toExport,
                () -> stage, explainRun).root());
        view.setScreen(Screen.EXPORT, () -> new ExportView(viewModel.export(), () -> stage,
                view::saveExperimentAsAction, view::chooseExperimentAction, viewModel::toExperiment).root());
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view.root(), Math.min(1600, screen.getWidth()), Math.min(960, screen.getHeight()));
        view.install(scene);
        pump.add(viewModel.training()::drain);
        pump.add(viewModel.export().serve()::drain);
        pump.add(viewModel.auto()::drain);
        pump.start();
        stage.setScene(scene);
        this.view = view;
        stage.titleProperty().bind(viewModel.titleProperty());
        stage.getIcons().setAll(Icons.appIcons());
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        // The model server lives as long as the window.
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> viewModel.export().serve().shutdown());
        this.viewModel = viewModel;
    }

    private final WorkbenchViewModel viewModel;
    private WorkbenchView view;
    private Stage explainWindow;

    /** Builds every screen now (tests that look into screens without selecting their tabs). */
    public void buildAllScreens() {
        for (Screen s : Screen.values()) {
            view.buildScreen(s);
        }
    }

    public void close() {
        pump.stop();
        viewModel.export().serve().shutdown();
    }
}
