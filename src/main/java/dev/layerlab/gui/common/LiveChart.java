package dev.layerlab.gui.common;

import dev.layerlab.training.monitor.Decimator;
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
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
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
 * a hover read-out of the nearest values, and PNG export. Short series are set whole as points
 * ({@link #set}); long ones ({@link #setDense}: per-iteration losses, 100,000 points and more) are kept
 * whole too, but drawn on a canvas as their envelope per pixel column: one small rectangle per column, never
 * one chart node or path segment per point, so a redraw costs about the same at any length.
 */
public final class LiveChart {
    private final NumberAxis xAxis = new NumberAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final Canvas canvas = new Canvas();
    private final Map<String, Dense> dense = new LinkedHashMap<>();
    private final LineChart<Number, Number> chart = new Plot();
    private final Label hover = new Label();
    private final Label caption = new Label();
    private final StackPane root = new StackPane(chart, hover, caption);
    private final BooleanProperty logScale = new SimpleBooleanProperty(false);
    private final Map<String, XYChart.Series<Number, Number>> series = new LinkedHashMap<>();
    private final Map<String, List<Decimator.Point>> raw = new LinkedHashMap<>();

    public LiveChart(String title, String xLabel, String yLabel, String... seriesNames) {
        chart.setTitle(title);
        chart.setAnimated(false);
        // Axes animate range changes on their own (a timeline re-laying out the chart every pulse for a while):
        // a live chart changes range several times a second.
        xAxis.setAnimated(false);
        yAxis.setAnimated(false);
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
     * Labels only whole numbers on the x axis (epochs): the axis picks its tick spacing from the range, and a
     * spacing of 2.5 must not label an epoch "2.5".
     */
    public LiveChart wholeNumbersOnX() {
        wholeNumbers(xAxis);
        return this;
    }

    /** Labels only the whole-number ticks of an axis (epochs, counts): no "2.5" epoch. */
    public static void wholeNumbers(javafx.scene.chart.NumberAxis axis) {
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number v) {
                double x = v.doubleValue();
                return Math.abs(x - Math.rint(x)) < 1e-9 ? String.valueOf((long) Math.rint(x)) : "";
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s);
            }
        });
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
        boolean wasDense = dense.remove(name) != null;
        List<Decimator.Point> before = raw.put(name, points);
        if (!wasDense && before != null && !before.isEmpty() && before.size() <= points.size()
                && points.subList(0, before.size()).equals(before)) {
            // A series that grew (one more epoch): add the new points only. Re-creating every point made the
            // chart rebuild its path and nodes, part of the longest frame at an epoch's end.
            series.get(name).getData().addAll(toData(points.subList(before.size(), points.size()), logScale.get()));
            return;
        }
        draw(name);
    }

    /**
     * Replaces a series with {@code ys[0..n)} at x = {@code xOffset + i * xScale}: every point is kept (see
     * {@link #values}); the canvas draws their envelope per pixel column. The array is kept, not copied: the
     * caller hands over a fresh one.
     */
    public void setDense(String name, float[] ys, int n, double xOffset, double xScale) {
        raw.put(name, List.of());
        dense.put(name, new Dense(ys, Math.min(n, ys.length), xOffset, xScale));
        draw(name);
    }

    /** Every y value of a series set with {@link #setDense} (empty for others): what an export writes. */
    public float[] values(String name) {
        Dense d = dense.get(name);
        return d == null ? new float[0] : java.util.Arrays.copyOf(d.ys, d.n);
    }

    /** A series drawn from all its points on the canvas. */
    private record Dense(float[] ys, int n, double xOffset, double xScale) {
        double x(int i) {
            return xOffset + i * xScale;
        }
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
        Dense d = dense.get(name);
        if (d != null) {
            drawCorners(name, d, log);
            return;
        }
        series.get(name).getData().setAll(toData(raw.get(name), log));
    }

    /** Chart points for display: non-finite values left out, and values at or below 0 on a log scale. */
    private static List<XYChart.Data<Number, Number>> toData(List<Decimator.Point> points, boolean log) {
        List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
        for (Decimator.Point p : points) {
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
        return data;
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
            Decimator.Point best = dense.containsKey(entry.getKey()) ? nearest(dense.get(entry.getKey()), x)
                    : nearest(entry.getValue(), x);
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

    private static Decimator.Point nearest(Dense d, double x) {
        if (d.n == 0) {
            return null;
        }
        int i = (int) Math.max(0, Math.min(d.n - 1, Math.round((x - d.xOffset) / d.xScale)));
        return new Decimator.Point(d.x(i), d.ys[i]);
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

    /**
     * A dense series holds two points, the corners of its extent (log10 on a log axis), so that the chart's
     * axes range over it and its legend entry shows; its line is hidden and the canvas draws the curve.
     */
    private void drawCorners(String name, Dense d, boolean log) {
        double xMin = Double.NaN;
        double xMax = Double.NaN;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d.n; i++) {
            double y = d.ys[i];
            if (log) {
                y = y > 0 ? Math.log10(y) : Double.NaN;
            }
            if (!Double.isFinite(y)) {
                continue;
            }
            if (Double.isNaN(xMin)) {
                xMin = d.x(i);
            }
            xMax = d.x(i);
            yMin = Math.min(yMin, y);
            yMax = Math.max(yMax, y);
        }
        XYChart.Series<Number, Number> s = series.get(name);
        if (Double.isNaN(xMin)) {
            s.getData().clear();
        } else if (s.getData().size() == 2) {
            s.getData().get(0).setXValue(xMin);
            s.getData().get(0).setYValue(yMin);
            s.getData().get(1).setXValue(xMax);
            s.getData().get(1).setYValue(yMax);
        } else {
            s.getData().setAll(List.of(new XYChart.Data<>(xMin, yMin), new XYChart.Data<>(xMax, yMax)));
        }
        chart.requestLayout(); // the canvas is drawn in layout, even when the corners did not move
    }

    /** The line chart, with the canvas for the dense series on top of its plot area. */
    private final class Plot extends LineChart<Number, Number> {
        Plot() {
            super(xAxis, yAxis);
            canvas.setManaged(false);
            canvas.setMouseTransparent(true);
            getPlotChildren().add(canvas);
        }

        @Override
        protected void layoutPlotChildren() {
            super.layoutPlotChildren();
            drawCanvas(); // below the other series' lines: moving it to the front here would request layout again
        }
    }

    private void drawCanvas() {
        double w = Math.max(0, xAxis.getWidth());
        double h = Math.max(0, yAxis.getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        double xLo = xAxis.getLowerBound();
        double xHi = xAxis.getUpperBound();
        double yLo = yAxis.getLowerBound();
        double yHi = yAxis.getUpperBound();
        if (dense.isEmpty() || w < 1 || h < 1 || !(xHi > xLo) || !(yHi > yLo)) {
            return;
        }
        // Both axes are linear: pixel = a + b * value, from the axes' own mapping of their bounds.
        double px0 = xAxis.getDisplayPosition(xLo);
        double pxPerX = (xAxis.getDisplayPosition(xHi) - px0) / (xHi - xLo);
        double py0 = yAxis.getDisplayPosition(yLo);
        double pyPerY = (yAxis.getDisplayPosition(yHi) - py0) / (yHi - yLo);
        boolean log = logScale.get();
        int width = (int) Math.ceil(w);
        for (Map.Entry<String, Dense> e : dense.entrySet()) {
            XYChart.Series<Number, Number> s = series.get(e.getKey());
            Node line = s.getNode();
            Paint color = line instanceof javafx.scene.shape.Path p && p.getStroke() != null ? p.getStroke() : Color.STEELBLUE;
            if (line != null && line.isVisible()) {
                line.setVisible(false);
            }
            g.setGlobalAlpha(line == null ? 1 : line.getOpacity());
            g.setFill(color);
            g.setStroke(color);
            Dense d = e.getValue();
            if (d.n <= width) {
                drawLine(g, d, px0, pxPerX, xLo, py0, pyPerY, yLo, log);
                continue;
            }
            Decimator.Columns c = Decimator.columns(d.ys, d.n, d.xOffset, d.xScale, xLo - px0 / pxPerX, pxPerX, width, log);
            drawColumns(g, c, py0, pyPerY, yLo);
        }
        g.setGlobalAlpha(1);
    }

    /** Fewer points than pixel columns: a plain polyline through them, broken where a value cannot be drawn. */
    private static void drawLine(GraphicsContext g, Dense d, double px0, double pxPerX, double xLo, double py0, double pyPerY,
                                 double yLo, boolean log) {
        g.setLineWidth(1.5);
        double[] xs = new double[d.n];
        double[] ys = new double[d.n];
        int k = 0;
        for (int i = 0; i <= d.n; i++) {
            double y = i < d.n ? d.ys[i] : Double.NaN;
            if (log) {
                y = y > 0 ? Math.log10(y) : Double.NaN;
            }
            if (Double.isFinite(y)) {
                xs[k] = px0 + (d.x(i) - xLo) * pxPerX;
                ys[k] = py0 + (y - yLo) * pyPerY;
                k++;
            } else if (k > 0) {
                g.strokePolyline(xs, ys, k);
                k = 0;
            }
        }
    }

    /**
     * One rectangle per column from its minimum to its maximum, stretched to the previous column's last value so
     * the curve stays connected; 1.5 px tall at least, like a line.
     */
    private static void drawColumns(GraphicsContext g, Decimator.Columns c, double py0, double pyPerY, double yLo) {
        double previous = Double.NaN;
        for (int col = 0; col < c.width(); col++) {
            if (Double.isNaN(c.min[col])) {
                continue; // fewer points than columns: the next column joins on
            }
            double lo = c.min[col];
            double hi = c.max[col];
            if (!Double.isNaN(previous)) {
                lo = Math.min(lo, previous);
                hi = Math.max(hi, previous);
            }
            double top = py0 + (hi - yLo) * pyPerY;
            double bottom = py0 + (lo - yLo) * pyPerY;
            // Whole pixels: the software renderer fills pixel-aligned rectangles without antialiasing, fast.
            double y = Math.floor(Math.min(top, bottom) - 0.5);
            g.fillRect(col, y, 1, Math.max(2, Math.ceil(Math.abs(bottom - top) + 1)));
            previous = c.last[col];
        }
    }

    /** Snapshot on the FX thread; the caller writes it with {@link #writePng} off the FX thread. */
    public WritableImage snapshot() {
        return root.snapshot(null, null);
    }

    public static void writePng(WritableImage image, Path file) throws IOException {
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }
}
