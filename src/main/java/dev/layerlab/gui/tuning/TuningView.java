package dev.layerlab.gui.tuning;

import dev.layerlab.experiment.SearchSpace;
import dev.layerlab.tuning.StrategyKind;
import dev.layerlab.tuning.TrialRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The Tuning screen: search-space editor, study settings, start/stop, a live leaderboard and charts
 * (best so far, validation curves, parallel coordinates, parameter importance). Progress is drained from
 * the view model 20 times a second, never per event.
 */
public final class TuningView extends BorderPane {
    private final TuningViewModel vm;
    private final Timeline pump;
    private final LineChart<Number, Number> bestChart = bestSoFarChart();
    private final LineChart<Number, Number> curvesChart = lineChart("epoch", "validation");
    private final BarChart<String, Number> importanceChart = new BarChart<>(new CategoryAxis(), new NumberAxis(0, 1, 0.25));
    private final ParallelCoordinates parallel = new ParallelCoordinates();
    /** Shown instead of a chart's empty axes until there is something to draw. */
    private final Label bestEmpty = placeholder("The best value so far is drawn here as trials finish.");
    private final Label curvesEmpty = placeholder("Each trial's validation curve is drawn here, epoch by epoch (pruned trials dashed).");
    private final Label parallelEmpty = placeholder("Parameters against the metric, one line per finished trial, once two trials have finished.");
    private final Label importanceEmpty = placeholder("How strongly each varied parameter is related to the metric, once a few trials have finished.");
    private final TableView<TrialRow> table = new TableView<>();
    private final TextField filter = new TextField();
    private long lastChartRedraw;
    private int drawnRevision = -1;
    /** Where "Start" puts the study; null = nothing on disk. The lead wires this to the workspace. */
    private Supplier<Path> outDirSupplier = () -> null;
    /** The search-space editor (rebuilt when the parameters change); hidden in auto mode. */
    private Node leftPane;

    public TuningView(TuningViewModel vm) {
        this(vm, null);
    }

    /**
     * @param auto the "Auto (time budget)" mode, or null for a screen with studies only
     */
    public TuningView(TuningViewModel vm, AutoViewModel auto) {
        this.vm = vm;
        getStyleClass().add("tuning-view");
        setPadding(new Insets(6));
        Node studyBar = settingsBar();
        Node space = spaceEditor();
        leftPane = space;
        Node board = centre();
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.setId("tuning-status");
        if (auto == null) {
            setTop(studyBar);
            setLeft(space);
            setCenter(board);
            setBottom(status);
        } else {
            AutoPane autoPane = new AutoPane(auto);
            javafx.scene.control.ToggleGroup modes = new javafx.scene.control.ToggleGroup();
            javafx.scene.control.ToggleButton study = new javafx.scene.control.ToggleButton("Study (trials)");
            study.setId("tuning-mode-study");
            study.setTooltip(dev.layerlab.gui.common.Controls.tooltip("Choose what to search and how many trials: random,"
                    + " grid, Hyperband or Bayesian search over the experiment's settings."));
            javafx.scene.control.ToggleButton autoMode = new javafx.scene.control.ToggleButton("Auto (time budget)");
            autoMode.setId("tuning-mode-auto");
            autoMode.setTooltip(dev.layerlab.gui.common.Controls.tooltip("Give a time budget: auto searches networks for the"
                    + " loaded data and target, averages the best into one model and compares it with baselines."));
            study.setToggleGroup(modes);
            autoMode.setToggleGroup(modes);
            study.getStyleClass().add(atlantafx.base.theme.Styles.LEFT_PILL);
            autoMode.getStyleClass().add(atlantafx.base.theme.Styles.RIGHT_PILL);
            HBox modeBar = new HBox(0, study, autoMode);
            modeBar.setPadding(new Insets(0, 0, 6, 0));
            VBox top = new VBox(modeBar, studyBar);
            setTop(top);
            modes.selectedToggleProperty().addListener((o, a, b) -> {
                if (b == null) {
                    a.setSelected(true); // one mode is always chosen
                    return;
                }
                boolean autoShown = b == autoMode;
                top.getChildren().setAll(autoShown ? List.of(modeBar) : List.of(modeBar, studyBar));
                setLeft(autoShown ? null : leftPane);
                setCenter(autoShown ? autoPane : board);
                setBottom(autoShown ? null : status);
            });
            setLeft(space);
            setCenter(board);
            setBottom(status);
            study.setSelected(true);
        }
        vm.parameters().addListener((javafx.collections.ListChangeListener<ParamRow>) c -> {
            Node rebuilt = spaceEditor();
            if (getLeft() == leftPane) {
                setLeft(rebuilt);
            }
            leftPane = rebuilt;
        });
        pump = new Timeline(new KeyFrame(Duration.millis(50), e -> tick()));
        pump.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((o, a, b) -> {
            if (b != null) {
                pump.play();
            } else {
                pump.stop();
            }
        });
    }

