package dev.layerlab.baselines;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.layerlab.AtomicFiles;
import dev.layerlab.data.FittedPreprocessing;
import dev.layerlab.experiment.ExperimentJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.layerlab.data.Matrix;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.TaskType;
import dev.layerlab.training.Metrics;
import dev.layerlab.training.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a network should beat, fitted on the same prepared split: a linear model (ridge, its penalty picked on the
 * validation rows; for classification, ridge on each class's indicator with the scores clipped into
 * probabilities) and gradient-boosted trees (LightGBM). Scored with the network's own metrics, per split.
 */
public final class Baselines {
    public static final String LINEAR = "linear";
    public static final String GRADIENT_BOOSTING = "gradient_boosting";
    /** The file a run's baselines are written to, beside metrics.json. */
    public static final String FILE = "baselines.json";

    /**
     * @param metrics baseline name to split ("train", "validation", "test") to metric name to value; a baseline
     *                that could not be fitted is absent, with its reason in {@code notes}
     * @param notes   one line per baseline: what was fitted (penalty, rounds, seconds) or why not
     */
    public record Result(Map<String, Map<String, Map<String, Double>>> metrics, List<String> notes) {
        /** A baseline's value of a metric on a split; NaN when absent. */
        public double value(String baseline, String split, String metric) {
            Map<String, Map<String, Double>> b = metrics.get(baseline);
            Map<String, Double> s = b == null ? null : b.get(split);
            Double v = s == null ? null : s.get(metric);
            return v == null ? Double.NaN : v;
        }
    }

    private Baselines() {
    }

