package dev.layerlab.gui.training;

import atlantafx.base.theme.Styles;
import dev.layerlab.gui.common.Controls;
import dev.layerlab.training.monitor.Decimator;
import dev.layerlab.gui.common.Formats;
import dev.layerlab.gui.common.LiveChart;
import dev.layerlab.gui.task.BackgroundTask;
import dev.layerlab.gui.task.TaskExecutor;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The training screen: controls, live charts, the epoch table, summary and log, and the results. */
public final class TrainingView {
    private final TrainingViewModel vm;
    private final TaskExecutor executor;
    private final Supplier<Window> window;
    private final BorderPane root = new BorderPane();
    private final LiveChart epochLoss = new LiveChart("Loss per epoch", "epoch", "loss", "train", "validation", "kept epoch");
    private final LiveChart iterLoss = new LiveChart("Loss per iteration", "epoch", "loss", "raw", "smoothed");
    private final LiveChart metric = new LiveChart("Metric per epoch", "epoch", "metric", "train", "validation");
    private final StackPane results = new StackPane();
    /** Per-output validation-loss curves on the loss chart, added on a graph's first epoch. */
    private final Map<String, XYChart.Series<Number, Number>> outputSeries = new LinkedHashMap<>();
    private long lastIterDraw;
    private final HealthView health = new HealthView();
    private final VBox warningBanner = new VBox(4);
    private Tab healthTab;
    private TabPane views;
    private long lastHealthDraw;

    public TrainingView(TrainingViewModel vm, TaskExecutor executor, Supplier<Window> window,
                        Runnable train) {
        this.vm = vm;
        this.executor = executor;
        this.window = window;
        epochLoss.wholeNumbersOnX();
        iterLoss.wholeNumbersOnX();
        metric.wholeNumbersOnX();
        epochLoss.chart().setId("chart-epoch-loss");
        epochLoss.excludeFromHover("kept epoch");
        iterLoss.chart().setId("chart-iteration-loss");
        metric.chart().setId("chart-metric");
        iterLoss.series("raw").nodeProperty().addListener((o, a, n) -> {
            if (n != null) {
                n.setStyle("-fx-opacity: 0.3;");
            }
        });
        for (LiveChart c : List.of(epochLoss, iterLoss, metric)) {
            c.logScaleProperty().bind(vm.logScaleProperty());
        }
        metric.setCaption(vm.metricNameProperty().get());
        root.setTop(controls(train));
        root.setCenter(body());
        vm.outputLossSeries().addListener((ListChangeListener<String>) c -> syncOutputSeries());
        vm.logScaleProperty().addListener((o, a, b) -> redrawOutputSeries());
        vm.epochs().addListener((ListChangeListener<EpochPoint>) c -> {
            redrawEpochs();
            // An epoch's end already redraws two charts and the table: the iteration chart waits its next turn,
            // so one frame does not have to render everything at once.
            lastIterDraw = System.nanoTime();
        });
        vm.iterationCountProperty().addListener((o, a, n) -> {
            long now = System.nanoTime();
            if (now - lastIterDraw > 200_000_000L || n.intValue() == 0) {
                lastIterDraw = now;
                redrawIterations();
            }
        });
        vm.smoothingProperty().addListener((o, a, b) -> redrawIterations());
        vm.metricNameProperty().addListener((o, a, n) -> {
            metric.setCaption(n);
        });
        vm.stateProperty().addListener((o, a, s) -> {
            if (s == TrainingViewModel.State.FINISHED || s == TrainingViewModel.State.FAILED) {
                redrawIterations();
            }
        });
        vm.outcomeProperty().addListener((o, a, out) -> showOutcome(out));
        // Health redraws at most twice a second, and only while its tab is showing.
        vm.healthVersionProperty().addListener((o, a, b) -> {
            long now = System.nanoTime();
            if (healthTab.isSelected() && (now - lastHealthDraw > 500_000_000L || vm.healthSamples().isEmpty())) {
                lastHealthDraw = now;
                health.show(vm.healthSamples(), vm.healthIterationsPerEpoch());
            }
        });
        healthTab.selectedProperty().addListener((o, a, selected) -> {
            if (selected) {
                health.show(vm.healthSamples(), vm.healthIterationsPerEpoch());
            }
        });
        vm.stateProperty().addListener((o, a, st) -> {
            if (st == TrainingViewModel.State.FINISHED || st == TrainingViewModel.State.FAILED) {
                health.show(vm.healthSamples(), vm.healthIterationsPerEpoch());
            }
        });
        vm.warnings().addListener((ListChangeListener<dev.layerlab.diagnostics.HealthWarning>) c -> showWarnings());
        // Built when its tab is first shown: draw what the view model already holds.
        syncOutputSeries();
        redrawEpochs();
        redrawIterations();
        showOutcome(vm.outcomeProperty().get());
    }

