package dev.layerlab.gui.runs;

import dev.layerlab.gui.common.Controls;
import dev.layerlab.runs.RunSummary;
import dev.layerlab.runs.Workspace;
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
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
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
        this(vm, openExperiment, exportRun, exportRun, () -> null);
    }

    /**
     * @param serveRun shows the run's model in the export screen's Serve panel
     * @param window   the owner of the fine-tune dialog
     */
    public RunsView(RunsViewModel vm, Consumer<Path> openExperiment, Consumer<Workspace.Run> exportRun,
                    Consumer<Workspace.Run> serveRun, java.util.function.Supplier<javafx.stage.Window> window) {
        this(vm, openExperiment, exportRun, serveRun, window, run -> { });
    }

    /** @param explainRun explains the run's model (the Explain window) */
    public RunsView(RunsViewModel vm, Consumer<Path> openExperiment, Consumer<Workspace.Run> exportRun,
                    Consumer<Workspace.Run> serveRun, java.util.function.Supplier<javafx.stage.Window> window,
                    Consumer<Workspace.Run> explainRun) {
        this.vm = vm;
        TextField filter = new TextField();
        filter.setPromptText("Filter by name, experiment, status…");
        filter.setPrefColumnCount(24);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        Button refresh = Controls.button("Refresh", "mdi2r-refresh", "Read the workspace again", vm::refresh);
        Button open = Controls.button("Open", "mdi2f-folder-open-outline", "Load this run's data, network and settings into the workbench",
                () -> vm.open(table.getSelectionModel().getSelectedItem(), openExperiment));
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Button export = Controls.button("Export…", "mdi2p-package-variant-closed", "Go to the Export screen with this run's model",
                () -> exportRun.accept(table.getSelectionModel().getSelectedItem()));
        Button resume = Controls.button("Resume", "mdi2p-play-circle-outline",
                "Continue this run from its last checkpoint (a run stopped with Stop, or whose window or process closed "
                        + "before it finished); it goes on in the Training screen where it left off", vm::resumeSelected);
        resume.setId("runs-resume");
        resume.disableProperty().bind(vm.canResumeProperty().not());
        Button fineTune = Controls.button("Fine-tune…", "mdi2t-tune-variant",
                "Train this run's model further on new rows (a new run that remembers where it came from)",
                () -> vm.prepareFineTune(fvm -> showFineTune(fvm, window.get())));
        fineTune.setId("runs-fine-tune");
        fineTune.disableProperty().bind(vm.canFineTuneProperty().not());
        Button serve = Controls.button("Serve…", "mdi2s-server-network",
                "Serve this run's model over HTTP (the Serve panel of the Export screen)",
                () -> serveRun.accept(table.getSelectionModel().getSelectedItem()));
        serve.setId("runs-serve");
        serve.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.selectedProperty().get() == null || !vm.selectedProperty().get().hasModel(), vm.selectedProperty()));
        export.disableProperty().bind(serve.disableProperty());
        Button delete = Controls.button("Delete", "mdi2d-delete-outline", "Delete the selected runs from the workspace (their folders)",
                () -> vm.delete(List.copyOf(table.getSelectionModel().getSelectedItems())));
        delete.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Button explain = Controls.button("Explain…", "mdi2c-chart-bar",
                "Which columns this run's model relies on: permutation importance and partial dependence on its held-out rows",
                () -> explainRun.accept(table.getSelectionModel().getSelectedItem()));
        explain.setId("runs-explain");
        explain.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.selectedProperty().get() == null || !vm.selectedProperty().get().hasModel(), vm.selectedProperty()));
        HBox bar = new HBox(8, filter, refresh, open, resume, fineTune, export, serve, explain, delete);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        HBox.setHgrow(filter, Priority.SOMETIMES);
        filter.setMinWidth(120);

        table.setId("runs-table");
        SortedList<Workspace.Run> sorted = new SortedList<>(vm.filtered());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No runs yet: every training run is kept here with its metrics, history and model."));
        table.getColumns().add(text("Run", RunSummary::name, 310));
        table.getColumns().add(text("Experiment", RunSummary::experimentName, 170));
        table.getColumns().add(text("Task", s -> words(s.task()), 95));
        table.getColumns().add(text("Status", s -> words(s.status()), 105));
        table.getColumns().add(number("Epochs", s -> (double) s.epochs(), 80));
        table.getColumns().add(number("Best", s -> (double) s.keptEpoch(), 65));
        table.getColumns().add(number("Params", s -> s.parameters() > 0 ? (double) s.parameters() : Double.NaN, 85));
        table.getColumns().add(text("Metric", RunSummary::headline, 82));
        table.getColumns().add(number("Validation", s -> s.metric("validation", s.headline()), 100));
        table.getColumns().add(number("Test", s -> s.metric("test", s.headline()), 100));
        table.getColumns().add(number("Seconds", RunSummary::seconds, 85));
        table.getColumns().add(text("Started", s -> s.startedAt() == null ? "" : s.startedAt().replace('T', ' ').replaceFirst("\\.\\d+Z?$", ""), 170));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        vm.runs().addListener((ListChangeListener<Workspace.Run>) c -> javafx.application.Platform.runLater(this::reselect));
        if (!vm.runs().isEmpty()) {
            javafx.application.Platform.runLater(this::reselect); // built when the tab is first shown: the listing is in
        }
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<Workspace.Run>) c -> {
            vm.selection().setAll(table.getSelectionModel().getSelectedItems());
            if (!table.getSelectionModel().getSelectedItems().isEmpty()) {
                lastSelection = table.getSelectionModel().getSelectedItems().stream().map(Workspace.Run::dir).toList();
            }
        });
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
        x.setForceZeroInRange(false);
        dev.layerlab.gui.common.LiveChart.wholeNumbers(x);
        NumberAxis y = new NumberAxis();
        y.setLabel("validation loss");
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("runs-chart");
        chart.setTitle("Validation loss of the selected runs (select several to compare)");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        vm.overlay().addListener((ListChangeListener<RunsViewModel.Curve>) c -> {
            chart.getData().clear();
            for (RunsViewModel.Curve curve : vm.overlay()) {
                XYChart.Series<Number, Number> s = new XYChart.Series<>();
                s.setName(curve.name());
                for (double[] p : curve.points()) {
                    s.getData().add(new XYChart.Data<>(p[0], p[1]));
                }
                chart.getData().add(s);
                if (curve.perOutput()) {
                    s.nodeProperty().addListener((o, a, n) -> dashed(n));
                    dashed(s.getNode());
                }
            }
        });
        Label none = new Label("Select one or more runs above to compare their validation loss.");
        none.getStyleClass().add("hint-label");
        none.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.curves()));
        chart.visibleProperty().bind(none.visibleProperty().not());
        CheckBox perOutput = new CheckBox("Per-output losses");
        perOutput.setId("runs-per-output");
        perOutput.selectedProperty().bindBidirectional(vm.perOutputProperty());
        perOutput.setTooltip(Controls.tooltip("For networks with several outputs (wide & deep with an auxiliary output): "
                + "also draw each output's own validation loss, dashed."));
        StackPane chartPane = new StackPane(chart, none);
        StackPane.setAlignment(perOutput, Pos.TOP_RIGHT);
        StackPane.setMargin(perOutput, new Insets(6, 10, 0, 0));
        chartPane.getChildren().add(perOutput);
        SplitPane bottom = new SplitPane(chartPane, details());
        bottom.setDividerPositions(0.66);
        root = new SplitPane(top, bottom);
        root.setOrientation(javafx.geometry.Orientation.VERTICAL);
        root.setDividerPositions(0.5);
    }

    /** The selected run's facts and lineage. */
    private Node details() {
        Label title = new Label("Run details");
        title.getStyleClass().add("section-title");
        Label lineage = new Label();
        lineage.setId("run-lineage");
        lineage.setWrapText(true);
        lineage.setGraphic(dev.layerlab.gui.common.Icons.glyph("mdi2s-source-branch"));
        lineage.textProperty().bind(vm.lineageProperty());
        lineage.managedProperty().bind(vm.lineageProperty().isNotEmpty());
        lineage.visibleProperty().bind(lineage.managedProperty());
        lineage.setStyle("-fx-font-weight: bold;");
        Label text = new Label();
        text.setId("run-details");
        text.setWrapText(true);
        text.textProperty().bind(javafx.beans.binding.Bindings.when(vm.detailsProperty().isEmpty())
                .then("Select one run to see its details; with several selected, the chart compares them.").otherwise(vm.detailsProperty()));
        VBox box = new VBox(8, title, lineage, text);
        box.setPadding(new Insets(10));
        box.setMinWidth(220);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static void dashed(Node n) {
        if (n != null) {
            n.setStyle("-fx-stroke-dash-array: 6 4; -fx-stroke-width: 1.5px; -fx-opacity: 0.75;");
        }
    }

    private void showFineTune(FineTuneViewModel fvm, javafx.stage.Window owner) {
        FineTuneDialog d = new FineTuneDialog(fvm, owner);
        d.dialog().setOnHidden(e -> {
            FineTuneRequest request = d.dialog().getResult();
            if (request != null) {
                vm.fineTuneSelected(request);
            }
        });
        d.dialog().show();
    }

    /** Run folders seen in the last listing, and the folders selected last (a refresh keeps the selection). */
    private java.util.Set<Path> known;
    private List<Path> lastSelection = List.of();

    /**
     * After the list is read again: a run that just appeared (one just trained) is selected; otherwise the runs that
     * were selected stay selected (with their new state, e.g. after a resume); the newest run on the first listing.
     */
    private void reselect() {
        List<Workspace.Run> items = table.getItems();
        java.util.Set<Path> now = new java.util.HashSet<>();
        vm.runs().forEach(r -> now.add(r.dir()));
        Workspace.Run fresh = known == null ? null
                : vm.runs().stream().filter(r -> !known.contains(r.dir())).findFirst().orElse(null);
        boolean first = known == null;
        known = now;
        if (items.isEmpty()) {
            return;
        }
        if (fresh != null && items.indexOf(fresh) >= 0) {
            table.getSelectionModel().clearAndSelect(items.indexOf(fresh));
            return;
        }
        List<Integer> again = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (lastSelection.contains(items.get(i).dir())) {
                again.add(i);
            }
        }
        if (!again.isEmpty() && !first) {
            table.getSelectionModel().clearSelection();
            again.forEach(table.getSelectionModel()::select);
        } else if (table.getSelectionModel().getSelectedItems().size() <= 1) {
            table.getSelectionModel().clearAndSelect(0);
        }
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