    public TuningViewModel viewModel() {
        return vm;
    }

    public void setOutDirSupplier(Supplier<Path> supplier) {
        this.outDirSupplier = supplier;
    }

    /** Drains queued progress and redraws charts (at most ~4 times a second). */
    void tick() {
        vm.drain();
        long now = System.nanoTime();
        if (vm.revisionProperty().get() != drawnRevision && now - lastChartRedraw > 250_000_000L) {
            drawnRevision = vm.revisionProperty().get();
            lastChartRedraw = now;
            redrawCharts();
        }
    }

    static final String ON_THIS_MACHINE = "this machine";
    static final String ON_SPARK = "Spark (master URL)";

    private Node settingsBar() {
        ChoiceBox<StrategyKind> strategy = new ChoiceBox<>();
        strategy.getItems().setAll(StrategyKind.values());
        strategy.valueProperty().bindBidirectional(vm.strategyProperty());
        strategy.setId("tuning-strategy");
        Spinner<Integer> trials = spinner(1, 10_000, vm.trialsProperty().get());
        trials.valueProperty().addListener((o, a, b) -> vm.trialsProperty().set(b));
        Spinner<Integer> parallelSpinner = spinner(1, 64, vm.parallelProperty().get());
        parallelSpinner.valueProperty().addListener((o, a, b) -> vm.parallelProperty().set(b));
        Spinner<Integer> folds = spinner(0, 20, vm.foldsProperty().get());
        folds.valueProperty().addListener((o, a, b) -> vm.foldsProperty().set(b));
        folds.setTooltip(new Tooltip("0 = score each trial on the validation split (hold-out); 2 or more = k-fold"
                + " cross-validation on train + validation, as RandomizedSearchCV does (3 is usual)"));
        Spinner<Integer> epochs = spinner(0, 10_000, vm.maxEpochsProperty().get());
        epochs.valueProperty().addListener((o, a, b) -> vm.maxEpochsProperty().set(b));
        epochs.setTooltip(new Tooltip("Cap on each trial's epochs (0 = the experiment's own). Early stopping and pruning"
                + " can end a trial sooner."));
        Spinner<Integer> grid = spinner(1, 50, vm.gridPointsProperty().get());
        grid.valueProperty().addListener((o, a, b) -> vm.gridPointsProperty().set(b));
        ChoiceBox<String> runOn = new ChoiceBox<>();
        runOn.getItems().setAll(ON_THIS_MACHINE, ON_SPARK);
        runOn.setValue(vm.runOnSparkProperty().get() ? ON_SPARK : ON_THIS_MACHINE);
        runOn.valueProperty().addListener((o, a, b) -> vm.runOnSparkProperty().set(ON_SPARK.equals(b)));
        runOn.setId("tuning-run-on");
        runOn.setTooltip(new Tooltip("This machine: trials on this computer's cores. Spark: each trial is an Apache Spark"
                + " task; local[N] runs Spark inside LayerLab, spark://host:7077 a cluster. No pruning on Spark."));
        TextField master = field(vm.sparkMasterProperty(), "local[2] or spark://host:7077", 14);
        master.setId("tuning-spark-master");
        master.disableProperty().bind(vm.runOnSparkProperty().not());
        parallelSpinner.disableProperty().bind(vm.runOnSparkProperty());
        TextField metric = new TextField();
        metric.setPromptText("val_rmse / val_accuracy");
        metric.setPrefColumnCount(13);
        metric.setTooltip(new Tooltip("What the study optimizes; empty = the task's usual validation metric"
                + " (val_rmse for regression, val_accuracy for classification)."));
        strategy.setTooltip(new Tooltip("RANDOM samples the ranges; GRID tries every combination; HYPERBAND starts many"
                + " trials and promotes the promising ones to more epochs; BAYES (TPE) samples where good trials were."));
        trials.setTooltip(new Tooltip("The budget: how many parameter sets to try."));
        parallelSpinner.setTooltip(new Tooltip("Trials trained at once; each gets its share of the cores."));
        grid.setTooltip(new Tooltip("For GRID: how many points a continuous range is cut into."));
        metric.textProperty().bindBidirectional(vm.metricProperty());
        Button start = new Button("Start");
        start.setId("tuning-start");
        start.setDefaultButton(true);
        start.disableProperty().bind(vm.runningProperty());
        start.setOnAction(e -> {
            try {
                vm.start(outDirSupplier.get());
            } catch (RuntimeException ex) {
                vm.statusProperty().set(ex.getMessage());
            }
        });
        Button stop = new Button("Stop");
        stop.setId("tuning-stop");
        stop.disableProperty().bind(vm.runningProperty().not());
        stop.setOnAction(e -> vm.stop());
        Button save = new Button("Save best model");
        save.setId("tuning-save-best");
        save.disableProperty().bind(vm.runningProperty().or(vm.bestProperty().isNull()));
        save.setOnAction(e -> vm.saveBestInBackground(outDirSupplier.get()));
        Label budget = new Label();
        budget.setId("tuning-budget");
        budget.textProperty().bind(vm.budgetProperty());
        FlowPane bar = new FlowPane(8, 6, labelled("Strategy", strategy), labelled("Trials", trials),
                labelled("Parallel", parallelSpinner), labelled("CV folds", folds), labelled("Max epochs", epochs),
                labelled("Grid points", grid), labelled("Metric", metric), labelled("Run on", new HBox(4, runOn, master)),
                start, stop, save, budget);
        bar.setPadding(new Insets(0, 0, 6, 0));
        return bar;
    }

