package dev.layerlab.auto;

import dev.layerlab.AtomicFiles;
import dev.layerlab.InvalidInputException;
import dev.layerlab.baselines.Baselines;
import dev.layerlab.data.CsvFormat;
import dev.layerlab.data.CsvSniffer;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.Matrix;
import dev.layerlab.training.Inference;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.Scaling;
import dev.layerlab.data.TableLoader;
import dev.layerlab.data.TaskType;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.runs.RunWriter;
import dev.layerlab.training.Metrics;
import dev.layerlab.training.nd4j.NativeRuntime;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.RunStatus;
import dev.layerlab.training.TrainableNetwork;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.training.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The best model in a wall-clock budget, data preparation and the final model included: inputs quantile-scaled,
 * baselines fitted, then a search over network configurations (the known-good ones first, then random ones) on
 * the training rows, judged on the validation rows, for about {@link #SEARCH_SHARE} of the budget; the rest
 * trains more seeds of the two best configurations. The final model averages the networks a greedy forward
 * selection on the validation rows picks from all of them (an ensemble: the biggest single step for a tabular
 * network). The test rows are only scored, never used to choose.
 * <p>
 * No ensemble member starts when it would not end before the deadline (judged from the same configuration's
 * time so far). A network still training at its phase's end is stopped and keeps its best epoch's weights
 * (search trials may run into the ensemble phase by a fifth of the budget).
 */
public final class AutoSearch {
    /** Share of the budget for the search; the rest goes to the final ensemble. */
    public static final double SEARCH_SHARE = 0.45;
    /** Most networks in the final ensemble. */
    public static final int MAX_MEMBERS = 16;
    static final int MAX_EPOCHS = 100;
    static final int PATIENCE = 10;

    /**
     * @param data     the data spec (path, target, split fractions and seed); scaling is set to quantile here
     * @param baseDir  what a relative data path is resolved against
     * @param budget   wall-clock time for everything
     * @param parallel networks trained at once
     * @param seed     seed of the split, the random configurations and the first network
     * @param spark    a Spark master URL to train the networks as Spark tasks; null for this machine
     */
    public record Settings(DataSpec data, Path baseDir, Duration budget, int parallel, long seed, String spark) {
        public Settings(DataSpec data, Path baseDir, Duration budget, int parallel, long seed) {
            this(data, baseDir, budget, parallel, seed, null);
        }

        public Settings {
            if (budget == null || budget.isNegative() || budget.isZero()) {
                throw new InvalidInputException("the time budget must be positive");
            }
            if (parallel < 1) {
                throw new InvalidInputException("--parallel must be at least 1, got " + parallel);
            }
        }
    }

    /** One trained network: a search trial or an ensemble member. */
    public record Trial(int number, String stage, Candidate candidate, long seed, double score, Map<String, Double> validation,
                        int epochs, double seconds, String status, TrainingResult result) {
    }

    /**
     * @param metrics   the final model's metrics per split
     * @param trials    every network trained, in the order they ended
     * @param members   how many networks the final model averages
     * @param configurations how many configurations the final model mixes
     */
    public record Outcome(Map<String, Map<String, Double>> metrics, Baselines.Result baselines, List<Trial> trials,
                          int members, int configurations, Candidate best, double seconds, TaskType task) {
    }

    /** Hears progress, one line at a time (from worker threads: coalesce before showing). */
    public interface Listener {
        void line(String text);

        /** A network ended (a search trial or an ensemble member); {@code configuration} describes it. */
        default void trial(Trial trial, String configuration) {
        }

        /** The networks the final model averages, in the order the selection added them. */
        default void chosen(List<Trial> members) {
        }
    }

    private final Settings settings;
    private final Listener listener;
    private final RunControl control;
    /** Each running network's control and when it must stop (its phase's end). */
    private final Map<RunControl, Long> running = new ConcurrentHashMap<>();
    private final List<Trial> trials = new ArrayList<>();
    private NetworkRunner runner = NetworkRunner.LOCAL;
    /** Networks trained at once: the user's --parallel here, the task slots on Spark. */
    private int parallel;

    public AutoSearch(Settings settings, Listener listener, RunControl control) {
        this.settings = settings;
        this.listener = listener == null ? line -> { } : listener;
        this.control = control == null ? new RunControl() : control;
    }

    /** Runs the search and writes {@code outDir}: model.zip, leaderboard.csv, metrics.json, baselines.json, report.md. */
    public Outcome run(Path outDir) throws IOException {
        long startNanos = System.nanoTime();
        Instant startedAt = Instant.now();
        long deadline = startNanos + settings.budget().toNanos();
        long margin = Math.max(TimeUnit.SECONDS.toNanos(5), settings.budget().toNanos() / 25); // writing the results
        long hardStop = deadline - margin;
        hardStopNanos = hardStop;
        Files.createDirectories(outDir);

        DataSpec spec = quantileScaled(settings.data(), settings.baseDir());
        listener.line("Preparing " + spec.path() + " (inputs quantile-scaled) ...");
        PreparedData data = DataPipeline.prepare(spec, settings.baseDir());
        TaskType task = data.task();
        listener.line(String.format(Locale.ROOT, "%s: %d training, %d validation, %d test rows; %d input features",
                task.name().toLowerCase(Locale.ROOT), data.train().rows(), data.validation().rows(), data.test().rows(),
                data.preprocessing().featureCount()));
        if (data.validation().rows() == 0) {
            throw new InvalidInputException("auto needs validation rows to choose on: set --val above 0");
        }
        Baselines.Result baselines = Baselines.fit(data, 1, settings.seed());
        baselines.notes().forEach(n -> listener.line("baseline " + n));

        Experiment base = new Experiment(0, "auto-" + spec.target(), spec, null, TrainingSpec.defaults());
        runner = settings.spark() == null ? NetworkRunner.LOCAL : NetworkRunners.spark(settings.spark());
        parallel = runner.open(data, settings.parallel());
        listener.line("Networks train on " + runner.describe());
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "auto-worker");
            t.setDaemon(true);
            return t;
        });
        Thread watchdog = watchdog(hardStop);
        try {
            // search
            long searchEnd = startNanos + (long) (settings.budget().toNanos() * SEARCH_SHARE);
            Random random = new Random(settings.seed());
            List<Candidate> queue = new ArrayList<>(Candidate.starting());
            ExecutorCompletionService<Trial> done = new ExecutorCompletionService<>(pool);
            int inFlight = 0;
            int number = 0;
            while (true) {
                // the first networks start even when preparing (or starting Spark) took the search's share: until one
                // is usable they may use the whole budget (see the watchdog)
                while (inFlight < parallel && (System.nanoTime() < searchEnd || number < parallel) && !control.isCancelled()) {
                    Candidate c = queue.isEmpty() ? Candidate.random(random) : queue.remove(0);
                    int n = ++number;
                    long stopAt = Math.min(hardStop, searchEnd + (long) (settings.budget().toNanos() * 0.2));
                    done.submit(() -> train(n, "search", c, settings.seed(), data, stopAt));
                    inFlight++;
                }
                if (inFlight == 0) {
                    break;
                }
                Trial t = take(done, searchEnd, hardStop);
                if (t == null) {
                    continue; // the search time ended: no new trial; running ones finish (or are stopped at the deadline)
                }
                inFlight--;
                record(t, task);
            }
            List<Trial> ranked = ranked();
            if (ranked.isEmpty()) {
                throw new InvalidInputException("no network finished within the time budget: give a longer --time-budget");
            }
            List<Candidate> top = topConfigurations(ranked, 2);
            listener.line("Best configuration: " + top.get(0).describe() + String.format(Locale.ROOT, " (validation %s %s)",
                    scoreName(task), format(ranked.get(0).score())));

            // final ensemble: more seeds of the best configurations while they fit in the budget
            Map<Candidate, Double> seconds = new LinkedHashMap<>();
            for (Trial t : ranked) {
                seconds.merge(t.candidate(), t.seconds(), Math::max);
            }
            int memberCount = 0;
            int member = 0;
            inFlight = 0;
            while (true) {
                while (inFlight < parallel && !control.isCancelled() && memberCount + inFlight < MAX_MEMBERS) {
                    Candidate c = member % 3 == 2 && top.size() > 1 ? top.get(1) : top.get(0);
                    // a member that cannot finish is still started when it gets a third of its usual time: it is
                    // stopped at the deadline with its best epoch, and kept only if it helps on the validation rows
                    double expected = seconds.getOrDefault(c, 0.0) * 1e9 / 3;
                    if (System.nanoTime() + expected > hardStop) {
                        break;
                    }
                    long memberSeed = settings.seed() + 1000 + member++;
                    int n = ++number;
                    done.submit(() -> train(n, "ensemble", c, memberSeed, data, hardStop));
                    inFlight++;
                }
                if (inFlight == 0) {
                    break;
                }
                Trial t = take(done, Long.MAX_VALUE, hardStop);
                inFlight--;
                record(t, task);
                if (t.result() != null) {
                    memberCount++;
                }
            }

            // choose the ensemble on the validation rows: greedy forward selection from the best network
            List<Trial> chosen = select(ranked(), data);
            listener.chosen(List.copyOf(chosen));
            int configurations = (int) chosen.stream().map(Trial::candidate).distinct().count();
            double chosenScore = score(task, new Trainer.Evaluator(data.preprocessing()).metrics(networks(chosen), data.validation()));
            listener.line(String.format(Locale.ROOT, "Final model: %d networks of %d configuration%s (validation %s %s)",
                    chosen.size(), configurations, configurations == 1 ? "" : "s", scoreName(task), format(chosenScore)));

            Outcome outcome = write(outDir, base, data, chosen, baselines, startedAt, startNanos, configurations, top.get(0));
            listener.line(String.format(Locale.ROOT, "Done in %.0f s (budget %d s)", outcome.seconds(),
                    settings.budget().toSeconds()));
            return outcome;
        } finally {
            watchdog.interrupt();
            pool.shutdownNow();
            runner.close();
        }
    }

    /** A trial's result, or null when the phase's time ended first (then no trial ended). */
    private Trial take(ExecutorCompletionService<Trial> done, long phaseEnd, long hardStop) throws IOException {
        try {
            while (true) {
                long now = System.nanoTime();
                if (now >= phaseEnd && phaseEnd != Long.MAX_VALUE) {
                    // wait for running trials without starting new ones
                    Future<Trial> f = done.poll(Math.max(1, hardStop + TimeUnit.SECONDS.toNanos(30) - now), TimeUnit.NANOSECONDS);
                    if (f == null) {
                        throw new IllegalStateException("a trial did not stop at the deadline");
                    }
                    return f.get();
                }
                Future<Trial> f = done.poll(Math.min(phaseEnd - now, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                if (f != null) {
                    return f.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private Trial train(int number, String stage, Candidate c, long seed, PreparedData data, long stopAt) {
        RunControl trialControl = new RunControl();
        running.put(trialControl, stopAt);
        if (control.isCancelled()) {
            trialControl.cancel();
        }
        long started = System.nanoTime();
        try {
            TrainingSpec spec = c.training(TrainingSpec.defaults(), seed, MAX_EPOCHS, PATIENCE);
            // a remote network stops itself: at its phase's end once one network is usable, else at the hard stop
            long stopNanos = haveUsable ? stopAt : Math.max(stopAt, hardStopNanos);
            long stopAtMillis = System.currentTimeMillis() + (stopNanos - System.nanoTime()) / 1_000_000;
            Experiment experiment = new Experiment(0, "auto-network-" + number, settings.data(), c.network(), spec);
            TrainingResult result = runner.train(experiment, data, trialControl, stopAtMillis);
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Double> validation = result.metrics().getOrDefault("validation", Map.of());
            // a network stopped at its deadline keeps its best epoch's weights: usable when it had one
            boolean usable = result.status() != RunStatus.DIVERGED && result.epochsRun() > 0;
            double score = usable ? score(data.task(), validation) : Double.NaN;
            String status = result.status() == RunStatus.CANCELLED ? "stopped at its deadline, best epoch kept"
                    : result.status().name().toLowerCase(Locale.ROOT);
            return new Trial(number, stage, c, seed, score, validation, result.epochsRun(), seconds, status,
                    usable && Double.isFinite(score) ? result : null);
        } catch (RuntimeException e) {
            return new Trial(number, stage, c, seed, Double.NaN, Map.of(), 0, (System.nanoTime() - started) / 1e9,
                    "failed: " + String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " "), null);
        } finally {
            running.remove(trialControl);
            NativeRuntime.releaseThreadWorkspaces();
        }
    }

    private volatile boolean haveUsable;
    private volatile long hardStopNanos;

    private void record(Trial t, TaskType task) {
        trials.add(t);
        haveUsable |= t.result() != null;
        listener.line(String.format(Locale.ROOT, "%s %d: %s -> validation %s %s, %d epochs, %.0f s%s", t.stage(), t.number(),
                t.candidate().describe(), scoreName(task), format(t.score()), t.epochs(), t.seconds(),
                t.result() == null ? " (" + t.status() + ")" : ""));
        listener.trial(t, t.candidate().describe());
    }

    /** Stops each running network at its deadline, and all of them when the whole search is cancelled. */
    private Thread watchdog(long hardStop) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    long now = System.nanoTime();
                    boolean anyUsable = haveUsable;
                    running.forEach((c, stopAt) -> {
                        // until one network is usable, the first ones may use the whole budget
                        if ((anyUsable && now - stopAt >= 0) || now - hardStop >= 0 || control.isCancelled()) {
                            c.cancel();
                        }
                    });
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                // the search ended
            }
        }, "auto-deadline");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private List<Trial> ranked() {
        return trials.stream().filter(t -> t.result() != null)
                .sorted(Comparator.comparingDouble(Trial::score)).toList();
    }

    private static List<Candidate> topConfigurations(List<Trial> ranked, int k) {
        List<Candidate> top = new ArrayList<>();
        for (Trial t : ranked) {
            if (!top.contains(t.candidate())) {
                top.add(t.candidate());
            }
            if (top.size() == k) {
                break;
            }
        }
        return top;
    }

    /**
     * Greedy forward selection (Caruana et al., 2004) without replacement: start from the best network, add the
     * one whose inclusion lowers the mean prediction's validation score most, stop when none does.
     */
    private static List<Trial> select(List<Trial> ranked, PreparedData data) {
        Trainer.Evaluator evaluator = new Trainer.Evaluator(data.preprocessing());
        Matrix validation = data.validation();
        Map<Trial, float[]> outputs = new LinkedHashMap<>();
        for (Trial t : ranked) {
            outputs.put(t, Inference.output(t.result().network(), validation.features(), validation.rows(),
                    validation.featureCount()));
        }
        List<Trial> chosen = new ArrayList<>(List.of(ranked.get(0)));
        float[] sum = outputs.get(ranked.get(0)).clone();
        double best = ranked.get(0).score();
        while (chosen.size() < MAX_MEMBERS) {
            Trial pick = null;
            double pickScore = best;
            for (Trial t : ranked) {
                if (chosen.contains(t)) {
                    continue;
                }
                float[] out = outputs.get(t);
                float[] mean = new float[sum.length];
                for (int i = 0; i < mean.length; i++) {
                    mean[i] = (sum[i] + out[i]) / (chosen.size() + 1);
                }
                double v = score(data.task(), evaluator.metrics(mean, validation));
                if (v < pickScore) {
                    pick = t;
                    pickScore = v;
                }
            }
            if (pick == null) {
                break;
            }
            chosen.add(pick);
            float[] out = outputs.get(pick);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += out[i];
            }
            best = pickScore;
        }
        return chosen;
    }

    private static List<TrainableNetwork> networks(List<Trial> members) {
        return members.stream().map(t -> t.result().network()).toList();
    }

    /** What auto minimises: RMSE for regression, log loss for classification. */
    static double score(TaskType task, Map<String, Double> metrics) {
        Double v = metrics.get(task == TaskType.REGRESSION ? Metrics.RMSE : Metrics.LOG_LOSS);
        return v == null ? Double.NaN : v;
    }

    static String scoreName(TaskType task) {
        return task == TaskType.REGRESSION ? Metrics.RMSE : Metrics.LOG_LOSS;
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    /** The data spec with every input column quantile-scaled (the column names read from the file's head). */
    static DataSpec quantileScaled(DataSpec data, Path baseDir) {
        Path path = Path.of(data.path());
        if (!path.isAbsolute() && baseDir != null) {
            path = baseDir.resolve(path);
        }
        CsvFormat format = CsvSniffer.detect(path);
        if (data.delimiter() != null) {
            format = format.withDelimiter(data.delimiter());
        }
        if (data.header() != null) {
            format = format.withHeader(data.header());
        }
        List<Map<String, String>> head = TableLoader.head(path, format, 1);
        if (head.isEmpty()) {
            throw new InvalidInputException(path.getFileName() + " has no data rows");
        }
        return data.withScaling(Scaling.QUANTILE, head.get(0).keySet());
    }

    private Outcome write(Path outDir, Experiment base, PreparedData data, List<Trial> chosen, Baselines.Result baselines,
                          Instant startedAt, long startNanos, int configurations, Candidate best) throws IOException {
        Trial first = chosen.get(0);
        Experiment firstExperiment = experiment(base, first);
        RunWriter.write(outDir, firstExperiment, data, first.result(), base.data().path(), startedAt, null);
        Map<String, Map<String, Double>> metrics = first.result().metrics();
        if (chosen.size() > 1) {
            List<Trial> rest = chosen.subList(1, chosen.size());
            metrics = RunWriter.addMembers(outDir, data, rest.stream().map(Trial::result).toList(),
                    rest.stream().map(t -> experiment(base, t)).toList());
        }
        Baselines.write(outDir, baselines);
        AtomicFiles.writeString(outDir.resolve("leaderboard.csv"), Leaderboard.csv(trials, chosen, data.task()));
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Outcome outcome = new Outcome(metrics, baselines, List.copyOf(trials), chosen.size(), configurations, best,
                seconds, data.task());
        AtomicFiles.writeString(outDir.resolve("report.md"), Leaderboard.report(outcome, settings));
        return outcome;
    }

    private static Experiment experiment(Experiment base, Trial t) {
        return base.withNetwork(t.candidate().network())
                .withTraining(t.candidate().training(TrainingSpec.defaults(), t.seed(), MAX_EPOCHS, PATIENCE));
    }
}
