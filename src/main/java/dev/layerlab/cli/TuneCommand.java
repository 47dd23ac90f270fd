package dev.layerlab.cli;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.training.RunControl;
import dev.layerlab.tuning.BestModel;
import dev.layerlab.experiment.ParamDomain;
import dev.layerlab.tuning.PrunerKind;
import dev.layerlab.experiment.SearchSpace;
import dev.layerlab.tuning.ResolvedSpace;
import dev.layerlab.tuning.StrategyKind;
import dev.layerlab.tuning.Study;
import dev.layerlab.tuning.StudyListener;
import dev.layerlab.tuning.StudyResult;
import dev.layerlab.tuning.StudySettings;
import dev.layerlab.tuning.TrialBackend;
import dev.layerlab.tuning.TrialBackends;
import dev.layerlab.tuning.TrialRecord;
import dev.layerlab.tuning.TrialStatus;
import dev.layerlab.tuning.TrialsCsv;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Searches hyperparameters for an experiment and keeps the best model. */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Search hyperparameters: writes DIR/trials.csv, DIR/study.jsonl (the journal) and DIR/best/model.zip.",
                "Uses the experiment's \"search\" space, or a default one (learning rate 1e-4..1e-2 log, 1-3 hidden layers,",
                "16-256 units as powers of two, dropout 0-0.3). Run the same command again to resume a stopped study."})
