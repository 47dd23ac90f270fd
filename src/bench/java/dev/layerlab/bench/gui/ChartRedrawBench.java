package dev.layerlab.bench.gui;

import dev.layerlab.bench.Figure;
import dev.layerlab.gui.common.LiveChart;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Redraw time of a loss chart holding 100,000 points: new data set, then CSS, layout and rendering forced by a
 * snapshot of the chart (what the next pulse would do), on the FX thread. LayerLab's {@link LiveChart} (every
 * point kept, thinned to about the plot's pixel width for display) against JavaFX's own {@code LineChart}
 * holding every point, alternating, on the same data.
 */
public final class ChartRedrawBench {
    static final int POINTS = 100_000;
    static final int WIDTH = 800;
    static final int HEIGHT = 450;
    static final int SOLO_WARMUPS = 100;

    private ChartRedrawBench() {
    }

    /** A chart under test: its node, and how it is given a new series. */
    interface Candidate {
        Node node();

        void show(float[] losses);
    }

    /** The training screen's iteration chart, fed as the training screen feeds it. */
    static Candidate liveChart() {
        LiveChart chart = new LiveChart("Loss per iteration", "iteration", "loss", "loss");
        return new Candidate() {
            @Override
            public Node node() {
                return chart.node();
            }

            @Override
            public void show(float[] losses) {
                chart.setDense("loss", losses, losses.length, 1, 1);
            }
        };
    }

    /** JavaFX's LineChart given every point (as {@code plainLineChart}), or {@code maxPoints} min/max points of them. */
    static Candidate plainLineChart() {
        return lineChart(Integer.MAX_VALUE);
    }

    /** JavaFX's LineChart given every point. */
    static Candidate lineChart(int maxPoints) {
        NumberAxis x = new NumberAxis();
        NumberAxis y = new NumberAxis();
        x.setForceZeroInRange(false);
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setTitle("Loss per iteration");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        return new Candidate() {
            @Override
            public Node node() {
                return chart;
            }

            @Override
            public void show(float[] losses) {
                List<XYChart.Data<Number, Number>> data = new ArrayList<>(Math.min(losses.length, maxPoints));
                if (maxPoints < losses.length) {
                    for (dev.layerlab.training.monitor.Decimator.Point p : dev.layerlab.training.monitor.Decimator.minMax(losses, maxPoints, 1, 1)) {
                        data.add(new XYChart.Data<>(p.x(), p.y()));
                    }
                } else {
                    for (int i = 0; i < losses.length; i++) {
                        data.add(new XYChart.Data<>(i + 1, losses[i]));
                    }
                }
                // A new series each time: replacing 100,000 points of a shown series costs JavaFX tens of seconds.
                chart.getData().setAll(List.of(new XYChart.Series<>(javafx.collections.FXCollections.observableList(data))));
            }
        };
    }

    /**
     * chartfx (GSI/FAIR's high-performance JavaFX chart): every point in a {@code DoubleDataSet}, drawn by its
     * default renderer, which reduces the points to the pixel width (its own min/max data reducer) on a canvas.
     */
    static Candidate chartFx() {
        io.fair_acc.chartfx.axes.spi.DefaultNumericAxis x = new io.fair_acc.chartfx.axes.spi.DefaultNumericAxis("iteration");
        io.fair_acc.chartfx.axes.spi.DefaultNumericAxis y = new io.fair_acc.chartfx.axes.spi.DefaultNumericAxis("loss");
        x.setAutoRangeRounding(true);
        y.setForceZeroInRange(false);
        io.fair_acc.chartfx.XYChart chart = new io.fair_acc.chartfx.XYChart(x, y);
        chart.setTitle("Loss per iteration");
        chart.setLegendVisible(false);
        io.fair_acc.dataset.spi.DoubleDataSet data = new io.fair_acc.dataset.spi.DoubleDataSet("loss", POINTS);
        // A plain line, as LayerLab draws it: no markers, no error bars (the renderer's point reduction stays on).
        io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer renderer = new io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer();
        renderer.setDrawMarker(false);
        renderer.setErrorStyle(io.fair_acc.chartfx.renderer.ErrorStyle.NONE);
        renderer.getDatasets().add(data);
        chart.getRenderers().setAll(renderer);
        double[] xs = new double[POINTS];
        double[] ys = new double[POINTS];
        return new Candidate() {
            @Override
            public Node node() {
                return chart;
            }

            @Override
            public void show(float[] losses) {
                for (int i = 0; i < losses.length; i++) {
                    xs[i] = i + 1;
                    ys[i] = losses[i];
                }
                data.set(xs, ys, losses.length, true); // copies, as a live series would be handed over
            }
        };
    }

