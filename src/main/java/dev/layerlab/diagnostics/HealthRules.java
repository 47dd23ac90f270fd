package dev.layerlab.diagnostics;

import dev.layerlab.training.EpochRecord;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a run's health samples and epoch results into warnings, each issue at most once per run. The thresholds
 * are documented in docs/guide/health.md; a rule on samples needs the problem on several samples in a row, so that
 * one noisy batch does not warn.
 */
public final class HealthRules {
    /** A layer's gradient norm above this (or not finite) is exploding. */
    static final double EXPLODING_NORM = 1e3;
    /** Median update:parameter ratio above this: the learning rate is too high (healthy: about 1e-3). */
    static final double RATIO_HIGH = 3e-2;
    /** Median update:parameter ratio below this over the first epoch: the learning rate is too low. */
    static final double RATIO_LOW = 1e-5;
    /** The first layer's gradient (per parameter) this much smaller than the output layer's: vanishing. */
    static final double VANISHING_FACTOR = 1e-3;
    /** Fraction of never-active ReLU units in a layer above which it is dying. */
    static final double DEAD_FRACTION = 0.4;
    /** Samples in a row a sample rule needs. */
    static final int PERSIST = 3;
    /** Epochs of rising validation loss while the training loss falls. */
    static final int OVERFIT_EPOCHS = 4;

    private final Set<HealthIssue> raised = EnumSet.noneOf(HealthIssue.class);
    private final Map<HealthIssue, Integer> streak = new HashMap<>();
    private final List<EpochRecord> epochs = new ArrayList<>();
    private final List<Double> firstEpochRatios = new ArrayList<>();
    private int firstEpoch = -1;

    /** Warnings raised by one sampled step (all layers of it). */
    public List<HealthWarning> onStep(List<HealthSample> step) {
        List<HealthWarning> warnings = new ArrayList<>();
        if (step.isEmpty()) {
            return warnings;
        }
        int epoch = step.get(0).epoch();
        if (firstEpoch < 0) {
            firstEpoch = epoch;
        }
        HealthSample worstGrad = null;
        for (HealthSample s : step) {
            if (!Double.isFinite(s.gradNorm()) || s.gradNorm() > EXPLODING_NORM) {
                worstGrad = s;
                break;
            }
        }
        if (worstGrad != null && !Double.isFinite(worstGrad.gradNorm())) {
            // NaN needs no second look.
            raise(warnings, HealthIssue.EXPLODING, epoch, "the gradient of layer " + worstGrad.layer() + " is " + worstGrad.gradNorm());
        } else {
            check(warnings, HealthIssue.EXPLODING, worstGrad != null, epoch, () -> String.format(Locale.ROOT,
                    "the gradient norm of layer %s is %.3g (healthy: below ~10)", layerOf(step, true), maxGrad(step)));
        }

        double ratio = medianRatio(step);
        check(warnings, HealthIssue.LEARNING_RATE_HIGH, ratio > RATIO_HIGH, epoch, () -> String.format(Locale.ROOT,
                "each step changes the weights by %.2g of their size (healthy: about 0.001)", ratio));
        if (epoch == firstEpoch && Double.isFinite(ratio)) {
            firstEpochRatios.add(ratio);
        }

        HealthSample first = step.get(0);
        HealthSample last = step.get(step.size() - 1);
        boolean vanishing = false;
        double factor = Double.NaN;
        if (step.size() >= 3 && first.gradNorm() >= 0 && last.gradNorm() > 0) {
            factor = perParameter(first) / perParameter(last);
            vanishing = factor < VANISHING_FACTOR;
        }
        double f = factor;
        check(warnings, HealthIssue.VANISHING, vanishing, epoch, () -> f == 0
                ? "the first layer (" + first.layer() + ") gets no gradient at all, so it does not learn"
                : String.format(Locale.ROOT, "the first layer (%s) gets a gradient %.2g times the output layer's, so it barely learns",
                first.layer(), f));

        HealthSample dead = null;
        for (HealthSample s : step) {
            if (s.deadFraction() > DEAD_FRACTION && (dead == null || s.deadFraction() > dead.deadFraction())) {
                dead = s;
            }
        }
        HealthSample d = dead;
        check(warnings, HealthIssue.DYING_RELU, dead != null, epoch, () -> String.format(Locale.ROOT,
                "%.0f %% of the units of layer %s never activate (output 0 on every row)", 100 * d.deadFraction(), d.layer()));
        return warnings;
    }