final class TuneCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--experiment", required = true, paramLabel = "E.json", description = "The experiment file.")
    Path experimentFile;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The study folder (resumed if it holds a journal).")
    Path out;
    @Option(names = "--strategy", defaultValue = "random", description = "random, grid, hyperband or bayes (default ${DEFAULT-VALUE}).")
    String strategy;
    @Option(names = "--trials", defaultValue = "20", paramLabel = "N", description = "Trial budget (default ${DEFAULT-VALUE}; grid: at most the grid size).")
    int trials;
    @Option(names = "--parallel", defaultValue = "0", paramLabel = "P", description = "Trials at once (default: the number of processors).")
    int parallel;
    @Option(names = "--folds", defaultValue = "0", paramLabel = "K", description = "K-fold cross-validation on train+validation (default: the hold-out validation split).")
    int folds;
    @Option(names = "--metric", paramLabel = "NAME", description = "What to optimize: val_loss, val_rmse, val_mae, val_r2, val_accuracy, ... (default val_rmse / val_accuracy).")
    String metric;
    @Option(names = "--maximize", negatable = true, description = "Force the direction (default: from the metric's name).")
    Boolean maximize;
    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Seed of the strategy and the folds (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--pruner", paramLabel = "none|median|asha", description = "Stop weak trials early (default: asha for hyperband, median for bayes, none otherwise).")
    String pruner;
    @Option(names = "--pruning-grace", paramLabel = "F",
            description = "Share of each trial's epochs in which no pruner stops it, 0 to 1 (default: the experiment's "
                    + "search.pruningGrace, else 0.25).")
    Double pruningGrace;
    @Option(names = "--max-epochs", defaultValue = "0", paramLabel = "N", description = "Cap on each trial's epochs (default: the experiment's).")
    int maxEpochs;
    @Option(names = "--patience", paramLabel = "N", description = "Early-stopping patience inside each trial (default: the experiment's; 0 = off).")
    Integer patience;
    @Option(names = "--time-budget", paramLabel = "DURATION",
            description = "Wall-clock budget for the trials, e.g. 10m: after it no new trial starts; running trials finish (the best model is trained after).")
    String timeBudget;
    @Option(names = "--refit", description = "Retrain the best trial on train+validation for its best epoch count before saving it.")
    boolean refit;
    @Option(names = "--no-best", description = "Do not train and save the best model.")
    boolean noBest;
    @Option(names = "--spark", paramLabel = "MASTER", description = {"Run the trials as Apache Spark tasks: local[N] = an embedded Spark",
            "in this process (nothing to install), spark://host:7077 = a cluster (see docs/guide/spark.md). No pruning there."})
    String spark;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Experiment experiment = ExperimentJson.read(experimentFile);
        if (experiment.search() == null) {
            experiment = experiment.withSearch(SearchSpace.defaults());
            o.println("The experiment has no search space: using the default one.");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidInputException("--out " + out + " is a file; give a folder");
        }
        if (trials < 1 && !strategy.equalsIgnoreCase("grid")) {
            throw new InvalidInputException("--trials must be at least 1, got " + trials);
        }
        TrialBackend backend = spark == null ? null : TrialBackends.spark(spark);
        // Spark trials report their curves only when they end: no pruner there unless one is asked for (then refused)
        PrunerKind prunerKind = pruner != null ? PrunerKind.fromId(pruner) : backend != null ? PrunerKind.NONE : null;
        StudySettings settings = new StudySettings(StrategyKind.fromId(strategy), trials, parallel, folds, metric, maximize,
                seed, prunerKind, maxEpochs, patience, pruningGrace);
        if (settings.folds() == 1) {
            throw new InvalidInputException("--folds must be 2 or more (or 0 for the hold-out split), got 1");
        }
        Path baseDir = TrainCommand.dataBaseDir(experimentFile, experiment.data().path());
        o.println("Loading " + experiment.data().path() + " ...");
        o.flush();
        PreparedData data = DataPipeline.prepare(experiment.data(), baseDir, experiment.network().outputTargets());
        Study study = new Study(experiment, data, settings, out).runOn(backend);
        if (timeBudget != null) {
            study.timeBudget(AutoCommand.parseDuration(timeBudget));
        }
        ResolvedSpace space = study.space();
        List<String> shown = space.searchedNames();
        o.println("Search space:");
        for (String name : space.names()) {
            ParamDomain d = space.domain(name);
            o.printf("  %-24s %s%n", name, d.describe());
        }
        long grid = space.gridSize();
        o.printf(Locale.ROOT, "Strategy %s, %d trials, %s at once, %s, optimizing %s (%s); grid size %s%n",
                settings.strategy().id(), trials, backend == null ? Integer.toString(settings.parallelOrDefault()) : "as many as Spark has task slots",
                settings.crossValidation() ? settings.folds() + "-fold cross-validation" : "hold-out validation",
                study.objective().metric(), study.objective().maximize() ? "maximize" : "minimize",
                grid == Long.MAX_VALUE ? "huge" : Long.toString(grid));
        o.flush();
        Thread hook = new Thread(study::stop, "tune-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        StudyResult result;
        try {
            result = study.addListener(new Printer(o, shown, study)).run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
        o.printf(Locale.ROOT, "%d trials (%d complete, %d pruned, %d failed), %d epochs in all%n", result.trials().size(),
                count(result, TrialStatus.COMPLETE), count(result, TrialStatus.PRUNED), count(result, TrialStatus.FAILED),
                result.totalEpochs());
        TrialRecord best = result.best().orElse(null);
        if (best == null) {
            o.println("No trial completed: no best model.");
            return 1;
        }
        o.printf(Locale.ROOT, "Best: trial %d, %s = %.5g, %s%n", best.number(), study.objective().metric(), best.value(),
                describe(best.params(), shown));
        List<TrialRecord> front = result.paretoFront();
        if (front.size() > 1) {
            o.println("Pareto front (" + study.objective().metric() + " vs parameters):");
            for (TrialRecord r : front) {
                o.printf(Locale.ROOT, "  trial %d: %.5g with %d parameters%n", r.number(), r.value(), r.numParams());
            }
        }
        o.println("Trials written to " + out.resolve(TrialsCsv.FILE));
        if (!noBest && !result.stopped()) {
            o.println("Training the best model" + (refit ? " on train+validation" : "") + " ...");
            o.flush();
            BestModel.promote(experiment.withSearch(null), data, best, refit, maxEpochs, out.resolve("best"),
                    experiment.data().path(), null, new RunControl());
            o.println("Best model written to " + out.resolve("best").resolve("model.zip"));
        }
        o.flush();
        return 0;
    }

    private static long count(StudyResult r, TrialStatus s) {
        return r.trials().stream().filter(t -> t.status() == s).count();
    }

    static String describe(Map<String, Object> params, List<String> names) {
        List<String> parts = new ArrayList<>();
        for (String n : names) {
            Object v = params.get(n);
            if (v != null) {
                String shortName = n.substring(n.indexOf('.') + 1);
                parts.add(shortName + "=" + (v instanceof Double d ? String.format(Locale.ROOT, "%.3g", d) : v));
            }
        }
        return String.join(" ", parts);
    }

    /** One line per finished trial. */
    private static final class Printer implements StudyListener {
        private final PrintWriter out;
        private final List<String> names;
        private final Study study;
        private TrialRecord best;

        Printer(PrintWriter out, List<String> names, Study study) {
            this.out = out;
            this.names = names;
            this.study = study;
        }

        @Override
        public synchronized void onTrialFinished(TrialRecord r, int count, int planned) {
            if (r.status() == TrialStatus.COMPLETE && r.hasValue() && (best == null || study.objective().better(r.value(), best.value()))) {
                best = r;
            }
            out.printf(Locale.ROOT, "trial %3d  [%d/%d]  %-8s %s=%s  epochs %d  %.1fs  best %s  %s%n", r.number(), count, planned,
                    r.status().name().toLowerCase(Locale.ROOT), study.objective().metric(),
                    r.hasValue() ? String.format(Locale.ROOT, "%.5g", r.value()) : "-", r.epochs(), r.durationMillis() / 1000.0,
                    best == null ? "-" : String.format(Locale.ROOT, "%.5g (#%d)", best.value(), best.number()),
                    r.status() == TrialStatus.FAILED ? r.message() : describe(r.params(), names));
            out.flush();
        }

        @Override
        public synchronized void onMessage(String message) {
            out.println(message);
            out.flush();
        }
    }
}
