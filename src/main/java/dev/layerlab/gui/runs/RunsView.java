package dev.layerlab.gui.runs;

import dev.layerlab.experiment.RunSummary;
import dev.layerlab.experiment.Workspace;
import dev.layerlab.gui.WorkbenchView;
import dev.layerlab.gui.common.Formats;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** The runs screen: a sortable, filterable table of runs and their loss curves overlaid. */
public final class RunsView {
    private final RunsViewModel vm;
    private final SplitPane root;
    private final TableView<Workspace.Run> table = new TableView<>();

    public RunsView(RunsViewModel vm, Consumer<Path> openExperiment, Consumer<Workspace.Run> exportRun) {
        this.vm = vm;
        TextField filter = new TextField();
        filter.setPromptText("Filter by name, experiment, status…");
        filter.setPrefColumnCount(24);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        Button refresh = WorkbenchView.button("Refresh", "mdi2r-refresh", "Read the workspace again", vm::refresh);
        Button open = WorkbenchView.button("Open", "mdi2f-folder-open-outline", "Load this run's data, network and settings into the workbench",
                () -> vm.open(table.getSelectionModel().getSelectedItem(), openExperiment));
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Button export = WorkbenchView.button("Export…", "mdi2p-package-variant-closed", "Go to the Export screen with this run's model",
                () -> exportRun.accept(table.getSelectionModel().getSelectedItem()));
        export.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Button delete = WorkbenchView.button("Delete", "mdi2d-delete-outline", "Delete the selected runs from the workspace (their folders)",
                () -> vm.delete(List.copyOf(table.getSelectionModel().getSelectedItems())));
        delete.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        HBox bar = new HBox(8, filter, refresh, open, export, delete);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));

        table.setId("runs-table");
        SortedList<Workspace.Run> sorted = new SortedList<>(vm.filtered());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No runs yet: every training run is kept here with its metrics, history and model."));
        table.getColumns().add(text("Run", RunSummary::name, 230));
        table.getColumns().add(text("Experiment", RunSummary::experimentName, 150));
        table.getColumns().add(text("Task", s -> words(s.task()), 150));
        table.getColumns().add(text("Status", s -> words(s.status()), 115));
        table.getColumns().add(number("Epochs", s -> (double) s.epochs(), 80));
        table.getColumns().add(number("Best", s -> (double) s.keptEpoch(), 65));
        table.getColumns().add(number("Params", s -> (double) s.parameters(), 85));
        table.getColumns().add(text("Metric", RunSummary::headline, 82));
        table.getColumns().add(number("Validation", s -> s.metric("validation", s.headline()), 100));
        table.getColumns().add(number("Test", s -> s.metric("test", s.headline()), 100));
        table.getColumns().add(number("Seconds", RunSummary::seconds, 85));
        table.getColumns().add(text("Started", s -> s.startedAt() == null ? "" : s.startedAt().replace('T', ' ').replaceFirst("\\.\\d+Z?$", ""), 170));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        vm.runs().addListener((ListChangeListener<Workspace.Run>) c -> {
            javafx.application.Platform.runLater(() -> {
                // Show the newest run (the one just trained, or the latest on disk) unless several are selected.
                if (table.getSelectionModel().getSelectedItems().size() <= 1 && !table.getItems().isEmpty()) {
                    table.getSelectionModel().clearAndSelect(0);
                }
            });
        });
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<Workspace.Run>) c ->
                vm.selection().setAll(table.getSelectionModel().getSelectedItems()));
        table.setRowFactory(t -> {
            var row = new javafx.scene.control.TableRow<Workspace.Run>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.open(row.getItem(), openExperiment);
                }
            });
            return row;
        });
        VBox top = new VBox(bar, table);
        VBox.setVgrow(table, Priority.ALWAYS);

        NumberAxis x = new NumberAxis();
        x.setLabel("epoch");
        NumberAxis y = new NumberAxis();
        y.setLabel("validation loss");
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("runs-chart");
        chart.setTitle("Validation loss of the selected runs (select several to compare)");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        vm.curves().addListener((ListChangeListener<java.util.Map.Entry<String, List<dev.layerlab.training.EpochRecord>>>) c -> {
            chart.getData().clear();
            for (var e : vm.curves()) {
                XYChart.Series<Number, Number> s = new XYChart.Series<>();
                s.setName(e.getKey());
                for (var r : e.getValue()) {
                    double v = Double.isNaN(r.valLoss()) ? r.trainLoss() : r.valLoss();
                    if (Double.isFinite(v)) {
                        s.getData().add(new XYChart.Data<>(r.epoch(), v));
                    }
                }
                chart.getData().add(s);
            }
        });
        Label none = new Label("Select one or more runs above to compare their validation loss.");
        none.getStyleClass().add("hint-label");
        none.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.curves()));
        chart.visibleProperty().bind(none.visibleProperty().not());
        root = new SplitPane(top, new javafx.scene.layout.StackPane(chart, none));
        root.setOrientation(javafx.geometry.Orientation.VERTICAL);
        root.setDividerPositions(0.5);
    }

    private static String words(String s) {
        return s == null ? "" : s.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    public Node root() {
        return root;
    }

    private static TableColumn<Workspace.Run, String> text(String title, Function<RunSummary, String> f, double width) {
        TableColumn<Workspace.Run, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue().summary())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<Workspace.Run, Double> number(String title, Function<RunSummary, Double> f, double width) {
        TableColumn<Workspace.Run, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue().summary())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Formats.num(v));
            }
        });
        c.setPrefWidth(width);
        return c;
    }
}
