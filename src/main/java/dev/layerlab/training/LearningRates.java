package dev.layerlab.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * The learning rate of each epoch under an {@link OptimizerSpec}'s schedule and warm-up, and the DL4J
 * {@link ISchedule} that gives it. Only ND4J's own schedule classes are used (a saved network must load in plain
 * DL4J): constant, step and exponential without warm-up map to ND4J's schedules of the same name; warm-up, cosine
 * and one-cycle are tabulated per epoch in a {@link MapSchedule} (the rate holds at its last value after the
 * epoch budget). The plateau schedule starts constant; the trainer lowers the rate when the loss stalls.
 */
public final class LearningRates {
    /** One-cycle: the share of the epochs spent rising, and the start / end divisors (PyTorch's OneCycleLR defaults). */
    static final double ONE_CYCLE_RISE = 0.3;
    static final double ONE_CYCLE_START_DIVISOR = 25;
    static final double ONE_CYCLE_END_DIVISOR = 25 * 1e4;

    private LearningRates() {
    }

    /** The rate of epoch {@code epochIndex} (0-based) in a run of {@code epochs} epochs, before any plateau drop. */
    public static double at(OptimizerSpec o, int epochs, int epochIndex) {
        int warmup = o.warmupOrZero();
        if (epochIndex < warmup) {
            return base(o, Math.max(1, epochs - warmup), 0) * (epochIndex + 1) / (warmup + 1);
        }
        return base(o, Math.max(1, epochs - warmup), epochIndex - warmup);
    }

    /** The schedule's rate {@code t} epochs after it started, in a schedule of {@code length} epochs. */
    private static double base(OptimizerSpec o, int length, int t) {
        double rate = o.learningRate();
        return switch (o.schedule()) {
            case CONSTANT, PLATEAU -> rate;
            case EXPONENTIAL -> rate * Math.pow(o.decay(), t);
            case STEP -> rate * Math.pow(o.decay(), Math.floor((double) t / o.stepEpochs()));
            case COSINE -> rate * 0.5 * (1 + Math.cos(Math.PI * Math.min(t, length) / length));
            case ONE_CYCLE -> oneCycle(rate, length, t);
        };
    }

    private static double oneCycle(double peak, int length, int t) {
        int rise = Math.max(1, (int) Math.round(ONE_CYCLE_RISE * length));
        double start = peak / ONE_CYCLE_START_DIVISOR;
        if (t < rise) {
            return start + (peak - start) * (1 - Math.cos(Math.PI * t / rise)) / 2;
        }
        double end = peak / ONE_CYCLE_END_DIVISOR;
        double fall = Math.max(1, length - 1 - rise);
        return end + (peak - end) * (1 + Math.cos(Math.PI * Math.min(1, (t - rise) / fall))) / 2;
    }

    /** The DL4J schedule of these settings over a run of {@code epochs} epochs. */
    public static ISchedule dl4j(OptimizerSpec o, int epochs) {
        double rate = o.learningRate();
        if (o.warmupOrZero() == 0) {
            switch (o.schedule()) {
                // A constant rate is an exponential schedule with factor 1: the schedule LayerLab always wrote.
                case CONSTANT, PLATEAU -> {
                    return new ExponentialSchedule(ScheduleType.EPOCH, rate, 1.0);
                }
                case EXPONENTIAL -> {
                    return new ExponentialSchedule(ScheduleType.EPOCH, rate, o.decay());
                }
                case STEP -> {
                    return new StepSchedule(ScheduleType.EPOCH, rate, o.decay(), o.stepEpochs());
                }
                default -> {
                    // tabulated below
                }
            }
        }
        Map<Integer, Double> values = new LinkedHashMap<>();
        double last = Double.NaN;
        for (int e = 0; e < Math.max(1, epochs); e++) {
            double v = at(o, epochs, e);
            if (v != last) { // only the epochs where the rate changes: a constant tail is one entry
                values.put(e, v);
                last = v;
            }
        }
        return new MapSchedule(ScheduleType.EPOCH, values);
    }
}
