package dev.layerlab.diagnostics;

import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.RunStatus;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingListener;
import dev.layerlab.training.TrainingResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A run's network health: attach it to a {@link Trainer} with {@link #attachTo}; it samples the layers every
 * {@code every} steps, checks the {@link HealthRules} and tells its {@link Listener}s (on the training thread) what
 * it sampled and which warnings it raised. {@link #csv()} is the content of diagnostics.csv.
 */
public final class NetworkHealth implements TrainingListener {
    public static final String FILE = "diagnostics.csv";
    public static final String HEADER = "epoch,iteration,layer,grad_norm,update_ratio,dead_fraction,activation_mean,"
            + "activation_std,weight_min,weight_max,weight_hist,grad_min,grad_max,grad_hist";

    /** Hears samples and warnings on the training thread: must return at once. */
    public interface Listener {
        default void onSamples(List<HealthSample> step) {
        }

        default void onWarning(HealthWarning warning) {
        }
    }

    private final HealthProbe probe;
    private final HealthRules rules = new HealthRules();
    private final List<HealthSample> samples = Collections.synchronizedList(new ArrayList<>());
    private final List<HealthWarning> warnings = Collections.synchronizedList(new ArrayList<>());
    private final List<Listener> listeners = new ArrayList<>();
    private volatile int lastEpoch;

    public NetworkHealth() {
        this(HealthProbe.DEFAULT_EVERY);
    }

    public NetworkHealth(int every) {
        this.probe = new HealthProbe(every, this::onStep);
    }

    public NetworkHealth addListener(Listener listener) {
        listeners.add(listener);
        return this;
    }

    /** Samples the trainer's steps and hears its epochs. */
    public Trainer attachTo(Trainer trainer) {
        return trainer.probe(probe).addListener(this);
    }

    private void onStep(List<HealthSample> step) {
        samples.addAll(step);
        listeners.forEach(l -> l.onSamples(step));
        if (!step.isEmpty()) {
            lastEpoch = step.get(0).epoch();
        }
        rules.onStep(step).forEach(this::warn);
    }

    @Override
    public void onIteration(int epoch, long iteration, double loss) {
        lastEpoch = epoch;
    }

    @Override
    public void onEpoch(EpochRecord record) {
        lastEpoch = record.epoch();
        rules.onEpoch(record).forEach(this::warn);
    }

    @Override
    public void onEnd(TrainingResult result) {
        if (result.status() == RunStatus.DIVERGED) {
            rules.onDiverged(lastEpoch).forEach(this::warn);
        }
    }

    private void warn(HealthWarning warning) {
        warnings.add(warning);
        listeners.forEach(l -> l.onWarning(warning));
    }

    /** CPU time the training thread spent sampling health so far (the bench's overhead figure). */
    public long samplingCpuNanos() {
        return probe.cpuNanos();
    }

    public List<HealthSample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    public List<HealthWarning> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    /** diagnostics.csv: one line per layer and sampled step. */
    public String csv() {
        return toCsv(samples());
    }

    public static String toCsv(List<HealthSample> samples) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (HealthSample s : samples) {
            csv.append(s.epoch()).append(',').append(s.iteration()).append(',').append(s.layer()).append(',')
                    .append(num(s.gradNorm())).append(',').append(num(s.updateRatio())).append(',')
                    .append(num(s.deadFraction())).append(',').append(num(s.activationMean())).append(',')
                    .append(num(s.activationStd())).append(',')
                    .append(num(s.weights().min())).append(',').append(num(s.weights().max())).append(',')
                    .append(s.weights().countsText()).append(',')
                    .append(num(s.gradients().min())).append(',').append(num(s.gradients().max())).append(',')
                    .append(s.gradients().countsText()).append('\n');
        }
        return csv.toString();
    }

    /** Reads diagnostics.csv back (the Runs screen shows the health of finished runs). */
    public static List<HealthSample> fromCsv(String text) {
        List<HealthSample> samples = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].split(",", -1);
            if (f.length < 14) {
                throw new dev.layerlab.InvalidInputException("diagnostics.csv line " + (i + 1) + " has " + f.length + " fields, expected 14");
            }
            try {
                samples.add(new HealthSample(Integer.parseInt(f[0]), Long.parseLong(f[1]), f[2], parse(f[3]), parse(f[4]),
                        parse(f[5]), parse(f[6]), parse(f[7]), Histogram.parse(orNaN(f[8]), orNaN(f[9]), f[10]),
                        Histogram.parse(orNaN(f[11]), orNaN(f[12]), f[13])));
            } catch (NumberFormatException e) {
                throw new dev.layerlab.InvalidInputException("diagnostics.csv line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return samples;
    }

    private static String orNaN(String text) {
        return text.isEmpty() ? "NaN" : text;
    }

    private static double parse(String text) {
        return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
    }

    private static String num(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6g", value);
    }
}
