package dev.layerlab.diagnostics;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.Matrix;
import dev.layerlab.data.PreparedData;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.GraphNetwork;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.TrainableNetwork;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingSpec;
import dev.layerlab.training.Updaters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The learning-rate range test (Smith 2015; fast.ai's lr_find): trains a fresh copy of the network for a few hundred
 * mini-batches while the learning rate grows exponentially from {@code minRate} to {@code maxRate}, records the loss
 * at each rate, and stops once the loss has clearly blown up. The suggestion is one tenth of the rate at which the
 * smoothed loss was lowest (the rule in docs/guide/health.md): the minimum is already at the edge of divergence.
 */
public final class LrFinder {
    public static final String FILE = "lr_find.csv";
    /** Weight of the past in the loss's exponential moving average (as fast.ai). */
    static final double SMOOTHING = 0.98;
    /** The sweep stops when the smoothed loss exceeds this multiple of its lowest value. */
    static final double BLOW_UP = 4;

    /** One step of the sweep. */
    public record Point(int iteration, double learningRate, double loss, double smoothedLoss) {
    }

    /** The sweep and the rate it suggests (NaN when the loss never fell). */
    public record Result(List<Point> points, double suggested, double lowestLossRate) {
        public String csv() {
            StringBuilder csv = new StringBuilder("iteration,learning_rate,loss,smoothed_loss\n");
            for (Point p : points) {
                csv.append(String.format(Locale.ROOT, "%d,%.6g,%.6g,%.6g%n", p.iteration(), p.learningRate(), p.loss(),
                        p.smoothedLoss()));
            }
            return csv.toString();
        }
    }

    private final double minRate;
    private final double maxRate;
    private final int iterations;

    public LrFinder(double minRate, double maxRate, int iterations) {
        if (!(minRate > 0 && maxRate > minRate && Double.isFinite(maxRate))) {
            throw new InvalidInputException("the learning-rate sweep needs 0 < min < max, got " + minRate + " .. " + maxRate);
        }
        if (iterations < 10 || iterations > 100_000) {
            throw new InvalidInputException("the learning-rate sweep needs 10 to 100000 steps, got " + iterations);
        }
        this.minRate = minRate;
        this.maxRate = maxRate;
        this.iterations = iterations;
    }

    /** From 1e-7 to 10 over 300 steps. */
    public static LrFinder defaults() {
        return new LrFinder(1e-7, 10, 300);
    }

    /**
     * Sweeps on the training split of {@code data} with the experiment's network, optimizer and batch size.
     *
     * @param progress hears each point (on this thread); may be null
     */
    public Result run(NetworkSpec network, TrainingSpec spec, PreparedData data, RunControl control, Consumer<Point> progress) {
        double growth = Math.pow(maxRate / minRate, 1.0 / (iterations - 1));
        TrainableNetwork net = Trainer.buildNetwork(network, Trainer.shapeOf(data), spec,
                Updaters.toDl4j(spec.optimizer(), new ExponentialSchedule(ScheduleType.ITERATION, minRate, growth)));
        if (!(net instanceof GraphNetwork)) {
            data = data.withMainTargetOnly();
        }
        Matrix train = data.train();
        if (train.rows() == 0) {
            throw new InvalidInputException("the training split has no rows: raise the train fraction or use more data");
        }
        int batch = Math.min(spec.batchSize(), train.rows());
        int width = train.featureCount();
        int targetWidth = train.targetWidth();
        Random random = new Random(spec.seed());
        int[] order = permutation(train.rows(), random);
        int cursor = 0;
        float[] x = new float[batch * width];
        float[] y = new float[batch * targetWidth];
        List<Point> points = new ArrayList<>();
        double average = 0;
        double lowest = Double.POSITIVE_INFINITY;
        double lowestRate = Double.NaN;
        for (int i = 0; i < iterations; i++) {
            if (control != null && control.isCancelled()) {
                break;
            }
            if (cursor + batch > train.rows()) {
                order = permutation(train.rows(), random);
                cursor = 0;
            }
            for (int r = 0; r < batch; r++) {
                int row = order[cursor + r];
                System.arraycopy(train.features(), row * width, x, r * width, width);
                System.arraycopy(train.targets(), row * targetWidth, y, r * targetWidth, targetWidth);
            }
            cursor += batch;
            double rate = minRate * Math.pow(growth, i);
            net.fit(Nd4j.create(x, new long[] {batch, width}, DataType.FLOAT),
                    Nd4j.create(y, new long[] {batch, targetWidth}, DataType.FLOAT));
            double loss = net.score();
            if (!Double.isFinite(loss)) {
                break;
            }
            average = SMOOTHING * average + (1 - SMOOTHING) * loss;
            double smoothed = average / (1 - Math.pow(SMOOTHING, i + 1));
            Point point = new Point(i, rate, loss, smoothed);
            points.add(point);
            if (progress != null) {
                progress.accept(point);
            }
            if (smoothed < lowest) {
                lowest = smoothed;
                lowestRate = rate;
            }
            if (i > 10 && smoothed > BLOW_UP * lowest) {
                break;
            }
        }
        return new Result(points, suggest(points), lowestRate);
    }

    /**
     * One tenth of the rate with the lowest smoothed loss, skipping the first steps (the average is still settling);
     * NaN when the loss never fell below where it started.
     */
    static double suggest(List<Point> points) {
        int skip = Math.min(10, points.size() / 10);
        Point best = null;
        for (int i = skip; i < points.size(); i++) {
            if (best == null || points.get(i).smoothedLoss() < best.smoothedLoss()) {
                best = points.get(i);
            }
        }
        if (best == null || points.isEmpty() || !(best.smoothedLoss() < points.get(skip).smoothedLoss())) {
            return Double.NaN;
        }
        return best.learningRate() / 10;
    }

    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
