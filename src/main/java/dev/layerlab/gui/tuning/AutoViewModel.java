package dev.layerlab.gui.tuning;

import dev.layerlab.InvalidInputException;
import dev.layerlab.auto.AutoSearch;
import dev.layerlab.data.TaskType;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.gui.common.Figures;
import dev.layerlab.gui.common.Formats;
import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.gui.task.BackgroundTask;
import dev.layerlab.gui.task.TaskExecutor;
import dev.layerlab.runs.Workspace;
import dev.layerlab.training.Metrics;
import dev.layerlab.training.RunControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Tuning screen's "Auto (time budget)" mode: runs the engine's {@link AutoSearch} on the workbench's data and
 * target in the background (a niced compute thread), into a new run folder of the workspace, so the result is a run
 * like any other. Progress arrives on worker threads into a queue; {@link #drain()} (FX thread, the window's pump)
 * applies it: networks tried, the best so far, the time left, the leaderboard. Stop keeps what finished: the
 * engine stops the running networks at their best epoch and builds the final model from the networks it has.
 */
public final class AutoViewModel {
    /** The budgets offered; any other is possible through {@link #budgetProperty()}. */
    public static final List<Duration> BUDGETS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1));

    private final TaskExecutor executor;
    private final StatusModel status;
    private final Workspace workspace;
    private final Supplier<Experiment> experiment;
    private final Supplier<Path> baseDir;
    private final Consumer<Path> onRunSaved;

    private final ObjectProperty<Duration> budget = new SimpleObjectProperty<>(Duration.ofMinutes(10));
    private final IntegerProperty parallel = new SimpleIntegerProperty(Runtime.getRuntime().availableProcessors());
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty stopping = new SimpleBooleanProperty(false);
    private final IntegerProperty tried = new SimpleIntegerProperty(0);
    private final StringProperty best = new SimpleStringProperty("");
    private final StringProperty timeLeft = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty message = new SimpleStringProperty(
            "Auto searches networks for the loaded data and target within the time budget, then averages the best"
                    + " into one model. The result is a run in the Runs screen.");
    private final StringProperty comparison = new SimpleStringProperty("");
    private final StringProperty finalModel = new SimpleStringProperty("");
    private final ObjectProperty<Path> runDir = new SimpleObjectProperty<>();
    private final ObservableList<AutoRow> leaderboard = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();

    private final Queue<Object> events = new ConcurrentLinkedQueue<>();
    private final Map<Integer, AutoRow> rows = new HashMap<>();
    private volatile RunControl control;
    private long startNanos;
    private Duration runningBudget = Duration.ZERO;
    private String scoreName = "";
    private double bestScore = Double.NaN;
    private String target = "";

    private record Line(String text) {
    }

    private record Ended(AutoSearch.Trial trial, String configuration) {
    }

    private record Chosen(Set<Integer> numbers) {
    }

    /** What the background task hands back: the engine's outcome and the folder it wrote. */
    private record Finished(AutoSearch.Outcome outcome, Path dir) {
    }

    /**
     * @param experiment the experiment as set up on the screens (its data, target and split are used)
     * @param baseDir    what a relative data path is resolved against
     * @param onRunSaved told the run folder once the result is written (FX thread)
     */
    public AutoViewModel(TaskExecutor executor, StatusModel status, Workspace workspace, Supplier<Experiment> experiment,
                         Supplier<Path> baseDir, Consumer<Path> onRunSaved) {
        this.executor = executor;
        this.status = status;
        this.workspace = workspace;
        this.experiment = experiment;
        this.baseDir = baseDir;
        this.onRunSaved = onRunSaved;
    }

    /** Starts the search in the background; a message says why when it cannot start. */
    public void start() {
        if (running.get()) {
            return;
        }
        Experiment e;
        try {
            e = experiment.get();
            if (e == null || e.data() == null || e.data().path() == null || e.data().target() == null) {
                throw new InvalidInputException("open a CSV and choose its target first (Data screen)");
            }
            if (parallel.get() < 1) {
                throw new InvalidInputException("parallel must be at least 1");
            }
        } catch (RuntimeException ex) {
            message.set("Cannot start auto: " + ex.getMessage());
            return;
        }
        Duration b = budget.get();
        AutoSearch.Settings settings;
        try {
            settings = new AutoSearch.Settings(e.data(), baseDir.get(), b, parallel.get(), e.data().split().seed());
        } catch (RuntimeException ex) {
            message.set("Cannot start auto: " + ex.getMessage());
            return;
        }
        events.clear();
        rows.clear();
        leaderboard.clear();
        log.clear();
        tried.set(0);
        best.set("");
        comparison.set("");
        finalModel.set("");
        runDir.set(null);
        bestScore = Double.NaN;
        scoreName = "";
        runningBudget = b;
        startNanos = System.nanoTime();
        progress.set(0);
        timeLeft.set(Formats.duration(b) + " left");
        RunControl c = new RunControl();
        control = c;
        running.set(true);
        stopping.set(false);
        target = e.data().target();
        message.set("Auto is searching networks for " + target + " (" + label(b) + ") ...");
        status.info("Auto: searching for " + label(b) + " ...");
        String name = "auto-" + e.data().target();
        AutoSearch.Listener listener = new AutoSearch.Listener() {
            @Override
            public void line(String text) {
                events.add(new Line(text));
            }

            @Override
            public void trial(AutoSearch.Trial trial, String configuration) {
                events.add(new Ended(trial, configuration));
            }

            @Override
            public void chosen(List<AutoSearch.Trial> members) {
                Set<Integer> numbers = new HashSet<>();
                members.forEach(t -> numbers.add(t.number()));
                events.add(new Chosen(numbers));
            }
        };
        executor.executeCompute(BackgroundTask.of("Auto", cancellation -> {
            Path dir = workspace.newRunDir(name);
            try {
                return new Finished(new AutoSearch(settings, listener, c).run(dir), dir);
            } catch (Exception | Error ex) {
                removeIfEmpty(dir);
                throw ex;
            }
        }).onSuccess(f -> {
            drain(); // the last trials before the result
            finish(f);
        }).onFailure(ex -> {
            drain();
            running.set(false);
            stopping.set(false);
            control = null;
            message.set("Auto failed: " + ex.getMessage());
            status.fail("Auto failed", ex);
        }));
    }

    /** Stops the search: running networks stop at their best epoch, and the final model is built from what finished. */
    public void stop() {
        RunControl c = control;
        if (c != null && running.get()) {
            c.cancel();
            stopping.set(true);
            message.set("Stopping: the running networks keep their best epoch; the final model is built from what finished ...");
        }
    }

    /** Applies queued progress to the properties (FX thread; the window's pump calls it ~30 times a second). */
    public void drain() {
        Object e;
        while ((e = events.poll()) != null) {
            if (e instanceof Line l) {
                log.add(l.text());
            } else if (e instanceof Ended t) {
                AutoSearch.Trial trial = t.trial();
                AutoRow row = new AutoRow(trial.number(), trial.stage(), t.configuration(), trial.score(),
                        trial.epochs(), trial.seconds(), trial.result() != null ? "ok" : trial.status());
                rows.put(trial.number(), row);
                leaderboard.add(row);
                tried.set(tried.get() + 1);
                if (scoreName.isEmpty()) {
                    scoreName = trial.validation().containsKey(Metrics.LOG_LOSS) ? Metrics.LOG_LOSS : Metrics.RMSE;
                }
                if (Double.isFinite(trial.score()) && (Double.isNaN(bestScore) || trial.score() < bestScore)) {
                    bestScore = trial.score();
                    best.set("best so far: validation " + scoreName + " " + Formats.compact(bestScore) + " (network "
                            + trial.number() + ")");
                }
            } else if (e instanceof Chosen c) {
                for (AutoRow row : leaderboard) {
                    row.inFinalModelProperty().set(c.numbers().contains(row.number()));
                }
            }
        }
        if (running.get()) {
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            double total = Math.max(1, runningBudget.toMillis() / 1000.0);
            progress.set(Math.min(1, elapsed / total));
            timeLeft.set(Formats.duration(Duration.ofSeconds((long) Math.max(0, total - elapsed))) + " left");
        }
    }

    private void finish(Finished f) {
        AutoSearch.Outcome o = f.outcome();
        running.set(false);
        stopping.set(false);
        control = null;
        progress.set(1);
        timeLeft.set(String.format(Locale.ROOT, "took %s", Formats.duration(Duration.ofSeconds(Math.round(o.seconds())))));
        String split = o.metrics().containsKey("test") ? "test" : "validation";
        comparison.set(Figures.comparison(o.baselines().metrics(), o.task(), split, o.metrics().get(split), target,
                o.members() == 1 ? "this network" : "this ensemble"));
        Map<String, Double> scored = o.metrics().getOrDefault(split, Map.of());
        String headline = Metrics.headline(o.task());
        Double figure = scored.get(headline);
        String what = o.members() == 1 ? "a single network (no other network improved the validation score)"
                : String.format(Locale.ROOT, "an ensemble of %d networks of %d configuration%s", o.members(),
                o.configurations(), o.configurations() == 1 ? "" : "s");
        finalModel.set("Final model: " + what + (figure == null ? "" : "; " + split + " " + headline + " "
                + Figures.value(o.task(), figure, o.task() == TaskType.REGRESSION && Figures.isMoney(target))) + ".");
        runDir.set(f.dir());
        message.set("Done: " + tried.get() + (tried.get() == 1 ? " network" : " networks") + " tried. Saved as run " + f.dir().getFileName() + " (Runs screen).");
        status.info("Auto finished: run " + f.dir().getFileName());
        onRunSaved.accept(f.dir());
    }

    /** A budget as its choice shows it: "10 min", "1 h", "90 s". */
    public static String label(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + " h";
        }
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /** A run folder the search left empty (it failed before writing anything) is removed, not listed. */
    private static void removeIfEmpty(Path dir) {
        try (var files = Files.list(dir)) {
            if (files.findAny().isEmpty()) {
                Files.deleteIfExists(dir);
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // a folder with files in it stays: nothing the user made is lost
        }
    }

    public ObjectProperty<Duration> budgetProperty() {
        return budget;
    }

    public IntegerProperty parallelProperty() {
        return parallel;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public BooleanProperty stoppingProperty() {
        return stopping;
    }

    /** How many networks have ended (search trials and ensemble members). */
    public IntegerProperty triedProperty() {
        return tried;
    }

    public StringProperty bestProperty() {
        return best;
    }

    public StringProperty timeLeftProperty() {
        return timeLeft;
    }

    /** Elapsed share of the budget, 0 to 1. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** "test rmse: linear 68.6k - gradient boosting 47.5k - this ensemble 50.1k", once the search ended. */
    public StringProperty comparisonProperty() {
        return comparison;
    }

    public StringProperty finalModelProperty() {
        return finalModel;
    }

    /** The run folder of the last finished search, null before. */
    public ObjectProperty<Path> runDirProperty() {
        return runDir;
    }

    /** Every network that ended, in the order they ended. */
    public ObservableList<AutoRow> leaderboard() {
        return leaderboard;
    }

    public ObservableList<String> log() {
        return log;
    }
}