    private Node spaceEditor() {
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        grid.setPadding(new Insets(4));
        int y = 0;
        grid.addRow(y++, header("Parameter"), header("Search"), header("Values"), header("Points"));
        for (ParamRow row : vm.parameters()) {
            Label name = new Label(displayName(row.name()));
            name.setMinWidth(Region.USE_PREF_SIZE);
            name.setTooltip(new Tooltip(row.name() + " in the experiment file"));
            ChoiceBox<ParamRow.Mode> mode = new ChoiceBox<>();
            mode.getItems().setAll(ParamRow.Mode.values());
            mode.valueProperty().bindBidirectional(row.modeProperty());
            TextField fixed = field(row.fixedProperty(), "experiment's value", 11);
            TextField choices = field(row.choicesProperty(), "a, b, c", 10);
            TextField low = field(row.lowProperty(), "low", 8);
            TextField high = field(row.highProperty(), "high", 7);
            CheckBox log = new CheckBox(row.integerProperty().get() ? "2^k" : "log");
            log.setMinWidth(Region.USE_PREF_SIZE);
            log.setTooltip(new Tooltip(row.integerProperty().get() ? "Only powers of two (16, 32, 64, ...)"
                    : "Sample on a log scale: as many tries between 0.0001 and 0.001 as between 0.001 and 0.01"));
            if (row.integerProperty().get()) {
                log.selectedProperty().bindBidirectional(row.powerOfTwoProperty());
            } else {
                log.selectedProperty().bindBidirectional(row.logProperty());
            }
            HBox range = new HBox(4, low, high, log);
            HBox values = new HBox(4, fixed, choices, range);
            show(fixed, Bindings.equal(row.modeProperty(), ParamRow.Mode.FIX));
            show(choices, Bindings.equal(row.modeProperty(), ParamRow.Mode.CHOICES));
            show(range, Bindings.equal(row.modeProperty(), ParamRow.Mode.RANGE));
            Label points = new Label();
            points.setMinWidth(Region.USE_PREF_SIZE);
            points.textProperty().bind(Bindings.when(row.errorProperty().isEmpty())
                    .then(row.pointsProperty()).otherwise(row.errorProperty()));
            points.styleProperty().bind(Bindings.when(row.errorProperty().isEmpty())
                    .then("").otherwise("-fx-text-fill: #c62828;"));
            grid.addRow(y++, name, mode, values, points);
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setPrefWidth(590);
        return scroll;
    }

    private Node centre() {
        filter.setPromptText("Filter trials (e.g. complete, pruned, units[0]=64)");
        filter.setId("tuning-filter");
        FilteredList<TrialRow> filtered = new FilteredList<>(vm.leaderboard(), r -> true);
        filter.textProperty().addListener((o, a, b) -> filtered.setPredicate(r -> matches(r, b)));
        SortedList<TrialRow> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setId("tuning-leaderboard");
        TableColumn<TrialRow, Number> number = new TableColumn<>("Trial");
        number.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().number()));
        TableColumn<TrialRow, String> params = new TableColumn<>("Parameters");
        params.setCellValueFactory(c -> c.getValue().paramsProperty());
        params.setPrefWidth(360);
        TableColumn<TrialRow, Double> value = new TableColumn<>("Metric");
        value.setCellValueFactory(c -> c.getValue().valueProperty());
        value.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : String.format(Locale.ROOT, "%.5g", item));
            }
        });
        TableColumn<TrialRow, Number> epochs = new TableColumn<>("Epochs");
        epochs.setCellValueFactory(c -> c.getValue().epochsProperty());
        TableColumn<TrialRow, String> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> c.getValue().statusProperty());
        TableColumn<TrialRow, Double> seconds = new TableColumn<>("Seconds");
        seconds.setCellValueFactory(c -> c.getValue().secondsProperty());
        seconds.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : String.format(Locale.ROOT, "%.1f", item));
            }
        });
        table.getColumns().setAll(List.of(number, params, value, epochs, status, seconds));
        number.setPrefWidth(60);
        value.setPrefWidth(100);
        epochs.setPrefWidth(70);
        status.setPrefWidth(90);
        seconds.setPrefWidth(80);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No trials yet: choose what to search on the left, then press Start."));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(TrialRow item, boolean empty) {
                super.updateItem(item, empty);
                styleProperty().unbind();
                if (empty || item == null) {
                    setStyle("");
                } else {
                    styleProperty().bind(Bindings.when(item.bestProperty()).then("-fx-background-color: #ffe082; -fx-font-weight: bold;")
                            .otherwise(Bindings.when(item.statusProperty().isEqualTo("pruned")).then("-fx-opacity: 0.6;").otherwise("")));
                }
            }
        });
        VBox board = new VBox(4, filter, table);
        VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);

        importanceChart.setLegendVisible(false);
        importanceChart.setAnimated(false);
        importanceChart.setTitle("|rank correlation| with the metric");
        TabPane charts = new TabPane(new Tab("Best so far", new StackPane(bestChart, bestEmpty)),
                new Tab("Curves", new StackPane(curvesChart, curvesEmpty)),
                new Tab("Parallel coordinates", new StackPane(parallel, parallelEmpty)),
                new Tab("Importance", new StackPane(importanceChart, importanceEmpty)));
        showEmpty(bestChart, bestEmpty, true);
        showEmpty(curvesChart, curvesEmpty, true);
        showEmpty(parallel, parallelEmpty, true);
        showEmpty(importanceChart, importanceEmpty, true);
        charts.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(board, charts);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        return split;
    }

    static boolean matches(TrialRow r, String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        return r.statusProperty().get().contains(t) || r.paramsProperty().get().toLowerCase(Locale.ROOT).contains(t)
                || Integer.toString(r.number()).equals(t);
    }

    void redrawCharts() {
        XYChart.Series<Number, Number> best = new XYChart.Series<>();
        best.setName(vm.objective().metric());
        for (double[] p : vm.bestSoFar()) {
            best.getData().add(new XYChart.Data<>(p[0], p[1]));
        }
        bestChart.getData().setAll(List.of(best));
        showEmpty(bestChart, bestEmpty, best.getData().isEmpty());

        List<XYChart.Series<Number, Number>> curves = new java.util.ArrayList<>();
        for (Map.Entry<Integer, List<Double>> e : vm.curves().entrySet()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            boolean pruned = vm.pruned(e.getKey());
            s.setName("#" + e.getKey() + (pruned ? " (pruned)" : ""));
            List<Double> c = e.getValue();
            for (int i = 0; i < c.size(); i++) {
                if (Double.isFinite(c.get(i))) {
                    s.getData().add(new XYChart.Data<>(i + 1, c.get(i)));
                }
            }
            curves.add(s);
        }
        curvesChart.getData().setAll(curves);
        for (XYChart.Series<Number, Number> s : curves) {
            if (s.getName().endsWith("(pruned)") && s.getNode() != null) {
                s.getNode().setStyle("-fx-stroke-dash-array: 4 4; -fx-opacity: 0.45;");
            }
        }
        curvesChart.setLegendVisible(curves.size() <= 12);
        showEmpty(curvesChart, curvesEmpty, curves.isEmpty());

        List<TrialRecord> finished = vm.finishedTrials();
        parallel.setData(finished, vm.varyingParameters(), vm.objective());
        showEmpty(parallel, parallelEmpty, finished.size() < 2);

        XYChart.Series<String, Number> imp = new XYChart.Series<>();
        vm.importance().forEach((k, v) -> imp.getData().add(new XYChart.Data<>(k.substring(k.indexOf('.') + 1), v)));
        importanceChart.getData().setAll(List.of(imp));
        showEmpty(importanceChart, importanceEmpty, imp.getData().isEmpty());
    }

    private static Label placeholder(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(420);
        l.getStyleClass().add("text-muted");
        return l;
    }

    private static void showEmpty(Node chart, Label placeholder, boolean empty) {
        chart.setVisible(!empty);
        placeholder.setVisible(empty);
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }

    /** "learning rate" for "training.learningRate", "units per layer" for "network.units", ... */
    static String displayName(String key) {
        return switch (key) {
            case SearchSpace.LEARNING_RATE -> "learning rate";
            case SearchSpace.BATCH_SIZE -> "batch size";
            case SearchSpace.OPTIMIZER -> "optimizer";
            case SearchSpace.EPOCHS -> "epochs";
            case SearchSpace.HIDDEN_LAYERS -> "hidden layers";
            case SearchSpace.UNITS -> "units per layer";
            case SearchSpace.DROPOUT -> "dropout rate";
            case SearchSpace.L1 -> "L1";
            case SearchSpace.L2 -> "L2";
            case SearchSpace.ACTIVATION -> "activation";
            default -> key.substring(key.indexOf('.') + 1);
        };
    }

    /** A step per improvement, with a marker on each trial (one finished trial is a point, not an empty chart). */
    private static LineChart<Number, Number> bestSoFarChart() {
        LineChart<Number, Number> chart = lineChart("trials finished", "best so far");
        chart.setCreateSymbols(true);
        chart.setId("tuning-best-chart");
        NumberAxis x = (NumberAxis) chart.getXAxis();
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                return v == Math.rint(v) ? Long.toString((long) v) : ""; // trials are counted, not measured
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s);
            }
        });
        return chart;
    }

    private static LineChart<Number, Number> lineChart(String x, String y) {
        NumberAxis xAxis = new NumberAxis();
        xAxis.setLabel(x);
        NumberAxis yAxis = new NumberAxis();
        yAxis.setLabel(y);
        yAxis.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        return chart;
    }

    private static Spinner<Integer> spinner(int min, int max, int value) {
        Spinner<Integer> s = new Spinner<>(min, max, value);
        s.setEditable(true);
        s.setPrefWidth(80);
        return s;
    }

    private static Node labelled(String text, Node control) {
        HBox box = new HBox(4, new Label(text), control);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }

    private static TextField field(javafx.beans.property.StringProperty property, String prompt, int columns) {
        TextField f = new TextField();
        f.setPromptText(prompt);
        f.setPrefColumnCount(columns);
        f.textProperty().bindBidirectional(property);
        return f;
    }

    private static void show(Node node, javafx.beans.binding.BooleanBinding when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(when);
    }
}