    /** A noisy, decaying training loss with occasional spikes. */
    static float[] lossCurve(int n, long seed) {
        Random r = new Random(seed);
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            double base = 0.2 + 2.0 * Math.exp(-i / (n / 8.0));
            double noise = base * 0.3 * r.nextGaussian();
            double spike = r.nextInt(5000) == 0 ? base * 5 : 0;
            ys[i] = (float) Math.max(1e-4, base + noise + spike);
        }
        return ys;
    }

    /**
     * Milliseconds per redraw (median of {@code reps}) for each candidate, alternating. One window shows one
     * candidate at a time: the software renderer draws every shown window on one thread, so another chart's
     * pending redraw would be timed too. Not on the FX thread.
     */
    static double[] time(List<Candidate> candidates, int warmups, int reps) throws Exception {
        StackPane holder = new StackPane();
        Stage stage = GuiBench.fx(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(holder, WIDTH, HEIGHT));
            s.show();
            return s;
        });
        // The first candidate (LiveChart) redraws several times a second on the training screen, so it is timed warm:
        // after 5 alternating warm-ups its redraw still took twice its steady time (the JIT was still compiling
        // the chart's and the axes' code); 100 redraws of it alone (about 2 s) first. The others are references.
        for (int i = 0; i < SOLO_WARMUPS; i++) {
            float[] ys = lossCurve(POINTS, -1 - i);
            GuiBench.fx(() -> {
                holder.getChildren().setAll(candidates.get(0).node());
                candidates.get(0).show(ys);
                return candidates.get(0).node().snapshot(null, null);
            });
        }
        double[][] ms = new double[candidates.size()][reps];
        java.util.Map<Integer, javafx.scene.image.WritableImage> pngs = new java.util.concurrent.ConcurrentHashMap<>();
        for (int rep = -warmups; rep < reps; rep++) {
            float[] ys = lossCurve(POINTS, 1000 + rep);
            for (int c = 0; c < candidates.size(); c++) {
                Candidate candidate = candidates.get(c);
                int index = c;
                GuiBench.fx(() -> {
                    holder.getChildren().setAll(candidate.node());
                    return holder.snapshot(null, null);
                });
                // The comparison's 100,000-node LineChart leaves ~100 MB of garbage: collected here, not while the next
                // candidate is timed (the workbench never holds such a chart).
                System.gc();
                Thread.sleep(100); // let pending pulses render before timing
                double t = GuiBench.fx(() -> {
                    long t0 = System.nanoTime();
                    candidate.show(ys);
                    long t1 = System.nanoTime();
                    candidate.node().applyCss();
                    ((javafx.scene.Parent) candidate.node()).layout();
                    long tl = System.nanoTime();
                    javafx.scene.image.WritableImage shot = candidate.node().snapshot(null, null);
                    long t2 = System.nanoTime();
                    String pngDir = System.getProperty("layerlab.bench.chartPng");
                    if (pngDir != null) { // to look at what each candidate drew in the timed redraw
                        pngs.put(index, shot);
                    }
                    if (Boolean.getBoolean("layerlab.bench.verbose")) {
                        System.out.printf(Locale.ROOT, "candidate %d: set %.1f ms, css/layout %.1f, render %.1f ms%n", index,
                                (t1 - t0) / 1e6, (tl - t1) / 1e6, (t2 - tl) / 1e6);
                    }
                    return (t2 - t0) / 1e6;
                });
                if (rep >= 0) {
                    ms[c][rep] = t;
                }
            }
        }
        GuiBench.fx(() -> {
            stage.close();
            return null;
        });
        String pngDir = System.getProperty("layerlab.bench.chartPng");
        if (pngDir != null) {
            for (var e : pngs.entrySet()) {
                LiveChart.writePng(e.getValue(), java.nio.file.Path.of(pngDir, "chart-candidate-" + e.getKey() + ".png"));
            }
        }
        double[] medians = new double[candidates.size()];
        for (int c = 0; c < medians.length; c++) {
            double[] v = ms[c].clone();
            Arrays.sort(v);
            medians[c] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        return medians;
    }

    /** Runs the chart figure alone (headless flags as the bench passes them): {@code ChartRedrawBench [reps]}. */
    public static void main(String[] args) throws Exception {
        javafx.application.Platform.startup(() -> { });
        for (Figure f : run(args.length > 0 ? Integer.parseInt(args[0]) : 5)) {
            System.out.println(f.line());
        }
        System.exit(0);
    }

    static List<Figure> run(int reps) throws Exception {
        List<Candidate> candidates = GuiBench.fx(() -> List.of(liveChart(), plainLineChart(), lineChart(2 * WIDTH), chartFx()));
        double[] ms = time(candidates, reps > 3 ? 5 : 1, reps); // a live chart redraws several times a second: warm
        return List.of(new Figure("gui.chart_redraw_100k", ms[0], "ms", "JavaFX LineChart, all points", ms[1], ms[0] / ms[1],
                "< 16 ms", String.format(Locale.ROOT, "%,d-point loss series in a %dx%d chart: set data + CSS/layout + render"
                        + " (snapshot), median of %d after %d warm-up redraws; LiveChart keeps every point and draws its min/max per pixel column on a canvas;"
                        + " a LineChart fed %d min/max points takes %.1f ms; chartfx 11.3.1 (XYChart, every point in a"
                        + " DoubleDataSet, its reducing ErrorDataSetRenderer as a plain line) takes %.1f ms; lower is better",
                        POINTS, WIDTH, HEIGHT, reps, SOLO_WARMUPS, 2 * WIDTH, ms[2], ms[3])));
    }
}
