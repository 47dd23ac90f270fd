package dev.layerlab.tuning;

import dev.layerlab.FolderLock;
import dev.layerlab.InvalidInputException;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.SearchSpace;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.Metrics;
import dev.layerlab.training.nd4j.NativeRuntime;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.RunStatus;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingListener;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.training.TrainingSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a hyperparameter study: proposes trials with a {@link Strategy}, trains them in parallel (each trial on
 * one worker thread, early stopping inside, weak ones pruned after each epoch), journals every finished trial
 * to {@code outDir/study.jsonl} and rewrites {@code outDir/trials.csv}. Running the same study again on the same
 * folder resumes it: journaled trials are not redone.
 *
 * <pre>{@code
 * StudyResult r = new Study(experiment, prepared, StudySettings.of(StrategyKind.BAYES, 30), outDir)
 *         .addListener(listener).run();
 * }</pre>
 */
public final class Study {
    private static final Logger LOG = LoggerFactory.getLogger(Study.class);

    private final Experiment base;
    private final PreparedData data;
    private final StudySettings settings;
    private final Path outDir;
    private final SearchSpace space;
    private final ResolvedSpace resolved;
    private final Objective objective;
    private final List<StudyListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<RunControl> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopRequested;
    /** Null: trials train on this process's thread pool. */
    private volatile TrialBackend backend;

    /**
     * @param base   the experiment; its {@code search} (or {@link SearchSpace#defaults()} when null) is searched
     * @param outDir where the journal and trials.csv go; null = nothing written (no resume)
     */
    public Study(Experiment base, PreparedData data, StudySettings settings, Path outDir) {
        this.base = base;
        this.data = data;
        this.settings = settings;
        this.outDir = outDir;
        this.space = base.search() != null ? base.search() : SearchSpace.defaults();
        this.resolved = ResolvedSpace.of(space, base);
        String metric = settings.metric() != null ? settings.metric() : "val_" + Metrics.headline(data.task());
        if (!metric.equals("val_loss") && !metric.startsWith("val_")) {
            throw new InvalidInputException("--metric must be a validation value such as val_loss, val_rmse or val_accuracy, got '" + metric + "'");
        }
        boolean known = metric.equals("val_loss") || List.of(Metrics.names(data.task())).contains(metric.substring(4));
        if (!known) {
            throw new InvalidInputException("--metric " + metric + " is not reported for " + data.task().name().toLowerCase(java.util.Locale.ROOT)
                    + " (use val_loss or val_ + one of " + String.join(", ", Metrics.names(data.task())) + ")");
        }
        this.objective = settings.maximize() != null ? new Objective(metric, settings.maximize()) : Objective.of(metric);
        if (!settings.crossValidation() && data.validation().rows() == 0) {
            throw new InvalidInputException("the experiment has no validation split: set a validation fraction or use --folds");
        }
    }

    public Study addListener(StudyListener listener) {
        listeners.add(listener);
        return this;
    }

    public Objective objective() {
        return objective;
    }

    public ResolvedSpace space() {
        return resolved;
    }

    /**
     * Trains the trials on a backend (Spark: {@link TrialBackends#spark}) instead of this process's thread pool;
     * the study opens it when it runs and closes it at the end. Pruning needs every trial's curve epoch by epoch,
     * which a backend's trials report only when they end, so a backend refuses a pruner.
     */
    public Study runOn(TrialBackend trialBackend) {
        if (trialBackend != null && settings.pruner() != PrunerKind.NONE) {
            throw new InvalidInputException("pruning (" + settings.pruner().id() + ") does not run on Spark: its trials report"
                    + " their curves only when they end; use --pruner none there (or run on this machine)");
        }
        this.backend = trialBackend;
        return this;
    }

    /** Where the trials run, for the user. */
    public String where() {
        TrialBackend b = backend;
        return b == null ? "this machine (" + Math.max(1, settings.parallelOrDefault()) + " at once)" : b.describe();
    }

    /** Asks the study to stop: running trials end at their next step and are not journaled (a resume redoes them). */
    public void stop() {
        stopRequested = true;
        running.forEach(RunControl::cancel);
        TrialBackend b = backend;
        if (b != null) {
            b.cancelAll();
        }
    }

    public Strategy createStrategy() {
        return switch (settings.strategy()) {
            case GRID -> new GridStrategy(resolved);
            case RANDOM, HYPERBAND -> new RandomStrategy(resolved, settings.seed());
            case BAYES -> new TpeStrategy(resolved, objective, settings.seed(), TpeStrategy.defaultStartup(settings.trials()));
        };
    }

