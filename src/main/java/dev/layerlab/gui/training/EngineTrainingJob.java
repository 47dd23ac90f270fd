package dev.layerlab.gui.training;

import dev.layerlab.baselines.Baselines;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.runs.Workspace;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.gui.common.Figures;
import dev.layerlab.gui.task.BackgroundPriority;
import dev.layerlab.runs.RunJob;
import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.Metrics;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.SplitPredictions;
import dev.layerlab.training.TrainingListener;
import dev.layerlab.training.TrainingResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a training job of the engine ({@link RunJob}: a new run, a resumed one, or a fine-tune) on its own thread,
 * reporting into a {@link TrainingMonitor}; the job writes the run into its folder when it ends. The data is
 * prepared on that thread too, never on the FX thread.
 */
public final class EngineTrainingJob implements TrainingViewModel.Job {
    /** Builds the engine's job (reads and prepares the data: slow); runs on the training thread. */
    @FunctionalInterface
    public interface Preparation {
        RunJob prepare(TrainingMonitor monitor) throws Exception;
    }

    private final Preparation preparation;
    private final Consumer<Path> onRunSaved;

    public EngineTrainingJob(Preparation preparation, Consumer<Path> onRunSaved) {
        this.preparation = preparation;
        this.onRunSaved = onRunSaved;
    }

    /** A new run of {@code experiment} in a new folder of {@code workspace}. */
    public EngineTrainingJob(Experiment experiment, Path baseDir, Workspace workspace, Consumer<Path> onRunSaved) {
        this(monitor -> {
            monitor.log("Preparing data…");
            PreparedData data = DataPipeline.prepare(experiment.data(), baseDir, experiment.network().outputTargets());
            return RunJob.fresh(experiment, data, baseDir, workspace.newRunDir(experiment.name()));
        }, onRunSaved);
    }

    /** Continues the run in {@code runDir} from its last checkpoint. */
    public static EngineTrainingJob resume(Path runDir, Consumer<Path> onRunSaved) {
        return new EngineTrainingJob(monitor -> {
            monitor.log("Reading the checkpoint and the data of " + runDir.getFileName() + "…");
            RunJob job = RunJob.resume(runDir);
            monitor.log("Resuming after epoch " + job.firstEpoch() + " of " + job.experiment().training().epochs());
            return job;
        }, onRunSaved);
    }

    /**
     * Fine-tunes the model {@code parentZip} on {@code dataFile} into a new folder of {@code workspace}.
     *
     * @param epochs       epochs to train (null keeps the model's setting)
     * @param learningRate a new learning rate (null keeps the model's)
     */
    public static EngineTrainingJob fineTune(Path parentZip, Path dataFile, Integer epochs, Double learningRate,
                                             boolean refit, Workspace workspace, Consumer<Path> onRunSaved) {
        return new EngineTrainingJob(monitor -> {
            monitor.log("Reading the model " + parentZip + "…");
            ModelBundle parent = ModelBundle.read(parentZip);
            Experiment experiment = RunJob.fineTuneExperiment(parent.experiment(), dataFile.toAbsolutePath().toString(),
                    epochs, learningRate);
            monitor.log("Preparing " + dataFile.getFileName() + (refit ? " (refitting the preprocessing)…"
                    : " with the model's preprocessing…"));
            Path dir = workspace.newRunDir(experiment.name() + "-finetune");
            try {
                return RunJob.fineTune(parent, parentZip, experiment, null, refit, learningRate, dir);
            } catch (RuntimeException e) {
                java.nio.file.Files.deleteIfExists(dir); // nothing was written yet: no empty run folder left behind
                throw e;
            }
        }, onRunSaved);
    }

