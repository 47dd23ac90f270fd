package dev.layerlab.gui.training;

import dev.layerlab.diagnostics.HealthSample;
import dev.layerlab.diagnostics.Histogram;
import dev.layerlab.gui.common.Formats;
import dev.layerlab.gui.common.LiveChart;
import dev.layerlab.training.monitor.Decimator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * The "Network health" view of the Training screen: one line per layer over the run for the chosen measure, and the
 * chosen layer's weight or gradient histograms over time (a ridge plot: one histogram per sampled step, newest at
 * the bottom). It draws what the view model drained; it never touches the training thread.
 */
final class HealthView {
    /** A per-layer measure and whether it spans orders of magnitude (log axis). */
    enum Measure {
        GRAD_NORM("Gradient norm", HealthSample::gradNorm, true),
        UPDATE_RATIO("Update : parameter ratio (healthy ~0.001)", HealthSample::updateRatio, true),
        DEAD("Dead ReLU fraction", HealthSample::deadFraction, false),
        ACT_MEAN("Activation mean", HealthSample::activationMean, false),
        ACT_STD("Activation std", HealthSample::activationStd, false);

        final String label;
        final ToDoubleFunction<HealthSample> value;
        final boolean log;

        Measure(String label, ToDoubleFunction<HealthSample> value, boolean log) {
            this.label = label;
            this.value = value;
            this.log = log;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final int RIDGES = 12;

    private final BorderPane root = new BorderPane();
    private final ComboBox<Measure> measure = new ComboBox<>();
    private final ComboBox<String> layer = new ComboBox<>();
    private final ComboBox<String> histogramOf = new ComboBox<>();
    private final StackPane chartHolder = new StackPane();
    private final Canvas ridge = new Canvas();
    private final Label empty = new Label("Network health appears here once training starts: every 100 steps each layer's "
            + "gradient, update size, dead units and activations are sampled.");
    private LiveChart chart;
    private List<String> chartLayers = List.of();
    private List<HealthSample> samples = List.of();
    private int iterationsPerEpoch = 1;

    HealthView() {
        root.setId("health-view");
        measure.getItems().setAll(Measure.values());
        measure.setValue(Measure.UPDATE_RATIO);
        measure.setId("health-measure");
        histogramOf.getItems().setAll("weights", "gradients");
        histogramOf.setValue("weights");
        layer.setId("health-layer");
        measure.valueProperty().addListener((o, a, b) -> drawLines());
        layer.valueProperty().addListener((o, a, b) -> drawRidges());
        histogramOf.valueProperty().addListener((o, a, b) -> drawRidges());
        HBox bar = new HBox(8, new Label("Per layer:"), measure, new Label("Histograms of"), histogramOf,
                new Label("in layer"), layer);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        empty.getStyleClass().add("hint-label");
        empty.setWrapText(true);
        chartHolder.getChildren().add(empty);
        Pane ridgePane = new Pane(ridge);
        ridgePane.setMinSize(0, 0);
        ridge.widthProperty().bind(ridgePane.widthProperty());
        ridge.heightProperty().bind(ridgePane.heightProperty());
        ridge.widthProperty().addListener((o, a, b) -> drawRidges());
        ridge.heightProperty().addListener((o, a, b) -> drawRidges());
        Label ridgeTitle = new Label("Histograms over time (newest at the bottom)");
        ridgeTitle.getStyleClass().add("section-title");
        VBox ridgeBox = new VBox(2, ridgeTitle, ridgePane);
        ridgeBox.setPadding(new Insets(4, 8, 4, 8));
        VBox.setVgrow(ridgePane, Priority.ALWAYS);
        HBox body = new HBox(6, chartHolder, ridgeBox);
        HBox.setHgrow(chartHolder, Priority.ALWAYS);
        HBox.setHgrow(ridgeBox, Priority.ALWAYS);
        chartHolder.setPrefWidth(600);
        ridgeBox.setPrefWidth(420);
        root.setTop(bar);
        root.setCenter(body);
    }

    Node root() {
        return root;
    }

    /** Shows these samples (the whole run so far). FX thread. */
    void show(List<HealthSample> all, int stepsPerEpoch) {
        this.samples = List.copyOf(all);
        this.iterationsPerEpoch = Math.max(1, stepsPerEpoch);
        List<String> layers = layers(samples);
        if (!layers.equals(layer.getItems())) {
            String kept = layer.getValue();
            layer.getItems().setAll(layers);
            layer.setValue(layers.contains(kept) ? kept : layers.isEmpty() ? null : layers.get(0));
        }
        drawLines();
        drawRidges();
    }

    private static List<String> layers(List<HealthSample> samples) {
        List<String> names = new ArrayList<>();
        for (HealthSample s : samples) {
            if (!names.contains(s.layer())) {
                names.add(s.layer());
            }
        }
        return names;
    }

    private void drawLines() {
        List<String> layers = layers(samples);
        if (layers.isEmpty()) {
            chartHolder.getChildren().setAll(empty);
            chart = null;
            chartLayers = List.of();
            return;
        }
        if (chart == null || !layers.equals(chartLayers)) {
            chart = new LiveChart("Per layer", "epoch", "value", layers.toArray(String[]::new)).wholeNumbersOnX();
            chart.chart().setId("health-chart");
            chartLayers = layers;
            chartHolder.getChildren().setAll(chart.node());
        }
        Measure m = measure.getValue();
        chart.setCaption(m.label);
        chart.logScaleProperty().set(m.log);
        Map<String, List<Decimator.Point>> lines = new LinkedHashMap<>();
        for (String name : layers) {
            lines.put(name, new ArrayList<>());
        }
        for (HealthSample s : samples) {
            lines.get(s.layer()).add(new Decimator.Point((s.iteration() + 1) / (double) iterationsPerEpoch, m.value.applyAsDouble(s)));
        }
        lines.forEach(chart::set);
    }

    private void drawRidges() {
        GraphicsContext g = ridge.getGraphicsContext2D();
        double w = ridge.getWidth();
        double h = ridge.getHeight();
        g.clearRect(0, 0, w, h);
        String name = layer.getValue();
        if (name == null || w < 60 || h < 60) {
            return;
        }
        boolean gradients = "gradients".equals(histogramOf.getValue());
        List<HealthSample> mine = samples.stream().filter(s -> s.layer().equals(name)).toList();
        if (mine.isEmpty()) {
            return;
        }
        List<HealthSample> shown = new ArrayList<>();
        int n = Math.min(RIDGES, mine.size());
        for (int i = 0; i < n; i++) {
            shown.add(mine.get(n == 1 ? mine.size() - 1 : (int) Math.round((double) i * (mine.size() - 1) / (n - 1))));
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (HealthSample s : shown) {
            Histogram hist = gradients ? s.gradients() : s.weights();
            if (Double.isFinite(hist.min()) && Double.isFinite(hist.max())) {
                lo = Math.min(lo, hist.min());
                hi = Math.max(hi, hist.max());
            }
        }
        if (!(hi > lo)) {
            return;
        }
        double left = 70;
        double right = w - 10;
        double top = 8;
        double bottom = h - 22;
        double rowHeight = (bottom - top) / (shown.size() + 1);
        g.setFont(javafx.scene.text.Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        for (int r = 0; r < shown.size(); r++) {
            HealthSample s = shown.get(r);
            Histogram hist = gradients ? s.gradients() : s.weights();
            double base = top + (r + 2) * rowHeight;
            int max = 1;
            for (int c : hist.counts()) {
                max = Math.max(max, c);
            }
            double binWidth = (hist.max() - hist.min()) / hist.counts().length;
            double t = shown.size() == 1 ? 1 : (double) r / (shown.size() - 1);
            Color color = Color.hsb(210 - 180 * t, 0.7, 0.8);
            g.setStroke(color);
            g.setFill(color.deriveColor(0, 1, 1, 0.25));
            g.beginPath();
            g.moveTo(x(hist.min(), lo, hi, left, right), base);
            for (int b = 0; b < hist.counts().length; b++) {
                double center = hist.min() + (b + 0.5) * binWidth;
                g.lineTo(x(center, lo, hi, left, right), base - 1.8 * rowHeight * hist.counts()[b] / max);
            }
            g.lineTo(x(hist.max(), lo, hi, left, right), base);
            g.closePath();
            g.fill();
            g.stroke();
            g.setFill(Color.GRAY);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(String.format(Locale.ROOT, "epoch %.1f", (s.iteration() + 1) / (double) iterationsPerEpoch), left - 6, base - 4);
        }
        g.setStroke(Color.GRAY);
        g.strokeLine(left, bottom, right, bottom);
        g.setFill(Color.GRAY);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(Formats.tick(lo), left, bottom + 11);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(Formats.tick(hi), right, bottom + 11);
        if (lo < 0 && hi > 0) {
            double zero = x(0, lo, hi, left, right);
            g.strokeLine(zero, bottom, zero, bottom + 4);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("0", zero, bottom + 11);
        }
    }

    private static double x(double value, double lo, double hi, double left, double right) {
        return left + (value - lo) / (hi - lo) * (right - left);
    }
}
