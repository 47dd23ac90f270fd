package dev.layerlab.gui.runs;

import dev.layerlab.gui.common.Controls;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

/** The "Fine-tune…" dialog over a {@link FineTuneViewModel}: new CSV, epochs, learning rate, refit. */
public final class FineTuneDialog {
    public static final ButtonType FINE_TUNE = new ButtonType("Fine-tune", ButtonBar.ButtonData.OK_DONE);

    private final Dialog<FineTuneRequest> dialog = new Dialog<>();

    public FineTuneDialog(FineTuneViewModel vm, Window owner) {
        dialog.initOwner(owner);
        dialog.setTitle("Fine-tune " + vm.parentRun());
        dialog.setHeaderText("Train the model of " + vm.parentRun() + " further on new rows.\n"
                + "The network, its weights and its optimizer state are kept; the new run records where it came from.");
        dialog.setResizable(true);

        TextField data = field("finetune-data", 40);
        data.textProperty().bindBidirectional(vm.dataProperty());
        data.setTooltip(Controls.tooltip("The CSV with the new rows: the same input columns and target as the model's data."));
        Button browse = Controls.button("Browse…", "mdi2f-folder-open-outline", "Choose the CSV", () -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("CSV with the new rows");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv", "*.txt", "*.tsv"));
            try {
                Path current = Path.of(vm.dataProperty().get().trim());
                if (current.getParent() != null && current.getParent().toFile().isDirectory()) {
                    fc.setInitialDirectory(current.getParent().toFile());
                }
            } catch (RuntimeException ignored) {
                // no usable folder to start in
            }
            File f = fc.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
            if (f != null) {
                vm.dataProperty().set(f.getAbsolutePath());
            }
        });
        browse.setId("finetune-browse");
        browse.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox dataRow = new HBox(6, data, browse);
        HBox.setHgrow(data, Priority.ALWAYS);

        TextField epochs = field("finetune-epochs", 8);
        epochs.textProperty().bindBidirectional(vm.epochsProperty());
        epochs.setTooltip(Controls.tooltip("How many epochs to train on the new rows (early stopping still applies). "
                + "Epochs are numbered on from the model's."));
        epochs.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        TextField rate = field("finetune-learning-rate", 10);
        rate.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        rate.textProperty().bindBidirectional(vm.learningRateProperty());
        rate.setPromptText("keep " + vm.modelLearningRate());
        rate.setTooltip(Controls.tooltip("Leave empty to keep the model's learning rate (" + vm.modelLearningRate()
                + "). A smaller rate, e.g. a tenth, changes the weights more gently."));
        CheckBox refit = new CheckBox("Refit the preprocessing on the new data");
        refit.setId("finetune-refit");
        refit.selectedProperty().bindBidirectional(vm.refitProperty());
        refit.setTooltip(Controls.tooltip("Off (the default): the new rows go through the model's own imputation values, "
                + "scaling and categories, right when they come from the same source. On: fit them on the new data; refused "
                + "if that would change the model's inputs or classes (a category missing from the new rows)."));

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        grid.setPadding(new Insets(10, 4, 4, 4));
        int r = 0;
        grid.addRow(r++, new Label("New data"), dataRow);
        grid.add(error(vm.dataErrorProperty(), "finetune-data-error"), 1, r++);
        grid.addRow(r++, new Label("Epochs"), epochs);
        grid.add(error(vm.epochsErrorProperty(), "finetune-epochs-error"), 1, r++);
        grid.addRow(r++, new Label("Learning rate"), rate);
        grid.add(error(vm.learningRateErrorProperty(), "finetune-learning-rate-error"), 1, r++);
        grid.add(refit, 1, r);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);

        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().setPrefWidth(680);
        dialog.getDialogPane().setMinWidth(720);
        dialog.getDialogPane().getButtonTypes().addAll(FINE_TUNE, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(FINE_TUNE);
        ok.setId("finetune-ok");
        ok.disableProperty().bind(vm.validProperty().not());
        dialog.setResultConverter(b -> b == FINE_TUNE && vm.validProperty().get() ? vm.toRequest() : null);
    }

    private static TextField field(String id, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(columns);
        return f;
    }

    private static Label error(javafx.beans.property.StringProperty text, String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add("problem-label");
        l.textProperty().bind(text);
        l.managedProperty().bind(text.isNotEmpty());
        l.visibleProperty().bind(l.managedProperty());
        return l;
    }

    public Dialog<FineTuneRequest> dialog() {
        return dialog;
    }

    /** Shows the dialog and waits; empty when cancelled. */
    public Optional<FineTuneRequest> showAndWait() {
        return dialog.showAndWait();
    }
}
