package dev.layerlab.gui.model;

import dev.layerlab.diagnostics.LrFinder;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

/** The learning-rate finder's window content: loss against learning rate on a log axis, and "Use" for the suggestion. */
final class LrFindPane {
    private final BorderPane root = new BorderPane();
    private final LineChart<Number, Number> chart;
    private final XYChart.Series<Number, Number> loss = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> smoothed = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> suggestion = new XYChart.Series<>();

    LrFindPane(LrFindViewModel vm) {
        root.setId("lr-find-pane");
        NumberAxis x = new NumberAxis();
        x.setLabel("learning rate (log scale)");
        x.setForceZeroInRange(false);
        x.setAutoRanging(true);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number v) {
                double e = v.doubleValue();
                return Math.abs(e - Math.rint(e)) < 1e-9 ? String.format(Locale.ROOT, "1e%d", (long) Math.rint(e)) : "";
            }

            @Override
            public Number fromString(String s) {
                return Math.log10(Double.parseDouble(s));
            }
        });
        NumberAxis y = new NumberAxis();
        y.setLabel("loss");
        y.setForceZeroInRange(false);
        chart = new LineChart<>(x, y);
        chart.setId("lr-find-chart");
        chart.setTitle("Loss against learning rate");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setVerticalZeroLineVisible(false); // x = 0 is the rate 1, nothing special
        loss.setName("loss");
        smoothed.setName("smoothed loss");
        suggestion.setName("suggested");
        chart.getData().addAll(loss, smoothed, suggestion);
        loss.nodeProperty().addListener((o, a, n) -> {
            if (n != null) {
                n.setStyle("-fx-opacity: 0.3;");
            }
        });
        Button find = new Button("Sweep again");
        find.setOnAction(e -> vm.find());
        find.disableProperty().bind(vm.busyProperty());
        Button use = new Button("Use suggestion");
        use.setId("lr-apply");
        use.disableProperty().bind(vm.busyProperty().or(vm.resultProperty().isNull()));
        use.setOnAction(e -> vm.apply());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.busyProperty());
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        message.setMinWidth(0);
        HBox bar = new HBox(8, use, find, busy, message);
        HBox.setHgrow(message, Priority.ALWAYS);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        root.setCenter(chart);
        root.setBottom(bar);
        vm.resultProperty().addListener((o, a, r) -> show(r, use));
        show(vm.resultProperty().get(), use);
    }

    Node root() {
        return root;
    }

    private void show(LrFinder.Result r, Button use) {
        loss.getData().clear();
        smoothed.getData().clear();
        suggestion.getData().clear();
        if (r == null) {
            use.setText("Use suggestion");
            return;
        }
        // The last steps blow up by orders of magnitude: the plot stops at 1.5 times the loss the sweep started
        // from, so the part that matters (the fall and the minimum) fills the chart.
        double start = r.points().isEmpty() ? Double.NaN : r.points().get(Math.min(r.points().size() - 1, 10)).smoothedLoss();
        double cap = 1.5 * start;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (LrFinder.Point p : r.points()) {
            if (p.smoothedLoss() > cap && p.learningRate() > r.lowestLossRate()) {
                break;
            }
            double x = Math.log10(p.learningRate());
            if (p.loss() <= cap) {
                loss.getData().add(new XYChart.Data<>(x, p.loss()));
            }
            smoothed.getData().add(new XYChart.Data<>(x, p.smoothedLoss()));
            lo = Math.min(lo, Math.min(p.smoothedLoss(), p.loss()));
            hi = Math.max(hi, Math.min(cap, Math.max(p.smoothedLoss(), p.loss())));
        }
        if (!Double.isNaN(r.suggested()) && hi > lo) {
            double x = Math.log10(r.suggested());
            suggestion.getData().add(new XYChart.Data<>(x, lo));
            suggestion.getData().add(new XYChart.Data<>(x, hi));
            use.setText(String.format(Locale.ROOT, "Use %.3g", r.suggested()));
        }
    }
}