    /**
     * Fits both baselines on {@code data}'s training rows.
     *
     * @param threads LightGBM's threads; 1 is best when networks train beside it (its OpenMP threads spin and
     *                slow down many times over on busy cores)
     */
    public static Result fit(PreparedData data, int threads, long seed) {
        FittedPreprocessing prep = data.preprocessing();
        Trainer.Evaluator evaluator = new Trainer.Evaluator(prep);
        Map<String, Map<String, Map<String, Double>>> all = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        int width = prep.targetWidth();
        TaskType task = prep.task();
        Matrix[] splits = {data.train(), data.validation(), data.test()};
        String[] names = {"train", "validation", "test"};

        long started = System.nanoTime();
        try {
            Ridge ridge = new Ridge(data.train(), labels(data.train(), width), width);
            double[][] best = null;
            double bestAlpha = 1;
            double bestScore = Double.NaN;
            String headline = Metrics.headline(task);
            boolean lowerIsBetter = task == TaskType.REGRESSION;
            Matrix select = data.validation().rows() > 0 ? data.validation() : data.train();
            for (double alpha : Ridge.ALPHAS) {
                double[][] w;
                try {
                    w = ridge.solve(alpha);
                } catch (RuntimeException e) {
                    continue; // not positive definite at this penalty: try a stronger one
                }
                double score = evaluator.metrics(probabilities(task, ridge.scores(w, select), width), select).get(headline);
                if (best == null || (lowerIsBetter ? score < bestScore : score > bestScore)) {
                    best = w;
                    bestAlpha = alpha;
                    bestScore = score;
                }
            }
            if (best == null) {
                throw new IllegalStateException("no penalty gave a solvable system");
            }
            Map<String, Map<String, Double>> linear = new LinkedHashMap<>();
            for (int s = 0; s < splits.length; s++) {
                if (splits[s].rows() > 0) {
                    linear.put(names[s], evaluator.metrics(probabilities(task, ridge.scores(best, splits[s]), width), splits[s]));
                }
            }
            all.put(LINEAR, linear);
            notes.add(String.format(Locale.ROOT, "linear: ridge, alpha %g x rows (picked on the %s rows), %.1f s",
                    bestAlpha, select == data.train() ? "training" : "validation", seconds(started)));
        } catch (RuntimeException e) {
            notes.add("linear: not fitted (" + e.getMessage() + ")");
        }

        started = System.nanoTime();
        try {
            GradientBoosting gbm = new GradientBoosting(task, prep.classes().size(), threads, seed);
            float[][] outputs = gbm.fitPredict(data.train(), classLabels(data.train(), task, width), data.validation(),
                    classLabels(data.validation(), task, width), splits);
            Map<String, Map<String, Double>> boosted = new LinkedHashMap<>();
            for (int s = 0; s < splits.length; s++) {
                if (splits[s].rows() > 0) {
                    boosted.put(names[s], evaluator.metrics(outputs[s], splits[s]));
                }
            }
            all.put(GRADIENT_BOOSTING, boosted);
            notes.add(String.format(Locale.ROOT, "gradient boosting: LightGBM defaults, %d rounds of 31-leaf trees, learning rate 0.1, %.1f s",
                    gbm.rounds(), seconds(started)));
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            notes.add("gradient boosting: not fitted (" + String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ") + ")");
        }
        return new Result(all, notes);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** The main target's label block (rows x width). */
    private static float[] labels(Matrix m, int width) {
        int all = m.targetWidth();
        if (all == width) {
            return m.targets();
        }
        float[] out = new float[m.rows() * width];
        for (int r = 0; r < m.rows(); r++) {
            System.arraycopy(m.targets(), r * all, out, r * width, width);
        }
        return out;
    }

    /** One label per row for LightGBM: the scaled target, 0/1, or the class index. */
    private static float[] classLabels(Matrix m, TaskType task, int width) {
        float[] block = labels(m, width);
        if (task != TaskType.MULTICLASS_CLASSIFICATION) {
            return block;
        }
        float[] out = new float[m.rows()];
        for (int r = 0; r < m.rows(); r++) {
            int best = 0;
            for (int c = 1; c < width; c++) {
                if (block[r * width + c] > block[r * width + best]) {
                    best = c;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /** Linear scores as the network's outputs: as they are for regression, clipped probabilities otherwise. */
    private static float[] probabilities(TaskType task, float[] scores, int width) {
        if (task == TaskType.REGRESSION) {
            return scores;
        }
        float[] p = new float[scores.length];
        for (int r = 0; r < scores.length / width; r++) {
            double sum = 0;
            for (int c = 0; c < width; c++) {
                p[r * width + c] = Math.min(1 - 1e-4f, Math.max(1e-4f, scores[r * width + c]));
                sum += p[r * width + c];
            }
            if (width > 1) {
                for (int c = 0; c < width; c++) {
                    p[r * width + c] /= (float) sum;
                }
            }
        }
        return p;
    }

    /** Writes {@code DIR/baselines.json}: baseline name to split to metric name to value (atomically). */
    public static void write(Path dir, Result result) throws IOException {
        AtomicFiles.writeString(dir.resolve(FILE), ExperimentJson.MAPPER.writeValueAsString(result.metrics()) + "\n");
    }

    /** Reads a run folder's baselines.json; empty when it has none or it cannot be read. */
    public static Map<String, Map<String, Map<String, Double>>> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            if (Files.size(file) > 1 << 20) {
                return Map.of();
            }
            return ExperimentJson.MAPPER.readValue(file.toFile(),
                    new TypeReference<LinkedHashMap<String, Map<String, Map<String, Double>>>>() { });
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    /**
     * One line comparing the headline metric on a split, as the Training screen and the CLI show it:
     * "linear $68.6k - gradient boosting $47.5k - this network $52.1k" (rmse), or accuracies in %.
     */
    public static String compare(Map<String, Map<String, Map<String, Double>>> baselines, TaskType task, String split,
                                 Map<String, Double> network) {
        String metric = Metrics.headline(task);
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<String, Double>>> b : baselines.entrySet()) {
            Map<String, Double> values = b.getValue().get(split);
            if (values != null && values.get(metric) != null) {
                parts.add(b.getKey().replace('_', ' ') + " " + format(task, values.get(metric)));
            }
        }
        if (network != null && network.get(metric) != null) {
            parts.add("this network " + format(task, network.get(metric)));
        }
        return parts.isEmpty() ? "" : split + " " + metric + ": " + String.join(" - ", parts);
    }

    private static String format(TaskType task, double v) {
        if (task != TaskType.REGRESSION) {
            return String.format(Locale.ROOT, "%.1f %%", 100 * v);
        }
        return Math.abs(v) >= 10_000 ? String.format(Locale.ROOT, "%.1fk", v / 1000) : String.format(Locale.ROOT, "%.4g", v);
    }
}
