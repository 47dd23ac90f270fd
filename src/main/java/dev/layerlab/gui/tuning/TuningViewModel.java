package dev.layerlab.gui.tuning;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.gui.task.BackgroundTask;
import dev.layerlab.gui.task.CurrentThreadTaskExecutor;
import dev.layerlab.gui.task.TaskExecutor;
import dev.layerlab.tuning.BestModel;
import dev.layerlab.tuning.Objective;
import dev.layerlab.experiment.ParamDomain;
import dev.layerlab.experiment.SearchSpace;
import dev.layerlab.tuning.ResolvedSpace;
import dev.layerlab.tuning.StrategyKind;
import dev.layerlab.tuning.Study;
import dev.layerlab.tuning.StudyListener;
import dev.layerlab.tuning.StudyResult;
import dev.layerlab.tuning.StudySettings;
import dev.layerlab.tuning.PrunerKind;
import dev.layerlab.tuning.TrialBackend;
import dev.layerlab.tuning.TrialBackends;
import dev.layerlab.tuning.TrialRecord;
import dev.layerlab.tuning.TrialStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The state of the Tuning screen as JavaFX properties, usable without a window.
 *
 * <p>Study progress arrives on worker threads into a lock-free queue; {@link #drain()} applies it to the
 * properties and must be called on the FX thread (the view calls it from a ~20 Hz timeline), so the GUI sees
 * coalesced updates however fast trials report. Tests call {@link #drain()} directly.
 */
public final class TuningViewModel {
    private final ObservableList<ParamRow> parameters = FXCollections.observableArrayList();
    private final ObjectProperty<StrategyKind> strategy = new SimpleObjectProperty<>(StrategyKind.RANDOM);
    private final IntegerProperty trials = new SimpleIntegerProperty(20);
    private final IntegerProperty parallel = new SimpleIntegerProperty(Runtime.getRuntime().availableProcessors());
    private final IntegerProperty folds = new SimpleIntegerProperty(0);
    private final IntegerProperty gridPoints = new SimpleIntegerProperty(4);
    private final IntegerProperty maxEpochs = new SimpleIntegerProperty(0);
    private final StringProperty metric = new SimpleStringProperty("");
    private final IntegerProperty seed = new SimpleIntegerProperty(42);
    /** Run on: false = this machine's thread pool, true = Spark at {@link #sparkMaster}. */
    private final BooleanProperty runOnSpark = new SimpleBooleanProperty(false);
    private final StringProperty sparkMaster = new SimpleStringProperty("local[2]");
    private final StringProperty budget = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("Ready.");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final ObservableList<TrialRow> leaderboard = FXCollections.observableArrayList();
    private final ObjectProperty<TrialRecord> best = new SimpleObjectProperty<>();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private final ObservableList<String> log = FXCollections.observableArrayList();

    private final Queue<Object> events = new ConcurrentLinkedQueue<>();
    private final Map<Integer, TrialRow> rows = new HashMap<>();
    private final Map<Integer, List<Double>> curves = new LinkedHashMap<>();
    private final List<TrialRecord> finished = new ArrayList<>();
    private Experiment experiment;
    private PreparedData data;
    private volatile Study study;
    private Objective objective = new Objective("val_loss", false);

    private record Started(int number, Map<String, Object> params) {
    }

    private record Epoch(int number, int epoch, double value) {
    }

    private record Finished(TrialRecord record) {
    }

    private record Message(String text) {
    }

    private record Done(StudyResult result, Throwable error) {
    }

    private final TaskExecutor executor;

    /** For tests that feed events by hand or run studies: work runs on the calling thread. */
    public TuningViewModel() {
        this(new CurrentThreadTaskExecutor());
    }

    /** @param executor runs the study and the best model's retraining (compute work, off the FX thread) */
    public TuningViewModel(TaskExecutor executor) {
        this.executor = executor;
        for (String name : SearchSpace.NAMES) {
            addRow(name);
        }
        strategy.addListener((o, a, b) -> refreshBudget());
        trials.addListener((o, a, b) -> refreshBudget());
        gridPoints.addListener((o, a, b) -> refreshBudget());
        loadSpace(SearchSpace.defaults());
    }

    private ParamRow addRow(String name) {
        boolean integer = name.equals(SearchSpace.BATCH_SIZE) || name.equals(SearchSpace.EPOCHS)
                || name.equals(SearchSpace.HIDDEN_LAYERS) || name.startsWith(SearchSpace.UNITS);
        ParamRow row = new ParamRow(name, integer);
        row.modeProperty().addListener((o, a, b) -> refreshBudget());
        row.fixedProperty().addListener((o, a, b) -> refreshBudget());
        row.choicesProperty().addListener((o, a, b) -> refreshBudget());
        row.lowProperty().addListener((o, a, b) -> refreshBudget());
        row.highProperty().addListener((o, a, b) -> refreshBudget());
        row.logProperty().addListener((o, a, b) -> refreshBudget());
        row.powerOfTwoProperty().addListener((o, a, b) -> refreshBudget());
        parameters.add(row);
        return row;
    }

    // ---- settings ----

    public ObservableList<ParamRow> parameters() {
        return parameters;
    }

    public ParamRow row(String name) {
        return parameters.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    public ObjectProperty<StrategyKind> strategyProperty() {
        return strategy;
    }

    public IntegerProperty trialsProperty() {
        return trials;
    }

    public IntegerProperty parallelProperty() {
        return parallel;
    }

    /** 0 = hold-out validation; k >= 2 = k-fold cross-validation. */
    public IntegerProperty foldsProperty() {
        return folds;
    }

    public IntegerProperty gridPointsProperty() {
        return gridPoints;
    }

    /** 0 = the experiment's epochs. */
    public IntegerProperty maxEpochsProperty() {
        return maxEpochs;
    }

    /** Empty = the task's headline validation metric. */
    public StringProperty metricProperty() {
        return metric;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public BooleanProperty runOnSparkProperty() {
        return runOnSpark;
    }

    /** local[N] (embedded in the workbench's process) or a cluster's URL such as spark://host:7077. */
    public StringProperty sparkMasterProperty() {
        return sparkMaster;
    }

    /** "Grid: 2480 points · budget 20 trials" - updated as the space is edited. */
    public StringProperty budgetProperty() {
        return budget;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public ObservableList<TrialRow> leaderboard() {
        return leaderboard;
    }

    public ObjectProperty<TrialRecord> bestProperty() {
        return best;
    }

    /** Bumped whenever chart data changed in a {@link #drain()}: charts redraw on it. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ObservableList<String> log() {
        return log;
    }

    public Objective objective() {
        return objective;
    }

    /** The experiment and its prepared data the study will run on; its search space (if any) fills the editor. */
    public void setExperiment(Experiment experiment, PreparedData data) {
        this.experiment = experiment;
        this.data = data;
        if (experiment.search() != null) {
            loadSpace(experiment.search());
        }
        refreshBudget();
    }

    public void loadSpace(SearchSpace space) {
        // per-layer units ("network.units[2]") get their own rows, after the shared one; old ones are dropped
        parameters.removeIf(r -> SearchSpace.unitIndex(r.name()) >= 0 && !space.parameters().containsKey(r.name()));
        space.parameters().keySet().stream()
                .filter(n -> SearchSpace.unitIndex(n) >= 0 && parameters.stream().noneMatch(r -> r.name().equals(n)))
                .sorted()
                .forEach(this::addRow);
        for (ParamRow row : parameters) {
            row.load(space.parameters().get(row.name()));
        }
        if (space.gridPoints() != null) {
            gridPoints.set(space.gridPoints());
        }
        pruningGrace = space.pruningGrace(); // no field on the screen: kept as loaded
        refreshBudget();
    }

    private Double pruningGrace;

    /** The space the editor describes (rows fixed to nothing are left out). */
    public SearchSpace toSearchSpace() {
        Map<String, ParamDomain> p = new LinkedHashMap<>();
        for (ParamRow row : parameters) {
            ParamDomain d = row.toDomain();
            if (d != null) {
                p.put(row.name(), d);
            }
        }
        return new SearchSpace(p, gridPoints.get(), pruningGrace);
    }

    /** Recomputes each row's point count and the grid size / budget line; bad rows get an error text. */
    public void refreshBudget() {
        boolean ok = true;
        for (ParamRow row : parameters) {
            try {
                ParamDomain d = row.toDomain();
                if (d != null) {
                    d.check(row.name());
                }
                row.errorProperty().set("");
                if (d == null) {
                    row.pointsProperty().set("");
                } else if (d instanceof ParamDomain.Uniform || d instanceof ParamDomain.LogUniform) {
                    row.pointsProperty().set("continuous (grid " + gridPoints.get() + ")");
                } else {
                    int n = d.gridValues(gridPoints.get()).size();
                    row.pointsProperty().set(n + (n == 1 ? " value" : " values"));
                }
            } catch (RuntimeException e) {
                ok = false;
                row.pointsProperty().set("");
                row.errorProperty().set(e instanceof NumberFormatException ? "not a number" : e.getMessage());
            }
        }
        if (!ok) {
            budget.set("Fix the highlighted parameters.");
            return;
        }
        try {
            long size = ResolvedSpace.of(toSearchSpace(), experiment).gridSize();
            String grid = size == Long.MAX_VALUE ? "more than 10^18" : String.format(Locale.ROOT, "%,d", size);
            budget.set(strategy.get() == StrategyKind.GRID
                    ? "Grid: " + grid + " points; runs " + (trials.get() <= 0 ? size : Math.min(size, trials.get())) + " trials"
                    : "Grid would be " + grid + " points; budget " + trials.get() + " trials");
        } catch (RuntimeException e) {
            budget.set(e.getMessage());
        }
    }

    public StudySettings settings() {
        String m = metric.get() == null || metric.get().isBlank() ? null : metric.get().trim();
        // Spark trials report their curves only when they end: no pruner there
        return new StudySettings(strategy.get(), trials.get(), parallel.get(), folds.get() >= 2 ? folds.get() : 0, m, null,
                seed.get(), runOnSpark.get() ? PrunerKind.NONE : null, maxEpochs.get(), null);
    }

    // ---- running ----

    /**
     * Starts the study on a background thread; progress reaches the properties through {@link #drain()}.
     *
     * @param outDir the study folder (journal, trials.csv, best/); null to keep nothing on disk
     */
    public void start(Path outDir) {
        if (running.get()) {
            return;
        }
        if (experiment == null || data == null) {
            throw new InvalidInputException("load an experiment and its data before tuning");
        }
        Experiment withSpace = experiment.withSearch(toSearchSpace());
        // the Spark backend is only created here (URL checked); Spark itself starts on the study's thread
        TrialBackend backend = runOnSpark.get() ? TrialBackends.spark(sparkMaster.get()) : null;
        Study s = new Study(withSpace, data, settings(), outDir).runOn(backend);
        objective = s.objective();
        leaderboard.clear();
        rows.clear();
        curves.clear();
        finished.clear();
        best.set(null);
        running.set(true);
        status.set("Running " + strategy.get().id() + " search on " + (backend == null ? "this machine" : "Spark " + sparkMaster.get().trim()
                + " (starting Spark takes a few seconds)") + " ...");
        s.addListener(new StudyListener() {
            @Override
            public void onTrialStarted(int number, Map<String, Object> params) {
                events.add(new Started(number, params));
            }

            @Override
            public void onTrialEpoch(int number, int epoch, double value) {
                events.add(new Epoch(number, epoch, value));
            }

            @Override
            public void onTrialFinished(TrialRecord record, int count, int planned) {
                events.add(new Finished(record));
            }

            @Override
            public void onMessage(String message) {
                events.add(new Message(message));
            }
        });
        study = s;
        // compute work: a niced thread of its own, whose priority the trial pool's workers inherit
        executor.executeCompute(BackgroundTask.of("Tuning study", c -> s.run())
                .onSuccess(r -> events.add(new Done(r, null)))
                .onFailure(e -> events.add(new Done(null, e))));
    }

    public void stop() {
        Study s = study;
        if (s != null) {
            s.stop();
            status.set("Stopping: running trials end at their next step ...");
        }
    }

    /** Feeds events as a study would (for tests and for replaying a journal). */
    public StudyListener listener() {
        return new StudyListener() {
            @Override
            public void onTrialStarted(int number, Map<String, Object> params) {
                events.add(new Started(number, params));
            }

            @Override
            public void onTrialEpoch(int number, int epoch, double value) {
                events.add(new Epoch(number, epoch, value));
            }

            @Override
            public void onTrialFinished(TrialRecord record, int count, int planned) {
                events.add(new Finished(record));
            }
        };
    }

    void setObjective(Objective o) {
        objective = o;
    }

    /** Applies queued progress to the properties (FX thread). Returns the number of events applied. */
    public int drain() {
        int applied = 0;
        boolean bestChanged = false;
        Object e;
        while ((e = events.poll()) != null) {
            applied++;
            if (e instanceof Started s) {
                TrialRow row = rows.computeIfAbsent(s.number(), n -> new TrialRow(n, describe(s.params())));
                if (!leaderboard.contains(row)) {
                    leaderboard.add(row);
                }
                curves.put(s.number(), new ArrayList<>());
            } else if (e instanceof Epoch p) {
                List<Double> c = curves.computeIfAbsent(p.number(), n -> new ArrayList<>());
                c.add(p.value());
                TrialRow row = rows.get(p.number());
                if (row != null) {
                    row.epochsProperty().set(p.epoch());
                    Double current = row.valueProperty().get();
                    if (Double.isFinite(p.value()) && (current == null || objective.better(p.value(), current))) {
                        row.valueProperty().set(p.value());
                    }
                }
            } else if (e instanceof Finished f) {
                TrialRecord r = f.record();
                TrialRow row = rows.computeIfAbsent(r.number(), n -> new TrialRow(n, describe(r.params())));
                if (!leaderboard.contains(row)) {
                    leaderboard.add(row);
                }
                row.finish(r);
                curves.put(r.number(), new ArrayList<>(r.curve().stream().map(v -> v == null ? Double.NaN : v).toList()));
                finished.add(r);
                bestChanged = true;
            } else if (e instanceof Message m) {
                log.add(m.text());
            } else if (e instanceof Done d) {
                running.set(false);
                study = null;
                if (d.error() != null) {
                    status.set("Study failed: " + d.error().getMessage());
                } else {
                    StudyResult r = d.result();
                    status.set(String.format(Locale.ROOT, "%s: %d trials, %d epochs%s", r.stopped() ? "Stopped" : "Finished",
                            r.trials().size(), r.totalEpochs(),
                            r.best().map(b -> String.format(Locale.ROOT, "; best %s = %.5g (trial %d)", objective.metric(), b.value(), b.number())).orElse("")));
                    // a resumed study also reports the trials it had before
                    for (TrialRecord t : r.trials()) {
                        if (!rows.containsKey(t.number())) {
                            events.add(new Finished(t));
                        }
                    }
                }
            }
        }
        if (bestChanged) {
            TrialRecord b = objective.best(finished).orElse(null);
            best.set(b);
            Set<Integer> front = StudyResult.pareto(finished, objective).stream().map(TrialRecord::number).collect(Collectors.toSet());
            for (TrialRow row : leaderboard) {
                row.bestProperty().set(b != null && row.number() == b.number());
                row.paretoProperty().set(front.contains(row.number()));
            }
            if (running.get()) {
                status.set(String.format(Locale.ROOT, "%d trial%s finished%s", finished.size(), finished.size() == 1 ? "" : "s",
                        b == null ? "" : String.format(Locale.ROOT, "; best %s = %.5g (trial %d)", objective.metric(), b.value(), b.number())));
            }
        }
        if (applied > 0) {
            revision.set(revision.get() + 1);
        }
        return applied;
    }

    // ---- chart data (FX thread) ----

    /** Finished trials in number order. */
    public List<TrialRecord> finishedTrials() {
        List<TrialRecord> out = new ArrayList<>(finished);
        out.sort((a, b) -> Integer.compare(a.number(), b.number()));
        return out;
    }

    /** Best completed value after each finished trial, in the order they finished. */
    public List<double[]> bestSoFar() {
        List<double[]> out = new ArrayList<>();
        Double b = null;
        int i = 0;
        for (TrialRecord r : finished) {
            i++;
            if (r.status() == TrialStatus.COMPLETE && r.hasValue() && (b == null || objective.better(r.value(), b))) {
                b = r.value();
            }
            if (b != null) {
                out.add(new double[] {i, b});
            }
        }
        return out;
    }

    /** Each trial's validation curve so far (running ones included). */
    public Map<Integer, List<Double>> curves() {
        return curves;
    }

    /** Whether a trial was pruned. */
    public boolean pruned(int number) {
        TrialRow row = rows.get(number);
        return row != null && row.isPruned();
    }

    /** Parameter names that vary across the finished trials (axes for parallel coordinates). */
    public List<String> varyingParameters() {
        List<String> names = new ArrayList<>();
        for (TrialRecord r : finished) {
            for (String k : r.params().keySet()) {
                if (!names.contains(k)) {
                    names.add(k);
                }
            }
        }
        names.removeIf(n -> finished.stream().map(r -> r.params().get(n)).filter(v -> v != null).distinct().count() < 2);
        // The editor's row order, not the trials' map order (which varies from one JVM to the next).
        List<String> order = parameters.stream().map(ParamRow::name).toList();
        names.sort(java.util.Comparator.comparingInt(n -> order.contains(n) ? order.indexOf(n) : Integer.MAX_VALUE));
        return names;
    }

    /**
     * A cheap importance: |Spearman rank correlation| between each parameter (numeric, or choice index) and the
     * objective over completed trials; 0 with fewer than 3 trials.
     */
    public Map<String, Double> importance() {
        List<TrialRecord> done = finished.stream().filter(r -> r.status() == TrialStatus.COMPLETE && r.hasValue()).toList();
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : varyingParameters()) {
            List<double[]> pairs = new ArrayList<>();
            List<Object> categories = new ArrayList<>();
            for (TrialRecord r : done) {
                Object v = r.params().get(name);
                if (v == null) {
                    continue;
                }
                double x;
                if (v instanceof Number n) {
                    x = n.doubleValue();
                } else {
                    if (!categories.contains(v)) {
                        categories.add(v);
                    }
                    x = categories.indexOf(v);
                }
                pairs.add(new double[] {x, r.value()});
            }
            out.put(name, pairs.size() < 3 ? 0.0 : Math.abs(spearman(pairs)));
        }
        return out;
    }

    static double spearman(List<double[]> pairs) {
        double[] rx = ranks(pairs, 0);
        double[] ry = ranks(pairs, 1);
        int n = rx.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += rx[i];
            my += ry[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    private static double[] ranks(List<double[]> pairs, int column) {
        int n = pairs.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(pairs.get(a)[column], pairs.get(b)[column]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && pairs.get(order[j + 1])[column] == pairs.get(order[i])[column]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                r[order[k]] = (i + j) / 2.0;
            }
            i = j + 1;
        }
        return r;
    }

    static String describe(Map<String, Object> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k.substring(k.indexOf('.') + 1) + "="
                + (v instanceof Double d ? String.format(Locale.ROOT, "%.3g", d) : v)));
        return String.join(" ", parts);
    }

    /**
     * Retrains the best trial into {@code studyDir}/best, or a new temporary folder when the study keeps nothing on
     * disk, in the background; the status line says where it went or why not.
     */
    public void saveBestInBackground(Path studyDir) {
        if (best.get() == null || experiment == null) {
            status.set("No completed trial to save yet.");
            return;
        }
        status.set("Training the best model ...");
        executor.executeCompute(BackgroundTask.of("Save the best model", c -> {
            Path target = studyDir != null ? studyDir.resolve("best") : java.nio.file.Files.createTempDirectory("layerlab-best");
            saveBest(target, false);
            return target;
        }).onSuccess(target -> status.set("Best model written to " + target.resolve("model.zip")))
                .onFailure(e -> status.set("Could not save the best model: " + e.getMessage())));
    }

    /** Promotes the best trial to a full run in {@code dir} (blocking: call off the FX thread). */
    public void saveBest(Path dir, boolean refitOnAll) throws java.io.IOException {
        TrialRecord b = best.get();
        if (b == null || experiment == null) {
            throw new InvalidInputException("no completed trial to save yet");
        }
        BestModel.promote(experiment.withSearch(null), data, b, refitOnAll, maxEpochs.get(), dir,
                experiment.data().path(), null, null);
    }
}
