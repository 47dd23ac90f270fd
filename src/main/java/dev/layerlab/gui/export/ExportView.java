package dev.layerlab.gui.export;

import dev.layerlab.gui.common.Controls;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.function.Supplier;

/** The export screen: the model at hand, save it, open one, predict a CSV with it; experiment JSON. */
public final class ExportView {
    private final javafx.scene.control.SplitPane root = new javafx.scene.control.SplitPane();
    private final VBox left = new VBox(12);

    public ExportView(ExportViewModel vm, Supplier<Window> window, Runnable saveExperiment, Runnable openExperiment,
                      Supplier<dev.layerlab.experiment.Experiment> experiment) {
        left.setPadding(new Insets(16));
        Label title = new Label("Model");
        title.getStyleClass().add("screen-title");
        TextArea info = new TextArea();
        info.setId("bundle-info");
        info.setEditable(false);
        info.setWrapText(true);
        info.getStyleClass().add("summary-text");
        info.textProperty().bind(vm.descriptionProperty());
        info.setPrefRowCount(9);
        Button save = Controls.button("Save model bundle…", "mdi2c-content-save-outline",
                "Save the trained network with its preprocessing, settings, history and provenance as one .zip file", () -> {
                    FileChooser fc = chooser("Save model bundle", "LayerLab model", "*.zip");
                    fc.setInitialFileName("model.zip");
                    File f = fc.showSaveDialog(window.get());
                    if (f != null) {
                        vm.saveBundle(f.toPath(), p -> { });
                    }
                });
        save.setId("save-bundle");
        save.disableProperty().bind(vm.bundleProperty().isNull());
        Button open = Controls.button("Open model bundle…", "mdi2f-folder-open-outline",
                "Open a saved model bundle to inspect it or predict with it", () -> {
                    File f = chooser("Open model bundle", "LayerLab model", "*.zip").showOpenDialog(window.get());
                    if (f != null) {
                        vm.load(f.toPath());
                    }
                });
        open.setId("open-bundle");
        Button predict = Controls.button("Predict a CSV…", "mdi2t-table-arrow-right",
                "Apply the model to another CSV with the same input columns and save its rows with a prediction column", () -> {
                    File in = chooser("CSV to predict", "CSV", "*.csv").showOpenDialog(window.get());
                    if (in == null) {
                        return;
                    }
                    FileChooser fc = chooser("Save predictions", "CSV", "*.csv");
                    fc.setInitialFileName(in.getName().replaceFirst("\\.csv$", "") + "-predictions.csv");
                    File out = fc.showSaveDialog(window.get());
                    if (out != null) {
                        vm.predict(in.toPath(), out.toPath());
                    }
                });
        predict.setId("predict-csv");
        predict.disableProperty().bind(vm.bundleProperty().isNull());
        Label last = new Label();
        last.textProperty().bind(vm.lastPredictionProperty());
        Label t2 = new Label("Experiment");
        t2.getStyleClass().add("screen-title");
        Label hint = new Label("The experiment file holds the data settings, the network and the training settings as JSON; "
                + "'./layerlab train --experiment FILE --out DIR' runs it from the command line.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint-label");
        Button saveExp = Controls.button("Save experiment…", "mdi2c-code-json", "Save the experiment as JSON (Ctrl+S)", saveExperiment);
        Button openExp = Controls.button("Open experiment…", "mdi2f-folder-open-outline", "Open an experiment JSON (Ctrl+Shift+O)", openExperiment);
        Button keras = Controls.button("Export as Keras (Python)…", "mdi2l-language-python",
                "Write a Python script (pandas + TensorFlow/Keras) that prepares the data and trains the same network the same way", () -> {
                    FileChooser fc = chooser("Export Keras script", "Python", "*.py");
                    fc.setInitialFileName("train_model.py");
                    File f = fc.showSaveDialog(window.get());
                    if (f != null) {
                        vm.exportCode(experiment.get(), ExportViewModel.CodeKind.KERAS_PYTHON, f.toPath());
                    }
                });
        Button dl4j = Controls.button("Export as DL4J (Java)…", "mdi2l-language-java",
                "Write a standalone Java class (DL4J only) that prepares the data and trains the same network the same way", () -> {
                    FileChooser fc = chooser("Export DL4J class", "Java", "*.java");
                    fc.setInitialFileName("TrainModel.java");
                    File f = fc.showSaveDialog(window.get());
                    if (f != null) {
                        vm.exportCode(experiment.get(), ExportViewModel.CodeKind.DL4J_JAVA, f.toPath());
                    }
                });
        javafx.scene.layout.FlowPane codeButtons = new javafx.scene.layout.FlowPane(8, 8, saveExp, openExp, keras, dl4j);
        javafx.scene.layout.FlowPane modelButtons = new javafx.scene.layout.FlowPane(8, 8, save, open, predict);
        left.getChildren().addAll(title, modelButtons, last, info, t2, hint, codeButtons);
        VBox.setVgrow(info, Priority.ALWAYS);
        info.setMinHeight(160);
        Node serve = new ServePanel(vm.serve()).root();
        javafx.scene.control.ScrollPane serveScroll = new javafx.scene.control.ScrollPane(serve);
        serveScroll.setFitToWidth(true);
        serveScroll.setFitToHeight(true);
        ((VBox) serve).setPadding(new Insets(16));
        root.getItems().addAll(left, serveScroll);
        root.setDividerPositions(0.52);
    }

    private static FileChooser chooser(String title, String what, String pattern) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        return fc;
    }

    public Node root() {
        return root;
    }
}
