package dev.layerlab.gui.tuning;

import dev.layerlab.tuning.Objective;
import dev.layerlab.tuning.TrialRecord;
import dev.layerlab.tuning.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dev.layerlab.gui.common.Formats;
import dev.layerlab.gui.common.Theme;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/** Parallel coordinates of the parameters against the objective, one polyline per finished trial. */
public final class ParallelCoordinates extends Pane {
    private final Canvas canvas = new Canvas();
    private List<TrialRecord> trials = List.of();
    private List<String> axes = List.of();
    private Objective objective;

    public ParallelCoordinates() {
        getChildren().add(canvas);
        setMinSize(200, 150);
        widthProperty().addListener((o, a, b) -> draw());
        heightProperty().addListener((o, a, b) -> draw());
    }

    public void setData(List<TrialRecord> trials, List<String> parameterAxes, Objective objective) {
        this.trials = trials;
        this.axes = parameterAxes;
        this.objective = objective;
        draw();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    /** Position of a value on an axis, 0 (bottom) to 1 (top); log scale when all values are positive and span > 20x. */
    static double[] scale(List<Object> values) {
        List<Object> categories = new ArrayList<>();
        boolean numeric = values.stream().allMatch(v -> v == null || v instanceof Number);
        double[] out = new double[values.size()];
        if (!numeric) {
            for (Object v : values) {
                if (v != null && !categories.contains(v)) {
                    categories.add(v);
                }
            }
            for (int i = 0; i < out.length; i++) {
                Object v = values.get(i);
                out[i] = v == null ? Double.NaN : categories.size() == 1 ? 0.5 : (double) categories.indexOf(v) / (categories.size() - 1);
            }
            return out;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Object v : values) {
            if (v != null) {
                double d = ((Number) v).doubleValue();
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
        }
        boolean log = min > 0 && max / min > 20;
        for (int i = 0; i < out.length; i++) {
            Object v = values.get(i);
            if (v == null) {
                out[i] = Double.NaN;
                continue;
            }
            double d = ((Number) v).doubleValue();
            out[i] = max == min ? 0.5 : log ? (Math.log(d) - Math.log(min)) / (Math.log(max) - Math.log(min)) : (d - min) / (max - min);
        }
        return out;
    }

    /** A value's label at its position on an axis. */
    record Tick(double position, String text) {
    }

    /** Where to label an axis: its lowest and highest value (numbers), or every category (up to 8). */
    static List<Tick> ticks(List<Object> values) {
        return ticks(values, scale(values));
    }

    /** As {@link #ticks(List)} with the axis positions {@link #scale} already gave. */
    private static List<Tick> ticks(List<Object> values, double[] pos) {
        List<Tick> out = new ArrayList<>();
        boolean numeric = values.stream().allMatch(v -> v == null || v instanceof Number);
        int lo = -1;
        int hi = -1;
        for (int i = 0; i < pos.length; i++) {
            if (Double.isNaN(pos[i])) {
                continue;
            }
            if (!numeric) {
                String text = String.valueOf(values.get(i));
                if (out.stream().noneMatch(t -> t.text().equals(text))) {
                    out.add(new Tick(pos[i], text));
                }
                continue;
            }
            lo = lo < 0 || pos[i] < pos[lo] ? i : lo;
            hi = hi < 0 || pos[i] > pos[hi] ? i : hi;
        }
        if (numeric && lo >= 0) {
            out.add(new Tick(pos[lo], Formats.num(((Number) values.get(lo)).doubleValue())));
            if (pos[hi] != pos[lo]) {
                out.add(new Tick(pos[hi], Formats.num(((Number) values.get(hi)).doubleValue())));
            }
        }
        return out.size() > 8 ? out.subList(0, 8) : out;
    }

    void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        List<TrialRecord> done = trials.stream().filter(TrialRecord::hasValue).toList();
        if (done.isEmpty() || w < 50 || h < 50) {
            g.setFill(Color.GRAY);
            g.fillText("Parallel coordinates appear when trials finish.", 10, 20);
            return;
        }
        List<String> names = new ArrayList<>(axes);
        names.add(objective.metric());
        int k = names.size();
        double left = 60; // room for the first and last axes' names and value labels
        double right = w - 60;
        double top = 46;
        double bottom = h - 40;
        double[][] pos = new double[k][];
        List<List<Tick>> ticks = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            List<Object> values = new ArrayList<>();
            for (TrialRecord r : done) {
                values.add(a == k - 1 ? (Object) r.value() : r.params().get(names.get(a)));
            }
            pos[a] = scale(values);
            ticks.add(ticks(values, pos[a]));
        }
        double[] metric = pos[k - 1];
        for (int i = 0; i < done.size(); i++) {
            TrialRecord r = done.get(i);
            double goodness = objective.maximize() ? metric[i] : 1 - metric[i];
            Color c = Color.hsb(0 + 220 * (1 - goodness), 0.8, 0.85, r.status() == TrialStatus.PRUNED ? 0.25 : 0.8);
            g.setStroke(c);
            g.setLineWidth(r.status() == TrialStatus.PRUNED ? 0.8 : 1.5);
            g.beginPath();
            boolean started = false;
            for (int a = 0; a < k; a++) {
                double p = pos[a][i];
                if (Double.isNaN(p)) {
                    continue;
                }
                double x = k == 1 ? (left + right) / 2 : left + (right - left) * a / (k - 1);
                double y = bottom - p * (bottom - top);
                if (started) {
                    g.lineTo(x, y);
                } else {
                    g.moveTo(x, y);
                    started = true;
                }
            }
            g.stroke();
        }
        Color text = Theme.savedDark() ? Color.gray(0.85) : Color.gray(0.15);
        g.setStroke(Color.GRAY);
        g.setFill(text);
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.CENTER);
        for (int a = 0; a < k; a++) {
            double x = k == 1 ? (left + right) / 2 : left + (right - left) * a / (k - 1);
            g.strokeLine(x, top, x, bottom);
            String n = names.get(a);
            g.fillText(n.substring(n.indexOf('.') + 1), x, top - 22);
            for (Tick t : ticks.get(a)) {
                double y = bottom - t.position() * (bottom - top);
                g.strokeLine(x - 3, y, x + 3, y);
                // value labels just outside the axis ends, or beside the axis for categories in between
                double labelY = t.position() >= 1 ? y - 3 : t.position() <= 0 ? y + 13 : y + 4;
                g.fillText(t.text(), x, labelY);
            }
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(String.format(Locale.ROOT, "One line per finished trial; colour: %s (red = best, blue = worst; faint = pruned)",
                objective.metric()), 4, h - 6);
    }
}