    public Node root() {
        return root;
    }

    /** Adds a view beside "Curves" and "Network health" (the Explain view). */
    public void addView(String title, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId("view-" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        views.getTabs().add(tab);
    }

    private Node controls(Runnable train) {
        Button start = Controls.button("Train", "mdi2p-play", "Train the network on the data as set up (F5)", train);
        start.setId("train-button");
        start.getStyleClass().add(Styles.ACCENT);
        start.disableProperty().bind(vm.runningProperty());
        Button pause = Controls.button("Pause", "mdi2p-pause", "Pause after the current batch; press again to resume (F6)", vm::togglePause);
        pause.setId("pause-button");
        pause.disableProperty().bind(vm.runningProperty().not());
        vm.stateProperty().addListener((o, a, s) -> pause.setText(s == TrainingViewModel.State.PAUSED ? "Resume" : "Pause"));
        Button stop = Controls.button("Stop", "mdi2s-stop", "Stop training; the run keeps what it learnt so far (Shift+F5)", vm::stop);
        stop.setId("stop-button");
        stop.disableProperty().bind(vm.runningProperty().not());
        Label name = new Label();
        name.textProperty().bind(vm.runNameProperty());
        name.getStyleClass().add("screen-title");
        CheckBox log = new CheckBox("Log scale");
        log.setId("log-scale");
        log.selectedProperty().bindBidirectional(vm.logScaleProperty());
        log.setTooltip(Controls.tooltip("Plot losses on a logarithmic axis: shows progress when the loss falls by orders of magnitude."));
        Slider smooth = new Slider(0, 0.99, vm.smoothingProperty().get());
        smooth.setPrefWidth(110);
        smooth.valueProperty().addListener((o, a, v) -> vm.smoothingProperty().set(v.doubleValue()));
        Label smoothLabel = new Label("Smoothing");
        smoothLabel.setTooltip(Controls.tooltip("Exponential moving average of the per-iteration loss (as in TensorBoard); 0 shows the raw curve, 0.6 is usual."));
        MenuButton export = new MenuButton("Export", dev.layerlab.gui.common.Icons.glyph("mdi2e-export"));
        export.setId("training-export");
        MenuItem pngLoss = new MenuItem("Loss chart as PNG…");
        pngLoss.setOnAction(e -> exportPng(epochLoss, "loss.png"));
        MenuItem pngIter = new MenuItem("Iteration chart as PNG…");
        pngIter.setOnAction(e -> exportPng(iterLoss, "iteration-loss.png"));
        MenuItem pngMetric = new MenuItem("Metric chart as PNG…");
        pngMetric.setOnAction(e -> exportPng(metric, "metric.png"));
        MenuItem csv = new MenuItem("History as CSV…");
        csv.setOnAction(e -> exportCsv());
        export.getItems().addAll(pngLoss, pngIter, pngMetric, csv);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // A long run name (a fine-tune names its parent) shrinks with an ellipsis; the controls keep their size.
        for (javafx.scene.control.Control c : List.of(start, pause, stop, smoothLabel, log, export)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        name.setMinWidth(0);
        javafx.scene.control.Tooltip nameTip = new javafx.scene.control.Tooltip();
        nameTip.textProperty().bind(vm.runNameProperty());
        name.setTooltip(nameTip);
        HBox bar = new HBox(8, start, pause, stop, name, spacer, smoothLabel, smooth, log, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        return bar;
    }

    private Node body() {
        GridPane charts = new GridPane();
        charts.setHgap(6);
        charts.setVgap(6);
        charts.setPadding(new Insets(0, 8, 0, 8));
        charts.add(epochLoss.node(), 0, 0);
        charts.add(iterLoss.node(), 1, 0);
        charts.add(metric.node(), 0, 1);
        charts.add(results, 1, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            charts.getColumnConstraints().add(cc);
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            charts.getRowConstraints().add(rc);
        }
        for (Node n : List.of(epochLoss.node(), iterLoss.node(), metric.node(), results)) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            GridPane.setVgrow(n, Priority.ALWAYS);
        }
        Tab curves = new Tab("Curves", charts);
        healthTab = new Tab("Network health", health.root());
        healthTab.setId("health-tab");
        views = new TabPane(curves, healthTab);
        views.setId("training-views");
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        warningBanner.setId("health-warnings");
        warningBanner.setPadding(new Insets(0, 8, 0, 8));
        BorderPane top = new BorderPane(views);
        top.setTop(warningBanner);
        TabPane bottom = new TabPane(new Tab("Epochs", epochTable()), new Tab("Model summary", summaryArea()), new Tab("Log", logArea()));
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(top, bottom);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.72);
        return split;
    }

    /** One banner line per warning the run raised: what was seen and what to try. */
    private void showWarnings() {
        warningBanner.getChildren().clear();
        for (dev.layerlab.diagnostics.HealthWarning w : vm.warnings()) {
            Label line = new Label("⚠ " + w.text());
            line.setWrapText(true);
            line.setMaxWidth(Double.MAX_VALUE);
            line.getStyleClass().add("health-warning");
            line.setStyle("-fx-background-color: #fff3cd; -fx-text-fill: #664d03; -fx-border-color: #ffda6a; "
                    + "-fx-padding: 4 8 4 8; -fx-background-radius: 4; -fx-border-radius: 4;");
            warningBanner.getChildren().add(line);
        }
        if (!vm.warnings().isEmpty()) {
            VBox.setMargin(warningBanner.getChildren().get(0), new Insets(4, 0, 0, 0));
        }
    }

    private Node epochTable() {
        TableView<EpochPoint> t = new TableView<>(vm.epochs());
        t.setId("epoch-table");
        t.getColumns().add(col("Epoch", p -> String.valueOf(p.epoch())));
        t.getColumns().add(col("Train loss", p -> Formats.num(p.trainLoss())));
        t.getColumns().add(col("Val loss", p -> Formats.num(p.valLoss())));
        TableColumn<EpochPoint, String> tm = col("Train metric", p -> Formats.num(p.trainMetric()));
        TableColumn<EpochPoint, String> vmc = col("Val metric", p -> Formats.num(p.valMetric()));
        tm.textProperty().bind(vm.metricNameProperty().concat(" (train)"));
        vmc.textProperty().bind(vm.metricNameProperty().concat(" (val)"));
        t.getColumns().add(tm);
        t.getColumns().add(vmc);
        t.getColumns().add(col("Seconds", p -> String.format(java.util.Locale.ROOT, "%.2f", p.seconds())));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("Press Train (F5) to start; each finished epoch appears here."));
        vm.epochs().addListener((ListChangeListener<EpochPoint>) c -> {
            if (!vm.epochs().isEmpty()) {
                javafx.application.Platform.runLater(() -> t.scrollTo(vm.epochs().size() - 1));
            }
        });
        return t;
    }