    int epochCap() {
        int epochs = base.training().epochs();
        return settings.maxEpochs() > 0 ? Math.min(settings.maxEpochs(), epochs) : epochs;
    }

    Pruner createPruner() {
        return switch (settings.pruner()) {
            case NONE -> Pruner.none();
            case MEDIAN -> new MedianPruner(objective, 4, Math.max(2, graceEpochs()));
            case ASHA -> AshaPruner.hyperband(objective, epochCap(), graceEpochs());
        };
    }

    /**
     * The epochs at the start of every trial in which it is not pruned: the grace share (the command's, else the
     * experiment's search space's, default 25 %) of the epoch budget, so schedules act before a trial is judged.
     */
    int graceEpochs() {
        double grace = settings.pruningGrace() != null ? settings.pruningGrace()
                : base.search() != null ? base.search().pruningGraceOrDefault()
                : dev.layerlab.experiment.SearchSpace.DEFAULT_PRUNING_GRACE;
        return (int) Math.ceil(grace * epochCap());
    }

    private java.time.Duration timeBudget;

    /**
     * A wall-clock budget from {@link #run()}'s start: once it has passed no new trial starts; trials already
     * running finish (their results count). Null: none.
     */
    public Study timeBudget(java.time.Duration budget) {
        this.timeBudget = budget;
        return this;
    }

    /**
     * Runs the study to the end of its budget (or until {@link #stop()}); blocks. The study folder is locked
     * meanwhile: two studies journaling into one folder would interleave and lose trials.
     *
     * @throws dev.layerlab.InvalidInputException when another process (or job) holds the folder
     */
    public StudyResult run() {
        try (FolderLock lock = outDir == null ? null : FolderLock.acquire(outDir, "study folder")) {
            return runLocked();
        }
    }

