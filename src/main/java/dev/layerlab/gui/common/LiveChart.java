package dev.layerlab.gui.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A line chart of named series with a log-scale switch (values are plotted as log10 and labelled back),
 * a hover read-out of the nearest values, and PNG export. Series are set whole, already thinned.
 */
public final class LiveChart {
    private final NumberAxis xAxis = new NumberAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
    private final Label hover = new Label();
    private final Label caption = new Label();
    private final StackPane root = new StackPane(chart, hover, caption);
    private final BooleanProperty logScale = new SimpleBooleanProperty(false);
    private final Map<String, XYChart.Series<Number, Number>> series = new LinkedHashMap<>();
    private final Map<String, List<Decimator.Point>> raw = new LinkedHashMap<>();

    public LiveChart(String title, String xLabel, String yLabel, String... seriesNames) {
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(seriesNames.length > 1);
        xAxis.setLabel(xLabel);
        yAxis.setLabel(yLabel);
        xAxis.setForceZeroInRange(false);
        yAxis.setForceZeroInRange(false);
        xAxis.setAutoRanging(true);
        for (String n : seriesNames) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(n);
            series.put(n, s);
            raw.put(n, List.of());
            chart.getData().add(s);
        }
        hover.getStyleClass().add("chart-hover");
        hover.setStyle("-fx-background-color: -color-bg-overlay; -fx-border-color: -color-border-default; -fx-padding: 2 6 2 6;");
        hover.setMouseTransparent(true);
        hover.setVisible(false);
        StackPane.setAlignment(hover, Pos.TOP_RIGHT);
        StackPane.setMargin(hover, new Insets(30, 16, 0, 0));
        caption.getStyleClass().add("section-title");
        caption.setMouseTransparent(true);
        StackPane.setAlignment(caption, Pos.TOP_LEFT);
        StackPane.setMargin(caption, new Insets(6, 0, 0, 12));
        yAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number v) {
                return Formats.tick(logScale.get() ? Math.pow(10, v.doubleValue()) : v.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s);
            }
        });
        logScale.addListener((o, a, b) -> redraw());
        chart.setOnMouseMoved(e -> showHover(e.getX(), e.getY()));
        chart.setOnMouseExited(e -> hover.setVisible(false));
    }

    public Node node() {
        return root;
    }

    public LineChart<Number, Number> chart() {
        return chart;
    }

    /**
     * A caption in the chart's top-left corner, for text that changes (the metric's name). Changing a
     * chart's own title while it is off screen can leave it never laid out again (seen with JavaFX 21).
     */
    public void setCaption(String text) {
        caption.setText(text);
    }

    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    public XYChart.Series<Number, Number> series(String name) {
        return series.get(name);
    }

    /** Replaces a series' points (already thinned for display). */
    public void set(String name, List<Decimator.Point> points) {
        raw.put(name, points);
        draw(name);
    }

    public void clear() {
        for (String n : series.keySet()) {
            set(n, List.of());
        }
    }

    private void redraw() {
        for (String n : series.keySet()) {
            draw(n);
        }
    }

    private void draw(String name) {
        boolean log = logScale.get();
        List<XYChart.Data<Number, Number>> data = new ArrayList<>();
        for (Decimator.Point p : raw.get(name)) {
            double y = p.y();
            if (!Double.isFinite(y)) {
                continue;
            }
            if (log) {
                if (y <= 0) {
                    continue;
                }
                y = Math.log10(y);
            }
            data.add(new XYChart.Data<>(p.x(), y));
        }
        series.get(name).getData().setAll(data);
    }

    private void showHover(double sceneLikeX, double y) {
        Node plot = chart.lookup(".chart-plot-background");
        if (plot == null) {
            return;
        }
        Point2D inPlot = plot.sceneToLocal(chart.localToScene(sceneLikeX, y));
        if (inPlot == null || inPlot.getX() < 0 || inPlot.getX() > plot.getLayoutBounds().getWidth()) {
            hover.setVisible(false);
            return;
        }
        double x = xAxis.getValueForDisplay(inPlot.getX()).doubleValue();
        StringBuilder sb = new StringBuilder();
        double shownX = Double.NaN;
        for (var entry : raw.entrySet()) {
            if (!hoverable(entry.getKey())) {
                continue;
            }
            Decimator.Point best = nearest(entry.getValue(), x);
            if (best == null) {
                continue;
            }
            if (Double.isNaN(shownX)) {
                shownX = best.x();
                sb.append(xAxis.getLabel()).append(' ').append(Formats.num(best.x()));
            }
            sb.append("   ").append(entry.getKey()).append(": ").append(Formats.num(best.y()));
        }
        hover.setText(sb.toString());
        hover.setVisible(sb.length() > 0);
    }

    private final java.util.Set<String> notHovered = new java.util.HashSet<>();

    /** Leaves a series (a marker) out of the hover read-out. */
    public void excludeFromHover(String name) {
        notHovered.add(name);
    }

    private boolean hoverable(String name) {
        return !notHovered.contains(name);
    }

    private static Decimator.Point nearest(List<Decimator.Point> pts, double x) {
        Decimator.Point best = null;
        double bestD = Double.MAX_VALUE;
        for (Decimator.Point p : pts) {
            double d = Math.abs(p.x() - x);
            if (d < bestD && Double.isFinite(p.y())) {
                bestD = d;
                best = p;
            }
        }
        return best;
    }

    /** Snapshot on the FX thread; the caller writes it with {@link #writePng} off the FX thread. */
    public WritableImage snapshot() {
        return root.snapshot(null, null);
    }

    public static void writePng(WritableImage image, Path file) throws IOException {
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }
}