    private static TableColumn<EpochPoint, String> col(String title, java.util.function.Function<EpochPoint, String> f) {
        TableColumn<EpochPoint, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    private Node summaryArea() {
        TextArea a = new TextArea();
        a.setEditable(false);
        a.getStyleClass().add("summary-text");
        a.textProperty().bind(vm.summaryProperty());
        return a;
    }

    private Node logArea() {
        TextArea a = new TextArea();
        a.setId("training-log");
        a.setEditable(false);
        a.getStyleClass().add("summary-text");
        vm.logLines().addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                if (c.wasRemoved() || !c.wasAdded()) {
                    a.setText(String.join("\n", vm.logLines()) + "\n");
                    a.positionCaret(a.getLength());
                    return;
                }
                StringBuilder sb = new StringBuilder();
                for (String s : c.getAddedSubList()) {
                    sb.append(s).append('\n');
                }
                a.appendText(sb.toString());
            }
        });
        return a;
    }

    private void redrawEpochs() {
        List<EpochPoint> eps = vm.epochs();
        List<Decimator.Point> tl = new ArrayList<>();
        List<Decimator.Point> vl = new ArrayList<>();
        List<Decimator.Point> tm = new ArrayList<>();
        List<Decimator.Point> vmt = new ArrayList<>();
        for (EpochPoint p : eps) {
            tl.add(new Decimator.Point(p.epoch(), p.trainLoss()));
            vl.add(new Decimator.Point(p.epoch(), p.valLoss()));
            tm.add(new Decimator.Point(p.epoch(), p.trainMetric()));
            vmt.add(new Decimator.Point(p.epoch(), p.valMetric()));
        }
        epochLoss.set("kept epoch", List.of());
        epochLoss.set("train", tl);
        epochLoss.set("validation", vl);
        metric.set("train", tm);
        metric.set("validation", vmt);
        redrawOutputSeries();
    }

    /** Adds a dashed, fainter curve per output the view model knows of; drops them when it clears. */
    private void syncOutputSeries() {
        List<String> wanted = vm.outputLossSeries();
        outputSeries.entrySet().removeIf(e -> {
            if (wanted.contains(e.getKey())) {
                return false;
            }
            epochLoss.chart().getData().remove(e.getValue());
            return true;
        });
        for (String name : wanted) {
            if (outputSeries.containsKey(name)) {
                continue;
            }
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(name);
            s.nodeProperty().addListener((o, a, n) -> styleOutputCurve(n));
            outputSeries.put(name, s);
            epochLoss.chart().getData().add(s);
            styleOutputCurve(s.getNode());
        }
        redrawOutputSeries();
    }

    private static void styleOutputCurve(Node n) {
        if (n != null) {
            n.setStyle("-fx-stroke-dash-array: 6 4; -fx-stroke-width: 1.5px; -fx-opacity: 0.7;");
        }
    }

    /** Per-output curves, plotted like LiveChart plots its own (log10 on a log axis, gaps dropped). */
    private void redrawOutputSeries() {
        boolean log = vm.logScaleProperty().get();
        for (Map.Entry<String, XYChart.Series<Number, Number>> e : outputSeries.entrySet()) {
            List<XYChart.Data<Number, Number>> data = new ArrayList<>();
            for (Decimator.Point p : vm.outputLossPoints(e.getKey())) {
                double y = p.y();
                if (!Double.isFinite(y) || (log && y <= 0)) {
                    continue;
                }
                data.add(new XYChart.Data<>(p.x(), log ? Math.log10(y) : y));
            }
            e.getValue().getData().setAll(data);
        }
    }

    /** Every iteration's loss goes to the chart, which draws about one column of pixels per screen column. */
    private void redrawIterations() {
        float[] ys = vm.iterationLosses();
        int ipe = Math.max(1, vm.iterationsPerEpoch());
        double scale = 1.0 / ipe;
        double smoothing = vm.smoothingProperty().get();
        double offset = vm.iterationEpochOffset() + scale;
        iterLoss.setDense("raw", ys, ys.length, offset, scale);
        float[] smooth = Decimator.smooth(ys, smoothing);
        iterLoss.setDense("smoothed", smooth, smooth.length, offset, scale);
    }

    private void showOutcome(RunOutcome out) {
        results.getChildren().clear();
        markKeptEpoch(out);
        if (out == null) {
            Label l = new Label("Test-set results appear here when a run ends:\npredicted vs actual for regression,\nconfusion matrix and ROC for classification.");
            l.getStyleClass().add("hint-label");
            l.setWrapText(true);
            results.getChildren().add(l);
            return;
        }
        VBox box = new VBox(6);
        box.setId("run-results");
        HBox metrics = new HBox(18);
        for (Map.Entry<String, Double> e : out.testMetrics().entrySet()) {
            Label v = new Label(Formats.num(e.getValue()));
            v.getStyleClass().add("metric-value");
            metrics.getChildren().add(new VBox(new Label("test " + e.getKey()), v));
        }
        Label kept = new Label((out.stopReason() == null ? "" : "Stopped: " + out.stopReason() + ". ")
                + (out.bestEpoch() >= 0 ? "Weights kept from epoch " + out.bestEpoch() + "." : ""));
        kept.getStyleClass().add("hint-label");
        Label baselines = new Label();
        baselines.setId("run-baselines");
        baselines.setWrapText(true);
        baselines.textProperty().bind(vm.baselinesProperty());
        baselines.getStyleClass().add("baselines-line");
        baselines.visibleProperty().bind(vm.baselinesProperty().isNotEmpty());
        baselines.managedProperty().bind(baselines.visibleProperty());
        baselines.setTooltip(Controls.tooltip("What the network should beat, fitted on the same training rows and scored on"
                + " the same rows: ridge regression (linear) and LightGBM gradient boosting with its defaults."
                + " Saved as baselines.json in the run's folder."));
        box.getChildren().addAll(metrics, baselines, kept);
        Node plot = out.classes() != null && !out.classes().isEmpty() ? classificationPlots(out) : regressionPlots(out);
        VBox.setVgrow(plot, Priority.ALWAYS);
        box.getChildren().add(plot);
        results.getChildren().add(box);
    }

    /** A vertical line on the loss chart at the epoch whose weights the run kept. */
    private void markKeptEpoch(RunOutcome out) {
        if (out == null || out.bestEpoch() < 1 || vm.epochs().isEmpty()) {
            epochLoss.set("kept epoch", List.of());
            return;
        }
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (EpochPoint p : vm.epochs()) {
            for (double v : new double[] {p.trainLoss(), p.valLoss()}) {
                if (Double.isFinite(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        for (String name : vm.outputLossSeries()) {
            for (Decimator.Point p : vm.outputLossPoints(name)) {
                if (Double.isFinite(p.y()) && p.y() > 0) {
                    lo = Math.min(lo, p.y());
                    hi = Math.max(hi, p.y());
                }
            }
        }
        if (lo > hi) {
            return;
        }
        epochLoss.set("kept epoch", List.of(new Decimator.Point(out.bestEpoch(), lo), new Decimator.Point(out.bestEpoch(), hi)));
    }

    private Node regressionPlots(RunOutcome out) {
        NumberAxis x = new NumberAxis();
        x.setLabel("actual");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("predicted");
        y.setForceZeroInRange(false);
        ScatterChart<Number, Number> scatter = new ScatterChart<>(x, y);
        scatter.setId("predicted-vs-actual");
        scatter.setAnimated(false);
        scatter.setLegendVisible(false);
        scatter.setTitle("Predicted vs actual (test)");
        NumberAxis rx = new NumberAxis();
        rx.setLabel("predicted");
        rx.setForceZeroInRange(false);
        NumberAxis ry = new NumberAxis();
        ry.setLabel("residual");
        ScatterChart<Number, Number> resid = new ScatterChart<>(rx, ry);
        resid.setAnimated(false);
        resid.setLegendVisible(false);
        resid.setTitle("Residuals");
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        XYChart.Series<Number, Number> r = new XYChart.Series<>();
        int n = Math.min(out.predicted().length, out.actual().length);
        int step = Math.max(1, n / 1500);
        for (int i = 0; i < n; i += step) {
            s.getData().add(new XYChart.Data<>(out.actual()[i], out.predicted()[i]));
            r.getData().add(new XYChart.Data<>(out.predicted()[i], out.actual()[i] - out.predicted()[i]));
        }
        scatter.getData().add(s);
        resid.getData().add(r);
        for (var chart : List.of(scatter, resid)) {
            chart.setStyle("-fx-font-size: 0.85em;");
            chart.lookupAll(".chart-symbol").forEach(d -> d.setStyle("-fx-background-radius: 2px; -fx-padding: 2px;"));
        }
        HBox h = new HBox(4, scatter, resid);
        HBox.setHgrow(scatter, Priority.ALWAYS);
        HBox.setHgrow(resid, Priority.ALWAYS);
        return h;
    }

    private Node classificationPlots(RunOutcome out) {
        GridPane grid = new GridPane();
        grid.setId("confusion-matrix");
        grid.setHgap(2);
        grid.setVgap(2);
        List<String> cls = out.classes();
        int[][] m = out.confusion();
        int max = 1;
        for (int[] row : m) {
            for (int v : row) {
                max = Math.max(max, v);
            }
        }
        Label corner = new Label("true ↓  predicted →");
        corner.setMinWidth(Region.USE_PREF_SIZE);
        corner.getStyleClass().add("hint-label");
        grid.add(corner, 0, 0);
        for (int j = 0; j < cls.size(); j++) {
            grid.add(new Label(cls.get(j)), j + 1, 0);
        }
        for (int i = 0; i < cls.size(); i++) {
            grid.add(new Label(cls.get(i)), 0, i + 1);
            for (int j = 0; j < cls.size(); j++) {
                Label cell = new Label(String.valueOf(m[i][j]));
                cell.setMinSize(44, 28);
                cell.setAlignment(Pos.CENTER);
                double a = 0.1 + 0.8 * m[i][j] / (double) max;
                cell.setStyle(String.format(java.util.Locale.ROOT, "-fx-background-color: rgba(%s,%.2f);",
                        i == j ? "46,160,67" : "207,34,46", a));
                grid.add(cell, j + 1, i + 1);
            }
        }
        NumberAxis x = new NumberAxis(0, 1, 0.2);
        x.setLabel("false positive rate");
        NumberAxis y = new NumberAxis(0, 1, 0.2);
        y.setLabel("true positive rate");
        javafx.scene.chart.LineChart<Number, Number> roc = new javafx.scene.chart.LineChart<>(x, y);
        roc.setId("roc-chart");
        roc.setCreateSymbols(false);
        roc.setAnimated(false);
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        if (out.rocByClass() != null && !out.rocByClass().isEmpty()) {
            // Multi-class: one curve per class, that class against all the others.
            roc.setTitle("ROC (test), each class vs the rest");
            curves.putAll(out.rocByClass());
        } else {
            roc.setTitle(cls.size() == 2 ? "ROC (test), positive class " + cls.get(1) : "ROC (test)");
            curves.put(cls.size() == 2 ? cls.get(1) : "ROC", out.roc());
        }
        roc.setLegendVisible(curves.size() > 1);
        for (Map.Entry<String, List<double[]>> curve : curves.entrySet()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(curve.getKey());
            for (double[] p : curve.getValue()) {
                s.getData().add(new XYChart.Data<>(p[0], p[1]));
            }
            roc.getData().add(s);
        }
        XYChart.Series<Number, Number> diag = new XYChart.Series<>();
        diag.setName("chance");
        diag.getData().add(new XYChart.Data<>(0, 0));
        diag.getData().add(new XYChart.Data<>(1, 1));
        roc.getData().add(diag);
        HBox h = new HBox(8, grid, roc);
        HBox.setHgrow(roc, Priority.ALWAYS);
        return h;
    }

    private void exportPng(LiveChart chart, String name) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(name);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File f = fc.showSaveDialog(window.get());
        if (f == null) {
            return;
        }
        var image = chart.snapshot();
        executor.execute(BackgroundTask.of("Export chart", c -> {
            LiveChart.writePng(image, f.toPath());
            return f;
        }));
    }

    private void exportCsv() {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName("history.csv");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File f = fc.showSaveDialog(window.get());
        if (f == null) {
            return;
        }
        vm.writeHistoryCsvAsync(executor, f.toPath());
    }
}