    private StudyResult runLocked() {
        long deadline = timeBudget == null ? 0 : System.nanoTime() + timeBudget.toNanos();
        Strategy strategy = createStrategy();
        int planned = strategy.plannedTrials(settings.trials() == 0 && settings.strategy() != StrategyKind.GRID ? 20 : settings.trials());
        Pruner pruner = createPruner();
        List<TrialRecord> finished = Collections.synchronizedList(new ArrayList<>());
        StudyJournal journal = null;
        try {
            if (outDir != null) {
                journal = StudyJournal.open(outDir, settings.identity(objective.metric(), space));
                journal.warnings().forEach(this::message);
                finished.addAll(journal.trials());
                for (TrialRecord r : journal.trials()) {
                    pruner.restore(r);
                }
                if (!journal.trials().isEmpty()) {
                    message("Resuming: " + journal.trials().size() + " trial(s) already in " + journal.file());
                }
                TrialsCsv.write(outDir.resolve(TrialsCsv.FILE), snapshot(finished), resolved, objective);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the study journal in " + outDir + ": " + e.getMessage(), e);
        }

        Set<Integer> done = ConcurrentHashMap.newKeySet();
        finished.forEach(r -> done.add(r.number()));
        TrialBackend remote = backend;
        int parallel;
        try {
            parallel = Math.max(1, remote == null ? settings.parallelOrDefault() : remote.open(base, data, settings));
        } catch (RuntimeException e) {
            closeQuietly(journal);
            throw e;
        }
        message("Trials run on " + where());
        ExecutorService pool = Executors.newFixedThreadPool(parallel, new WorkerFactory());
        Semaphore slots = new Semaphore(parallel);
        AtomicInteger finishedCount = new AtomicInteger(done.size());
        StudyJournal finalJournal = journal;
        List<Throwable> journalErrors = new CopyOnWriteArrayList<>();
        try {
            for (int number = 0; number < planned && !stopRequested; number++) {
                if (done.contains(number)) {
                    continue;
                }
                slots.acquireUninterruptibly();
                if (stopRequested) {
                    slots.release();
                    break;
                }
                if (timeBudget != null && System.nanoTime() - deadline >= 0) {
                    slots.release();
                    message("Time budget reached: no new trial starts; running trials finish");
                    break;
                }
                Map<String, Object> params;
                synchronized (finished) {
                    params = strategy.suggest(number, new ArrayList<>(finished));
                }
                if (params == null) {
                    slots.release();
                    break;
                }
                int trialNumber = number;
                pool.execute(() -> {
                    try {
                        listeners.forEach(l -> l.onTrialStarted(trialNumber, params));
                        TrialRecord record = remote == null ? runTrial(trialNumber, params, pruner)
                                : runRemote(remote, trialNumber, params);
                        pruner.finished(trialNumber);
                        if (record == null) {
                            return; // stopped by the user: not journaled, a resume runs it again
                        }
                        synchronized (finished) {
                            if (finalJournal != null) {
                                try {
                                    finalJournal.append(record);
                                    TrialsCsv.write(outDir.resolve(TrialsCsv.FILE), snapshot(finished, record), resolved, objective);
                                } catch (IOException e) {
                                    journalErrors.add(e);
                                    stop();
                                }
                            }
                            finished.add(record);
                        }
                        int count = finishedCount.incrementAndGet();
                        listeners.forEach(l -> l.onTrialFinished(record, count, planned));
                    } catch (Throwable t) {
                        LOG.error("trial {} crashed", trialNumber, t);
                        message("trial " + trialNumber + " crashed: " + t);
                    } finally {
                        slots.release();
                    }
                });
            }
        } finally {
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                    if (stopRequested) {
                        running.forEach(RunControl::cancel);
                    }
                }
            } catch (InterruptedException e) {
                stop();
                Thread.currentThread().interrupt();
            }
            closeQuietly(journal);
            if (remote != null) {
                remote.close();
            }
        }
        if (!journalErrors.isEmpty()) {
            throw new UncheckedIOException("cannot write the study journal: " + journalErrors.get(0).getMessage(),
                    journalErrors.get(0) instanceof IOException io ? io : new IOException(journalErrors.get(0)));
        }
        StudyResult result = new StudyResult(snapshot(finished), objective, stopRequested);
        listeners.forEach(l -> l.onStudyFinished(result));
        return result;
    }

    private static void closeQuietly(StudyJournal journal) {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException ignored) {
                // nothing left to write
            }
        }
    }

    /**
     * One trial on the backend. Its curve reaches the listeners when it ends (a backend reports no epochs on the
     * way); a task that threw becomes a failed trial, unless the study was stopped (then it is redone on resume).
     */
    private TrialRecord runRemote(TrialBackend remote, int number, Map<String, Object> params) {
        long started = System.nanoTime();
        TrialRecord record;
        try {
            record = remote.run(number, params);
        } catch (RuntimeException e) {
            if (stopRequested) {
                return null;
            }
            LOG.warn("trial {} failed on {}", number, remote.describe(), e);
            return new TrialRecord(number, params, TrialStatus.FAILED, null, 0, 0, 0,
                    (System.nanoTime() - started) / 1_000_000, List.of(), "task failed: " + oneLine(e));
        }
        if (record == null) {
            return null;
        }
        for (int e = 0; e < record.curve().size(); e++) {
            Double v = record.curve().get(e);
            if (v != null) {
                int epoch = e + 1;
                listeners.forEach(l -> l.onTrialEpoch(number, epoch, v));
            }
        }
        return record;
    }

    /** A failure's message on one line: Spark puts the remote stack trace into its exception's message. */
    static String oneLine(Throwable e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        int lost = text.indexOf("most recent failure:");
        if (lost >= 0) {
            // "... most recent failure: Lost task 0.0 in stage 1.0 (TID 1) (host executor driver): java.lang.X: why"
            int cause = text.indexOf("): ", lost);
            text = cause >= 0 ? text.substring(cause + 3) : text.substring(lost);
        }
        int end = text.indexOf('\n');
        text = (end >= 0 ? text.substring(0, end) : text).strip();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static List<TrialRecord> snapshot(List<TrialRecord> finished, TrialRecord... more) {
        synchronized (finished) {
            List<TrialRecord> copy = new ArrayList<>(finished);
            copy.addAll(List.of(more));
            return copy;
        }
    }

    private void message(String text) {
        listeners.forEach(l -> l.onMessage(text));
    }

    /** The trial's training settings: epochs capped, early stopping watching the study's metric. */
    TrainingSpec trialTraining(TrainingSpec t) {
        t = t.withEpochs(Math.min(t.epochs(), epochCap()));
        EarlyStoppingSpec es = t.earlyStopping();
        if (settings.patience() != null) {
            es = settings.patience() == 0 ? EarlyStoppingSpec.disabled()
                    : new EarlyStoppingSpec(true, objective.metric(), settings.patience(), es.minDelta(), true);
        } else if (es.enabled()) {
            es = new EarlyStoppingSpec(true, objective.metric(), es.patience(), es.minDelta(), true);
        }
        return t.withEarlyStopping(new EarlyStoppingSpec(es.enabled(), objective.metric(), es.patience(), es.minDelta(), true))
                .withCheckpoints(new dev.layerlab.training.CheckpointSpec(0, false));
    }

    /**
     * Trains one trial on the calling thread without pruning, as a backend's task does (the study itself is not
     * run: no journal, no strategy). Null when {@link #stop()} was called meanwhile.
     */
    public TrialRecord runTrialHere(int number, Map<String, Object> params) {
        return runTrial(number, params, Pruner.none());
    }

    /** Trains one trial on the calling thread; null when the study was stopped meanwhile. */
    TrialRecord runTrial(int number, Map<String, Object> params, Pruner pruner) {
        long started = System.nanoTime();
        RunControl control = new RunControl();
        running.add(control);
        if (stopRequested) {
            control.cancel();
        }
        try {
            Experiment concrete = SpaceApplier.apply(base, params);
            TrainingSpec training = trialTraining(concrete.training());
            List<PreparedData> folds = folds();
            List<Double> curve = new ArrayList<>();
            boolean[] pruned = {false};
            double sum = 0;
            int counted = 0;
            int epochs = 0;
            int bestEpoch = 0;
            long numParams = 0;
            for (int f = 0; f < folds.size(); f++) {
                boolean first = f == 0;
                Trainer trainer = new Trainer(control, null);
                trainer.addListener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochRecord record) {
                        if (!first) {
                            return;
                        }
                        double v = record.value(objective.metric());
                        curve.add(v);
                        listeners.forEach(l -> l.onTrialEpoch(number, record.epoch(), v));
                        if (pruner.report(number, record.epoch(), v) && record.epoch() < training.epochs()) {
                            pruned[0] = true;
                            control.cancel();
                        }
                    }
                });
                TrainingResult result = trainer.train(concrete.network(), training, folds.get(f));
                if (result.status() == RunStatus.CANCELLED && !pruned[0]) {
                    return null;
                }
                epochs += result.epochsRun();
                numParams = result.network().numParams();
                double value = keptValue(result);
                if (first) {
                    bestEpoch = result.keptEpoch();
                }
                if (pruned[0]) {
                    sum = value;
                    counted = 1;
                    break;
                }
                if (Double.isFinite(value)) {
                    sum += value;
                    counted++;
                }
            }
            double value = counted == 0 ? Double.NaN : sum / counted;
            TrialStatus status = pruned[0] ? TrialStatus.PRUNED : Double.isFinite(value) ? TrialStatus.COMPLETE : TrialStatus.FAILED;
            String message = pruned[0] ? "pruned after epoch " + curve.size() : status == TrialStatus.FAILED ? "no finite " + objective.metric() : null;
            return new TrialRecord(number, params, status, value, epochs, bestEpoch, numParams,
                    (System.nanoTime() - started) / 1_000_000, curve, message);
        } catch (RuntimeException e) {
            if (stopRequested) {
                return null;
            }
            String text = e.getMessage() == null ? e.toString() : e.getMessage();
            return new TrialRecord(number, params, TrialStatus.FAILED, null, 0, 0, 0,
                    (System.nanoTime() - started) / 1_000_000, List.of(), text.replaceAll("\\s*\\R\\s*", " "));
        } finally {
            running.remove(control);
            // Each trial's network is dropped here; ND4J workspaces are per thread and would otherwise pile up.
            NativeRuntime.releaseThreadWorkspaces();
        }
    }

    private List<PreparedData> foldData;

    private synchronized List<PreparedData> folds() {
        if (foldData == null) {
            // trials never look at the test split (not even for the trainer's end-of-run report)
            foldData = settings.crossValidation() ? Folds.kFold(data, settings.folds(), settings.seed())
                    : List.of(Folds.withSplits(data, data.train(), data.validation(), Folds.empty(data.train())));
        }
        return foldData;
    }

    /** The objective at the epoch whose weights were kept (the best one with restore-best early stopping). */
    private double keptValue(TrainingResult result) {
        for (EpochRecord r : result.history()) {
            if (r.epoch() == result.keptEpoch()) {
                return r.value(objective.metric());
            }
        }
        return result.history().isEmpty() ? Double.NaN : result.history().get(result.history().size() - 1).value(objective.metric());
    }

    private static final class WorkerFactory implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "tune-worker-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