    /** Warnings raised by a finished epoch (learning rate too low after the first epoch, over- and underfitting). */
    public List<HealthWarning> onEpoch(EpochRecord record) {
        List<HealthWarning> warnings = new ArrayList<>();
        epochs.add(record);
        int epoch = record.epoch();
        if (epoch == firstEpoch && firstEpochRatios.size() >= PERSIST) {
            double median = median(firstEpochRatios);
            if (median < RATIO_LOW) {
                raise(warnings, HealthIssue.LEARNING_RATE_LOW, epoch, String.format(Locale.ROOT,
                        "each step changes the weights by only %.2g of their size (healthy: about 0.001)", median));
            }
        }
        int n = epochs.size();
        if (n > OVERFIT_EPOCHS && Double.isFinite(record.valLoss())) {
            boolean valRising = true;
            boolean trainFalling = true;
            for (int i = n - OVERFIT_EPOCHS; i < n; i++) {
                valRising &= epochs.get(i).valLoss() > epochs.get(i - 1).valLoss();
                trainFalling &= epochs.get(i).trainLoss() < epochs.get(i - 1).trainLoss();
            }
            double best = epochs.stream().mapToDouble(EpochRecord::valLoss).min().orElse(Double.NaN);
            if (valRising && trainFalling && record.valLoss() > best * 1.05) {
                raise(warnings, HealthIssue.OVERFITTING, epoch, String.format(Locale.ROOT,
                        "the validation loss rose for %d epochs (%.4g, best %.4g) while the training loss kept falling",
                        OVERFIT_EPOCHS, record.valLoss(), best));
            }
        }
        if (n >= 5) {
            double start = epochs.get(0).trainLoss();
            double now = record.trainLoss();
            if (Double.isFinite(start) && Double.isFinite(now) && now > 0.97 * start) {
                raise(warnings, HealthIssue.UNDERFITTING, epoch, String.format(Locale.ROOT,
                        "the training loss has hardly fallen in %d epochs (%.4g, was %.4g)", n, now, start));
            }
            Double r2 = record.trainMetrics().get("r2");
            if (n >= 10 && r2 != null && r2 < 0.2) {
                raise(warnings, HealthIssue.UNDERFITTING, epoch, String.format(Locale.ROOT,
                        "after %d epochs the model explains only %.0f %% of the target's variance on the training rows (R2 %.3f)",
                        n, 100 * Math.max(0, r2), r2));
            }
        }
        return warnings;
    }

    /** Warning for a run that stopped because the loss became NaN or infinite. */
    public List<HealthWarning> onDiverged(int epoch) {
        List<HealthWarning> warnings = new ArrayList<>();
        raise(warnings, HealthIssue.EXPLODING, epoch, "the loss became NaN or infinite and training stopped");
        return warnings;
    }

    private void check(List<HealthWarning> out, HealthIssue issue, boolean seen, int epoch, java.util.function.Supplier<String> detail) {
        int run = seen ? streak.merge(issue, 1, Integer::sum) : 0;
        if (!seen) {
            streak.put(issue, 0);
        }
        if (run >= PERSIST) {
            raise(out, issue, epoch, detail.get());
        }
    }

    private void raise(List<HealthWarning> out, HealthIssue issue, int epoch, String detail) {
        if (raised.add(issue)) {
            out.add(new HealthWarning(issue, epoch, detail));
        }
    }

    private static double perParameter(HealthSample s) {
        int n = 0;
        for (int c : s.gradients().counts()) {
            n += c;
        }
        return s.gradNorm() / Math.sqrt(Math.max(n, 1));
    }

    private static String layerOf(List<HealthSample> step, boolean largestGradient) {
        HealthSample worst = step.get(0);
        for (HealthSample s : step) {
            if (!(s.gradNorm() <= worst.gradNorm())) {
                worst = s;
            }
        }
        return worst.layer();
    }

    private static double maxGrad(List<HealthSample> step) {
        double max = 0;
        for (HealthSample s : step) {
            max = Math.max(max, s.gradNorm());
        }
        return max;
    }

    static double medianRatio(List<HealthSample> step) {
        List<Double> ratios = new ArrayList<>();
        for (HealthSample s : step) {
            if (Double.isFinite(s.updateRatio())) {
                ratios.add(s.updateRatio());
            }
        }
        return ratios.isEmpty() ? Double.NaN : median(ratios);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
