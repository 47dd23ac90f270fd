package dev.layerlab.cli;

import dev.layerlab.diagnostics.HealthWarning;
import dev.layerlab.diagnostics.NetworkHealth;
import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.TrainingListener;
import dev.layerlab.training.TrainingResult;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a run's progress: on a terminal a progress bar redrawn in place (at most ten times a second), otherwise
 * one plain line per epoch for logs and pipes.
 */
final class ProgressPrinter implements TrainingListener, NetworkHealth.Listener {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private int epochs;
    private int stepsPerEpoch;
    private long startNanos;
    private long lastDraw;
    private EpochRecord last;

    ProgressPrinter(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onStart(int epochs, int iterationsPerEpoch) {
        this.epochs = epochs;
        this.stepsPerEpoch = iterationsPerEpoch;
        this.startNanos = System.nanoTime();
    }

    @Override
    public void onIteration(int epoch, long iteration, double loss) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double done = (double) (iteration + 1) / ((long) epochs * stepsPerEpoch);
        int filled = (int) Math.min(BAR, Math.round(done * BAR));
        String bar = "#".repeat(filled) + "-".repeat(BAR - filled);
        out.printf(Locale.ROOT, "\r[%s] epoch %d/%d  loss %.4f%s  ETA %s   ", bar, epoch, epochs, loss,
                last == null ? "" : String.format(Locale.ROOT, "  val_loss %.4f", last.valLoss()), eta(done, now));
        out.flush();
    }

    @Override
    public void onEpoch(EpochRecord record) {
        last = record;
        if (terminal) {
            return;
        }
        double done = (double) record.epoch() / epochs;
        out.printf(Locale.ROOT, "epoch %d/%d  train_loss %.5f  val_loss %.5f  %s  elapsed %.1fs  ETA %s%n", record.epoch(), epochs,
                record.trainLoss(), record.valLoss(), headline(record), record.elapsedMillis() / 1000.0, eta(done, System.nanoTime()));
        out.flush();
    }

    @Override
    public void onMessage(String message) {
        out.println((terminal ? "\r" : "") + message);
        out.flush();
    }

    /** A network-health warning: one line starting with "warning:". */
    @Override
    public void onWarning(HealthWarning warning) {
        onMessage("warning: " + warning.text());
    }

    @Override
    public void onEnd(TrainingResult result) {
        if (terminal) {
            out.println();
        }
        out.flush();
    }

    private static String headline(EpochRecord record) {
        StringBuilder text = new StringBuilder();
        record.valMetrics().entrySet().stream()
                .filter(e -> e.getKey().equals("rmse") || e.getKey().equals("accuracy"))
                .forEach(e -> text.append(String.format(Locale.ROOT, "val_%s %.4g", e.getKey(), e.getValue())));
        return text.toString();
    }

    private String eta(double done, long now) {
        if (done <= 0) {
            return "?";
        }
        long seconds = Math.round((now - startNanos) / 1e9 * (1 - done) / done);
        return seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }
}
