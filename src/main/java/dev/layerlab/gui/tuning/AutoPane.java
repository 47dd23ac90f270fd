package dev.layerlab.gui.tuning;

import atlantafx.base.theme.Styles;
import dev.layerlab.gui.common.Controls;
import dev.layerlab.gui.common.Formats;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Tuning screen's "Auto (time budget)" mode: the budget and parallel settings, start and stop, the progress
 * (networks tried, best so far, time left), the leaderboard with the final model's members marked, and at the end
 * the baselines beside the final model's test figure. Only shows {@link AutoViewModel}; it starts nothing itself.
 */
public final class AutoPane extends BorderPane {
    private final AutoViewModel vm;

    public AutoPane(AutoViewModel vm) {
        this.vm = vm;
        setId("auto-pane");
        setPadding(new Insets(0, 0, 0, 0));
        setTop(settings());
        setCenter(body());
    }

    private Node settings() {
        ChoiceBox<Duration> budget = new ChoiceBox<>();
        budget.getItems().setAll(AutoViewModel.BUDGETS);
        if (!budget.getItems().contains(vm.budgetProperty().get())) {
            budget.getItems().add(vm.budgetProperty().get());
        }
        budget.setConverter(new StringConverter<>() {
            @Override
            public String toString(Duration d) {
                return d == null ? "" : AutoViewModel.label(d);
            }

            @Override
            public Duration fromString(String s) {
                return null;
            }
        });
        budget.valueProperty().bindBidirectional(vm.budgetProperty());
        budget.setId("auto-budget");
        budget.setTooltip(Controls.tooltip("Wall-clock time for everything: preparing the data, the baselines, the search"
                + " and the final model. About 45 % searches configurations, the rest trains more seeds of the best."));
        budget.disableProperty().bind(vm.runningProperty());
        Spinner<Integer> parallel = new Spinner<>(1, 64, vm.parallelProperty().get());
        parallel.setPrefWidth(80);
        parallel.setEditable(true);
        parallel.valueProperty().addListener((o, a, b) -> vm.parallelProperty().set(b));
        parallel.setId("auto-parallel");
        parallel.setTooltip(Controls.tooltip("Networks trained at once; the number of cores is usual."));
        parallel.disableProperty().bind(vm.runningProperty());
        Button start = Controls.button("Start auto", "mdi2p-play", "Search the best network for the loaded data and target"
                + " within the budget; the result is saved as a run", vm::start);
        start.setId("auto-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.disableProperty().bind(vm.runningProperty());
        Button stop = Controls.button("Stop", "mdi2s-stop", "Stop now and keep what finished: running networks stop at"
                + " their best epoch, and the final model is built from the networks trained so far", vm::stop);
        stop.setId("auto-stop");
        stop.disableProperty().bind(vm.runningProperty().not().or(vm.stoppingProperty()));
        FlowPane bar = new FlowPane(8, 6, labelled("Time budget", budget), labelled("Parallel", parallel), start, stop);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 0, 6, 0));