    @Override
    public RunHandle start(TrainingMonitor monitor) {
        RunControl control = new RunControl();
        Thread t = new Thread(() -> {
            BackgroundPriority.lowerComputeThreads(); // the window's threads go first
            run(control, monitor);
        }, "layerlab-training");
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
            RunJob job = preparation.prepare(monitor);
            PreparedData data = job.data();
            data.warnings().forEach(w -> monitor.log("warning: " + w));
            monitor.log(String.format(java.util.Locale.ROOT, "%s: %d train / %d validation / %d test rows, %d features",
                    data.task().name().toLowerCase(java.util.Locale.ROOT), data.train().rows(), data.validation().rows(),
                    data.test().rows(), data.preprocessing().featureCount()));
            if (job.parentModel() != null) {
                monitor.log("Fine-tuning " + job.parentModel() + ": epochs are numbered on from its " + job.firstEpoch());
            }
            String headline = Metrics.headline(data.task());
            // A resumed run's chart starts with the epochs it already has.
            List<EpochRecord> before = job.previousHistory();
            before.forEach(r -> monitor.onEpoch(EpochPoint.of(r, headline)));
            monitor.epochOffset = job.firstEpoch();
            TrainingListener listener = new TrainingListener() {
                @Override
                public void onStart(int epochs, int iterationsPerEpoch) {
                    monitor.onStart(before.size() + epochs, iterationsPerEpoch);
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
            };
            TrainingResult result = job.run(control, List.of(listener),
                    new dev.layerlab.diagnostics.NetworkHealth().addListener(monitor.healthListener()));
            monitor.log("Saved the run to " + job.runDir());
            monitor.log(result.status() + (result.message() == null ? "" : ": " + result.message()));
            monitor.onFinished(outcome(result));
            onRunSaved.accept(job.runDir());
            if (result.epochsRun() > 0) {
                baselines(job, result, monitor);
            }
        } catch (Throwable e) {
            monitor.onFailed(e);
        }
    }

    /**
     * Fits the linear and gradient-boosting baselines on the run's own split (as {@code layerlab train} does), writes
     * DIR/baselines.json and hands the Training screen the comparison line. After the run is saved and its result
     * shown: the baselines take seconds and never hold up the network's figure.
     */
    static void baselines(RunJob job, TrainingResult result, TrainingMonitor monitor) {
        PreparedData data = job.data();
        if (data.train().rows() == 0) {
            return;
        }
        monitor.onBaselines(BASELINES_RUNNING);
        try {
            Baselines.Result baselines = Baselines.fit(data, 1, job.experiment().training().seed());
            Baselines.write(job.runDir(), baselines);
            baselines.notes().forEach(n -> monitor.log("baseline " + n));
            String split = result.metrics().containsKey("test") ? "test" : "validation";
            String line = Figures.comparison(baselines.metrics(), data.task(), split, result.metrics().get(split),
                    job.experiment().data().target(), "this network");
            monitor.onBaselines(line.isEmpty() ? "No baseline could be fitted: see the log." : line);
        } catch (Exception | LinkageError e) {
            monitor.log("baselines: not fitted (" + e.getMessage() + ")");
            monitor.onBaselines("Baselines could not be fitted: " + e.getMessage());
        }
    }

    /** What the Training screen shows while the baselines are fitted. */
    public static final String BASELINES_RUNNING = "Fitting the baselines (linear, gradient boosting) on the same split ...";

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
        Map<String, List<double[]>> perClass = new LinkedHashMap<>();
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
            if (w > 2) {
                // Multi-class: each class against all the others, one curve per class.
                for (int c = 0; c < w; c++) {
                    for (int i = 0; i < n; i++) {
                        scores[i] = p.probabilities()[i * w + c];
                        labels[i] = (int) p.actual()[i] == c ? 1 : 0;
                    }
                    perClass.put(p.classes().get(c), List.of(Metrics.rocCurve(scores, labels)));
                }
            }
        } catch (RuntimeException ignored) {
            // no ROC then
        }
        return new RunOutcome(test, new double[0], new double[0], p.classes(), p.confusion(), roc, r.keptEpoch(), reason,
                perClass);
    }
}
