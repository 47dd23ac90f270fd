package dev.layerlab.gui.explain;

import dev.layerlab.explain.Explainer;
import dev.layerlab.gui.common.Formats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * Permutation importance as a bar chart and the partial dependence of the most important columns as small plots,
 * for one output at a time (a graph network's outputs are chosen at the top).
 */
public final class ExplainView {
    private final ExplainViewModel vm;
    private final BorderPane root = new BorderPane();
    private final ComboBox<String> output = new ComboBox<>();
    private final HBox body = new HBox(8);

    /** @param withRunButton shows "Explain the last run" (the Training screen's tab) */
    public ExplainView(ExplainViewModel vm, boolean withRunButton) {
        this.vm = vm;
        root.setId("explain-view");
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        message.setMinWidth(0);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.busyProperty());
        output.setId("explain-output");
        output.visibleProperty().bind(javafx.beans.binding.Bindings.size(output.getItems()).greaterThan(1));
        output.valueProperty().addListener((o, a, b) -> draw());
        HBox bar = new HBox(8);
        if (withRunButton) {
            Button run = new Button("Explain the last run");
            run.setId("explain-run");
            run.disableProperty().bind(vm.lastRunProperty().isNull().or(vm.busyProperty()));
            run.setOnAction(e -> vm.explainLastRun());
            bar.getChildren().add(run);
        }
        bar.getChildren().addAll(output, busy, message);
        HBox.setHgrow(message, Priority.ALWAYS);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        root.setTop(bar);
        root.setCenter(body);
        body.setPadding(new Insets(0, 8, 8, 8));
        vm.resultProperty().addListener((o, a, r) -> showResult(r));
        showResult(vm.resultProperty().get());
    }

    private void showResult(List<Explainer.OutputExplanation> r) {
        output.getItems().setAll(r.stream().map(Explainer.OutputExplanation::output).toList());
        output.setValue(r.isEmpty() ? null : r.get(0).output());
        draw();
    }

    public Node root() {
        return root;
    }

    private void draw() {
        body.getChildren().clear();
        Explainer.OutputExplanation e = vm.resultProperty().get().stream()
                .filter(x -> x.output().equals(output.getValue())).findFirst().orElse(null);
        if (e == null) {
            return;
        }
        CategoryAxis columns = new CategoryAxis();
        NumberAxis importance = new NumberAxis();
        importance.setLabel(e.metric() + (e.higherIsBetter() ? " lost" : " added") + " when shuffled");
        BarChart<Number, String> bars = new BarChart<>(importance, columns);
        bars.setId("importance-chart");
        bars.setTitle("Permutation importance (" + e.metric() + " " + Formats.num(e.baseline()) + ")");
        bars.setLegendVisible(false);
        bars.setAnimated(false);
        XYChart.Series<Number, String> s = new XYChart.Series<>();
        List<Explainer.Importance> ranked = new ArrayList<>(e.importance());
        java.util.Collections.reverse(ranked); // the most important at the top
        for (Explainer.Importance i : ranked) {
            s.getData().add(new XYChart.Data<>(i.importance(), i.column()));
        }
        bars.getData().add(s);
        GridPane plots = new GridPane();
        plots.setHgap(4);
        plots.setVgap(4);
        Map<String, List<Explainer.Dependence>> byColumn = new LinkedHashMap<>();
        for (Explainer.Dependence d : e.dependence()) {
            byColumn.computeIfAbsent(d.column(), k -> new ArrayList<>()).add(d);
        }
        int k = 0;
        for (Map.Entry<String, List<Explainer.Dependence>> c : byColumn.entrySet()) {
            Node plot = dependencePlot(c.getKey(), c.getValue());
            plots.add(plot, k % 2, k / 2);
            GridPane.setHgrow(plot, Priority.ALWAYS);
            GridPane.setVgrow(plot, Priority.ALWAYS);
            k++;
        }
        body.getChildren().addAll(bars, plots);
        HBox.setHgrow(bars, Priority.ALWAYS);
        HBox.setHgrow(plots, Priority.ALWAYS);
        bars.setPrefWidth(420);
        plots.setPrefWidth(640);
    }

    /** A numeric column: the mean prediction along its range; a categorical one: a bar per category. */
    private static Node dependencePlot(String column, List<Explainer.Dependence> points) {
        boolean numeric = points.stream().allMatch(p -> Double.isFinite(p.numericValue()));
        Map<String, XYChart.Series<Number, Number>> lines = new LinkedHashMap<>();
        if (numeric) {
            NumberAxis x = new NumberAxis();
            x.setLabel(column);
            x.setForceZeroInRange(false);
            NumberAxis y = new NumberAxis();
            y.setForceZeroInRange(false);
            y.setLabel("mean prediction");
            LineChart<Number, Number> chart = new LineChart<>(x, y);
            chart.setAnimated(false);
            chart.setCreateSymbols(false);
            for (Explainer.Dependence p : points) {
                String key = p.className() == null ? "prediction" : p.className();
                lines.computeIfAbsent(key, n -> {
                    XYChart.Series<Number, Number> series = new XYChart.Series<>();
                    series.setName(n);
                    return series;
                }).getData().add(new XYChart.Data<>(p.numericValue(), p.prediction()));
            }
            chart.getData().addAll(lines.values());
            chart.setLegendVisible(lines.size() > 1);
            chart.setTitle("Partial dependence: " + column);
            chart.getStyleClass().add("pdp-chart");
            chart.setMinSize(0, 0);
            return chart;
        }
        CategoryAxis x = new CategoryAxis();
        x.setLabel(column);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        y.setLabel("mean prediction");
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setAnimated(false);
        Map<String, XYChart.Series<String, Number>> series = new LinkedHashMap<>();
        for (Explainer.Dependence p : points) {
            String key = p.className() == null ? "prediction" : p.className();
            series.computeIfAbsent(key, n -> {
                XYChart.Series<String, Number> sr = new XYChart.Series<>();
                sr.setName(n);
                return sr;
            }).getData().add(new XYChart.Data<>(p.value(), p.prediction()));
        }
        chart.getData().addAll(series.values());
        chart.setLegendVisible(series.size() > 1);
        chart.setTitle("Partial dependence: " + column);
        chart.getStyleClass().add("pdp-chart");
        chart.setMinSize(0, 0);
        return chart;
    }
}