        ProgressBar progress = new ProgressBar();
        progress.setId("auto-progress");
        progress.setPrefWidth(260);
        progress.progressProperty().bind(vm.progressProperty());
        Label tried = new Label();
        tried.setId("auto-tried");
        tried.setMinWidth(Region.USE_PREF_SIZE);
        tried.textProperty().bind(Bindings.createStringBinding(() -> vm.triedProperty().get() + " network"
                + (vm.triedProperty().get() == 1 ? "" : "s") + " tried", vm.triedProperty()));
        Label best = new Label();
        best.setId("auto-best");
        best.setMinWidth(Region.USE_PREF_SIZE);
        best.textProperty().bind(vm.bestProperty());
        Label left = new Label();
        left.setId("auto-time-left");
        left.setMinWidth(Region.USE_PREF_SIZE);
        left.textProperty().bind(vm.timeLeftProperty());
        HBox line = new HBox(14, progress, tried, best, left);
        line.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("auto-message");
        message.setWrapText(true);
        message.getStyleClass().add("hint-label");
        message.textProperty().bind(vm.messageProperty());
        VBox top = new VBox(6, bar, line, message);
        top.setPadding(new Insets(0, 0, 6, 0));
        return top;
    }

    private Node body() {
        TableView<AutoRow> table = new TableView<>();
        javafx.collections.transformation.SortedList<AutoRow> sorted = new javafx.collections.transformation.SortedList<>(vm.leaderboard());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setId("auto-leaderboard");
        TableColumn<AutoRow, Number> number = new TableColumn<>("Network");
        number.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().number()));
        TableColumn<AutoRow, String> stage = new TableColumn<>("Stage");
        stage.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().stage()));
        TableColumn<AutoRow, String> config = new TableColumn<>("Configuration");
        config.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().configuration()));
        config.setPrefWidth(420);
        TableColumn<AutoRow, Double> score = new TableColumn<>("Validation score");
        score.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().score()));
        score.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : Double.isNaN(item) ? "–" : Formats.compact(item));
            }
        });
        score.setComparator((a, b) -> Double.compare(a.isNaN() ? Double.MAX_VALUE : a, b.isNaN() ? Double.MAX_VALUE : b));
        TableColumn<AutoRow, Number> epochs = new TableColumn<>("Epochs");
        epochs.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().epochs()));
        TableColumn<AutoRow, String> seconds = new TableColumn<>("Seconds");
        seconds.setCellValueFactory(c -> new SimpleStringProperty(String.format(Locale.ROOT, "%.0f", c.getValue().seconds())));
        TableColumn<AutoRow, Boolean> member = new TableColumn<>("In final model");
        member.setCellValueFactory(c -> c.getValue().inFinalModelProperty());
        member.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Boolean item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null || !item ? null : "✓");
            }
        });
        TableColumn<AutoRow, String> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().status()));
        table.getColumns().setAll(List.of(number, stage, config, score, epochs, seconds, member, status));
        number.setPrefWidth(75);
        stage.setPrefWidth(80);
        score.setPrefWidth(120);
        epochs.setPrefWidth(65);
        seconds.setPrefWidth(70);
        member.setPrefWidth(110);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(vm.runningProperty())
                .then("Preparing the data, fitting the baselines and training the first networks ...")
                .otherwise("No networks yet: set the budget and press Start auto."));
        table.setPlaceholder(placeholder);
        // the leaderboard sorts by the validation score once there is something to sort
        score.setSortType(TableColumn.SortType.ASCENDING);
        table.getSortOrder().setAll(List.of(score));

        Label comparison = new Label();
        comparison.setId("auto-comparison");
        comparison.getStyleClass().add("metric-value");
        comparison.setWrapText(true);
        comparison.textProperty().bind(vm.comparisonProperty());
        Label finalModel = new Label();
        finalModel.setId("auto-final-model");
        finalModel.setWrapText(true);
        finalModel.textProperty().bind(vm.finalModelProperty());
        VBox result = new VBox(4, comparison, finalModel);
        result.visibleProperty().bind(vm.comparisonProperty().isNotEmpty().or(vm.finalModelProperty().isNotEmpty()));
        result.managedProperty().bind(result.visibleProperty());
        result.setPadding(new Insets(4, 0, 6, 0));

        ListView<String> log = new ListView<>(vm.log());
        log.setId("auto-log");
        log.getStyleClass().addAll("summary-text", Styles.DENSE);
        log.setPlaceholder(new Label("What auto does, step by step, appears here."));
        vm.log().addListener((ListChangeListener<String>) c -> {
            if (!vm.log().isEmpty()) {
                log.scrollTo(vm.log().size() - 1);
            }
        });
        VBox board = new VBox(4, result, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        SplitPane split = new SplitPane(board, log);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.72);
        return split;
    }

    private static Node labelled(String text, Node control) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(4, l, control);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
