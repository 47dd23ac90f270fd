package dev.layerlab.gui.training;

import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.Workspace;
import dev.layerlab.export.RunWriter;
import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.Metrics;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.SplitPredictions;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingListener;
import dev.layerlab.training.TrainingResult;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs an experiment with the engine's {@link Trainer} on its own thread, reporting into a
 * {@link TrainingMonitor}, and writes the run into the workspace when it ends.
 */
public final class EngineTrainingJob implements TrainingViewModel.Job {
    private final Experiment experiment;
    private final Path baseDir;
    private final Workspace workspace;
    private final Consumer<Path> onRunSaved;

    public EngineTrainingJob(Experiment experiment, Path baseDir, Workspace workspace, Consumer<Path> onRunSaved) {
        this.experiment = experiment;
        this.baseDir = baseDir;
        this.workspace = workspace;
        this.onRunSaved = onRunSaved;
    }

    @Override
    public RunHandle start(TrainingMonitor monitor) {
        RunControl control = new RunControl();
        Thread t = new Thread(() -> run(control, monitor), "layerlab-training");
        t.setDaemon(true);
        t.start();
        return new RunHandle() {
            @Override
            public void pause() {
                control.pause();
            }

            @Override
            public void resume() {
                control.resume();
            }

            @Override
            public void cancel() {
                control.cancel();
            }
        };
    }

    private void run(RunControl control, TrainingMonitor monitor) {
        try {
            Instant started = Instant.now();
            monitor.log("Preparing data…");
            PreparedData data = DataPipeline.prepare(experiment.data(), baseDir, experiment.network().outputTargets());
            data.warnings().forEach(w -> monitor.log("warning: " + w));
            monitor.log(String.format(java.util.Locale.ROOT, "%s: %d train / %d validation / %d test rows, %d features",
                    data.task().name().toLowerCase(java.util.Locale.ROOT), data.train().rows(), data.validation().rows(),
                    data.test().rows(), data.preprocessing().featureCount()));
            String headline = Metrics.headline(data.task());
            Path runDir = workspace.newRunDir(experiment.name());
            Trainer trainer = new Trainer(control, runDir.resolve("checkpoints"));
            trainer.addListener(new TrainingListener() {
                @Override
                public void onStart(int epochs, int iterationsPerEpoch) {
                    monitor.onStart(epochs, iterationsPerEpoch);
                }

                @Override
                public void onIteration(int epoch, long iteration, double loss) {
                    monitor.onIteration(epoch, loss);
                }

                @Override
                public void onEpoch(EpochRecord r) {
                    monitor.onEpoch(EpochPoint.of(r, headline));
                    monitor.log(String.format(java.util.Locale.ROOT, "epoch %d: loss %.5g, val_loss %.5g, val_%s %.5g",
                            r.epoch(), r.trainLoss(), r.valLoss(), headline, r.valMetrics().getOrDefault(headline, Double.NaN)));
                }

                @Override
                public void onMessage(String message) {
                    monitor.log(message);
                }
            });
            TrainingResult result = trainer.train(experiment.network(), experiment.training(), data);
            monitor.log("Saving the run to " + runDir);
            RunWriter.write(runDir, experiment, data, result, experiment.data().path(), started, null);
            monitor.log(result.status() + (result.message() == null ? "" : ": " + result.message()));
            monitor.onFinished(outcome(result));
            onRunSaved.accept(runDir);
        } catch (Throwable e) {
            monitor.onFailed(e);
        }
    }

    static RunOutcome outcome(TrainingResult r) {
        Map<String, Double> test = new LinkedHashMap<>(r.metrics().getOrDefault("test",
                r.metrics().getOrDefault("validation", Map.of())));
        SplitPredictions p = r.evaluation();
        String reason = r.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        if (p == null) {
            return new RunOutcome(test, new double[0], new double[0], List.of(), new int[0][0], List.of(), r.keptEpoch(), reason);
        }
        if (p.classes() == null || p.classes().isEmpty()) {
            return new RunOutcome(test, p.predicted(), p.actual(), List.of(), new int[0][0], List.of(), r.keptEpoch(), reason);
        }
        List<double[]> roc = new ArrayList<>();
        try {
            int n = p.actual().length;
            int w = p.probabilityWidth();
            float[] scores = new float[n];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                // binary: P(class 1); multi-class: one-vs-rest of class 0... use the last class for binary symmetry
                scores[i] = w == 1 ? p.probabilities()[i] : p.probabilities()[i * w + (w - 1)];
                labels[i] = w == 1 ? (int) p.actual()[i] : ((int) p.actual()[i] == w - 1 ? 1 : 0);
            }
            for (double[] pt : Metrics.rocCurve(scores, labels)) {
                roc.add(pt);
            }
        } catch (RuntimeException ignored) {
            // no ROC then
        }
        return new RunOutcome(test, new double[0], new double[0], p.classes(), p.confusion(), roc, r.keptEpoch(), reason);
    }
}
