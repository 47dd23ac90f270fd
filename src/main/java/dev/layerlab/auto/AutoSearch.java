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
import dev.layerlab.data.Table;
import dev.layerlab.tuning.Folds;
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
 * The best model in a wall-clock budget, data preparation and the final model included: baselines fitted on
 * quantile-scaled inputs, then a search over network and data configurations ({@link Candidate}: the known-good
 * ones first, then random ones) on the training rows, judged on the validation rows, for about
 * {@link #SEARCH_SHARE} of the budget. The {@link #FINALISTS} best configurations are then scored again by
 * k-fold cross-validation on the training and validation rows ({@link #FOLDS} folds, as many full rounds as fit in
 * {@link #FINALIST_SHARE} of the budget), so a lucky validation split does not decide alone; the rest trains more
 * seeds of the two best finalists that share the winner's data choices. The final model averages every seed of the
 * winner plus the networks a greedy forward selection on the validation rows adds among those of the winner's data
 * choices (an ensemble: the biggest single step for a tabular network). The test rows are only scored, never used to choose.
 * <p>
 * No ensemble member starts when it would not end before the deadline (judged from the same configuration's
 * time so far). A network still training at its phase's end is stopped and keeps its best epoch's weights
 * (search trials may run into the ensemble phase by a fifth of the budget).
 */
public final class AutoSearch {
    /** Share of the budget for the search; the rest goes to the final ensemble. */
    public static final double SEARCH_SHARE = 0.40;
    /** Share of the budget for cross-validating the finalists. */
    public static final double FINALIST_SHARE = 0.15;
    /** Configurations cross-validated after the search. */
    public static final int FINALISTS = 3;
    /** Folds of the finalists' cross-validation. */
    public static final int FOLDS = 3;
    /** Most networks in the final ensemble. */
    public static final int MAX_MEMBERS = 16;
    static final int MAX_EPOCHS = 100;
    static final int PATIENCE = 10;

    /**
     * @param data     the data spec (path, target, split fractions and seed); scaling, ratios and the target
     *                 transform are set per candidate
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
    /** The prepared data of each data choice tried (the split is the same for all: only columns and labels differ). */
    private final Map<DataChoice, PreparedData> prepared = new ConcurrentHashMap<>();
    private DataSpec baseSpec;
    private DataProfile profile;
    /** Each finalist's cross-validated score (mean over its validation score and its full fold rounds). */
    private final Map<Candidate, Double> finalistScores = new LinkedHashMap<>();
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
        // writing the results: a base, plus time to score, write and re-read up to MAX_MEMBERS networks (the bundle
        // is read back to add the members; each costs a DL4J network init)
        long margin = Math.max(TimeUnit.SECONDS.toNanos(5), settings.budget().toNanos() / 25)
                + MAX_MEMBERS * Math.min(TimeUnit.MILLISECONDS.toNanos(500), settings.budget().toNanos() / 100);
        long hardStop = deadline - margin;
        hardStopNanos = hardStop;
        Files.createDirectories(outDir);

        baseSpec = settings.data();
        profile = profile(baseSpec, settings.baseDir());
        DataSpec spec = DataChoice.DEFAULT.apply(baseSpec, profile);
        listener.line("Preparing " + spec.path() + " (inputs quantile-scaled) ...");
        PreparedData data = DataPipeline.prepare(spec, settings.baseDir());
        prepared.put(DataChoice.DEFAULT, data);
        TaskType task = data.task();
        profile = profile.withEmbedded(data.preprocessing().columns().stream()
                .filter(dev.layerlab.data.FittedColumn::embedding).map(dev.layerlab.data.FittedColumn::name).toList());
        Candidate.Space space = new Candidate.Space(task == TaskType.REGRESSION && profile.logTargetFits(),
                profile.ratioCandidates(), profile.coordinatePairs(), !profile.manyCategories().isEmpty());
        if (!space.ratios().isEmpty() || space.logTarget() || !space.rotations().isEmpty() || space.embeds()) {
            listener.line("Data choices searched: scaling" + (space.logTarget() ? ", log target" : "")
                    + (space.ratios().isEmpty() ? "" : ", ratios of " + space.ratios().size() + " count-column pairs")
                    + space.rotations().stream().map(r -> ", " + r.latitude() + "/" + r.longitude() + " rotated")
                            .collect(java.util.stream.Collectors.joining())
                    + (space.embeds() ? ", embedding or one-hot for " + String.join(", ", profile.manyCategories()) : ""));
        }
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
            List<Candidate> queue = new ArrayList<>(Candidate.starting(space));
            ExecutorCompletionService<Trial> done = new ExecutorCompletionService<>(pool);
            int inFlight = 0;
            int number = 0;
            while (true) {
                // the first networks start even when preparing (or starting Spark) took the search's share: until one
                // is usable they may use the whole budget (see the watchdog)
                while (inFlight < parallel && (System.nanoTime() < searchEnd || number < parallel) && !control.isCancelled()) {
                    Candidate c = queue.isEmpty() ? Candidate.random(random, space) : queue.remove(0);
                    int n = ++number;
                    long stopAt = Math.min(hardStop, searchEnd + (long) (settings.budget().toNanos() * 0.2));
                    done.submit(() -> train(n, "search", c, settings.seed(), null, stopAt));
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
            List<Candidate> finalists = topConfigurations(ranked, FINALISTS);
            long finalistEnd = Math.min(hardStop, Math.max(System.nanoTime(), searchEnd)
                    + (long) (settings.budget().toNanos() * FINALIST_SHARE));
            number = crossValidate(finalists, ranked, number, pool, finalistEnd, hardStop, task);
            Candidate winner = finalists.get(0);
            // the ensemble's seeds: the two best finalists that share the winner's data choices
            List<Candidate> top = finalists.stream().filter(c -> c.data().equals(winner.data())).limit(2).toList();
            listener.line("Best configuration: " + winner.describe() + String.format(Locale.ROOT, " (%s %s %s)",
                    finalistScores.containsKey(winner) ? "cross-validated" : "validation", scoreName(task),
                    format(finalistScores.getOrDefault(winner, ranked.get(0).score()))));

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
                    done.submit(() -> train(n, "ensemble", c, memberSeed, null, hardStop));
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

            // the ensemble: every seed of the winner (its configuration was chosen by cross-validation, so its
            // seeds are not picked again on the few validation rows), then greedy forward selection adds networks of
            // other configurations with the winner's data choices (one preprocessing in the bundle)
            PreparedData winnerData = dataFor(winner.data());
            List<Trial> pool2 = ranked().stream().filter(t -> t.candidate().data().equals(winner.data())).toList();
            List<Trial> seeds = pool2.stream().filter(t -> t.candidate().equals(winner)).limit(MAX_MEMBERS).toList();
            List<Trial> chosen = select(seeds, pool2.stream().filter(t -> !seeds.contains(t)).toList(), winnerData);
            listener.chosen(List.copyOf(chosen));
            int configurations = (int) chosen.stream().map(Trial::candidate).distinct().count();
            double chosenScore = score(task, new Trainer.Evaluator(winnerData.preprocessing()).metrics(networks(chosen),
                    winnerData.validation()));
            listener.line(String.format(Locale.ROOT, "Final model: %d networks of %d configuration%s (validation %s %s)",
                    chosen.size(), configurations, configurations == 1 ? "" : "s", scoreName(task), format(chosenScore)));

            Outcome outcome = write(outDir, base, winnerData, chosen, baselines, startedAt, startNanos, configurations, winner);
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

    /**
     * Cross-validates the finalists: fold f of every finalist, then fold f+1, ... while the phase lasts; a finalist's
     * score is the mean of its search trial's validation score and its folds in the rounds every finalist finished.
     * Sorts {@code finalists} best first by that score (the search order when no round finished).
     *
     * @return the last trial number used
     */
    private int crossValidate(List<Candidate> finalists, List<Trial> ranked, int number, ExecutorService pool,
                              long phaseEnd, long hardStop, TaskType task) throws IOException {
        if (finalists.size() < 2 || control.isCancelled()) {
            return number;
        }
        listener.line(String.format(Locale.ROOT, "Cross-validating the %d best configurations (%d folds of the training "
                + "and validation rows) ...", finalists.size(), FOLDS));
        Map<Candidate, List<PreparedData>> folds = new LinkedHashMap<>();
        ExecutorCompletionService<Trial> done = new ExecutorCompletionService<>(pool);
        Map<Integer, int[]> jobs = new LinkedHashMap<>(); // trial number -> {finalist, fold}
        List<int[]> queue = new ArrayList<>();
        for (int f = 0; f < FOLDS; f++) {
            for (int c = 0; c < finalists.size(); c++) {
                queue.add(new int[] {c, f});
            }
        }
        double[][] scores = new double[finalists.size()][FOLDS];
        for (double[] row : scores) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        int inFlight = 0;
        long stopAt = Math.min(hardStop, phaseEnd + (long) (settings.budget().toNanos() * 0.1));
        while (true) {
            while (inFlight < parallel && !queue.isEmpty() && System.nanoTime() < phaseEnd && !control.isCancelled()) {
                int[] job = queue.remove(0);
                Candidate c = finalists.get(job[0]);
                PreparedData fold = folds.computeIfAbsent(c, k -> Folds.kFold(dataFor(k.data()), FOLDS, settings.seed() + 17))
                        .get(job[1]);
                int n = ++number;
                jobs.put(n, job);
                done.submit(() -> train(n, "fold " + (job[1] + 1), c, settings.seed(), fold, stopAt));
                inFlight++;
            }
            if (inFlight == 0) {
                break;
            }
            Trial t = take(done, phaseEnd, hardStop);
            if (t == null) {
                continue;
            }
            inFlight--;
            record(t, task);
            int[] job = jobs.get(t.number());
            if (t.result() != null && t.result().status() != RunStatus.CANCELLED) {
                scores[job[0]][job[1]] = t.score();
            }
        }
        int rounds = 0;
        while (rounds < FOLDS && allFinite(scores, rounds)) {
            rounds++;
        }
        if (rounds == 0) {
            listener.line("No full cross-validation round fitted in the time: the validation scores decide.");
            return number;
        }
        for (int c = 0; c < finalists.size(); c++) {
            Candidate candidate = finalists.get(c);
            double sum = ranked.stream().filter(t -> t.candidate().equals(candidate)).findFirst().orElseThrow().score();
            for (int f = 0; f < rounds; f++) {
                sum += scores[c][f];
            }
            finalistScores.put(candidate, sum / (rounds + 1));
        }
        finalists.sort(Comparator.comparingDouble(finalistScores::get));
        listener.line(String.format(Locale.ROOT, "Cross-validated (%d fold round%s + the validation split): %s", rounds,
                rounds == 1 ? "" : "s", finalists.stream().map(c -> scoreName(task) + " " + format(finalistScores.get(c)))
                        .collect(java.util.stream.Collectors.joining(", "))));
        return number;
    }

    private static boolean allFinite(double[][] scores, int fold) {
        for (double[] row : scores) {
            if (!Double.isFinite(row[fold])) {
                return false;
            }
        }
        return true;
    }

    /** The prepared data of a data choice, prepared on first use. */
    private PreparedData dataFor(DataChoice choice) {
        return prepared.computeIfAbsent(choice, c -> DataPipeline.prepare(c.apply(baseSpec, profile), settings.baseDir()));
    }

    /**
     * @param data the rows to train and judge on; null = the candidate's data choice with the run's split
     */
    private Trial train(int number, String stage, Candidate c, long seed, PreparedData data, long stopAt) {
        RunControl trialControl = new RunControl();
        running.put(trialControl, stopAt);
        if (control.isCancelled()) {
            trialControl.cancel();
        }
        long started = System.nanoTime();
        try {
            if (data == null) {
                data = dataFor(c.data());
            }
            TrainingSpec spec = c.training(TrainingSpec.defaults(), seed, PATIENCE);
            // a remote network stops itself: at its phase's end once one network is usable, else at the hard stop
            long stopNanos = haveUsable ? stopAt : Math.max(stopAt, hardStopNanos);
            long stopAtMillis = System.currentTimeMillis() + (stopNanos - System.nanoTime()) / 1_000_000;
            Experiment experiment = new Experiment(0, "auto-network-" + number, c.data().apply(baseSpec, profile),
                    c.network(), spec);
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

    /** The usable networks trained on the run's split (search and ensemble, not the folds), best first. */
    private List<Trial> ranked() {
        return trials.stream().filter(t -> t.result() != null && !t.stage().startsWith("fold"))
                .sorted(Comparator.comparingDouble(Trial::score)).toList();
    }

    private static List<Candidate> topConfigurations(List<Trial> ranked, int k) {
        List<Candidate> top = new ArrayList<>(); // mutable: the finalists are re-sorted
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
     * Greedy forward selection (Caruana et al., 2004) without replacement: start from the mean of {@code seeds},
     * add the one of {@code others} whose inclusion lowers the mean prediction's validation score most, stop when
     * none does.
     */
    private static List<Trial> select(List<Trial> seeds, List<Trial> others, PreparedData data) {
        Trainer.Evaluator evaluator = new Trainer.Evaluator(data.preprocessing());
        Matrix validation = data.validation();
        Map<Trial, float[]> outputs = new LinkedHashMap<>();
        List<Trial> ranked = new ArrayList<>(seeds);
        ranked.addAll(others);
        for (Trial t : ranked) {
            outputs.put(t, Inference.output(t.result().network(), validation.features(), validation.rows(),
                    validation.featureCount()));
        }
        List<Trial> chosen = new ArrayList<>(seeds);
        float[] sum = new float[outputs.get(seeds.get(0)).length];
        for (Trial t : seeds) {
            float[] out = outputs.get(t);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += out[i];
            }
        }
        float[] start = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            start[i] = sum[i] / seeds.size();
        }
        double best = score(data.task(), evaluator.metrics(start, validation));
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

    /** The file's columns, skew and count-like pairs (read once; the data choices depend on them). */
    static DataProfile profile(DataSpec data, Path baseDir) {
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
        java.util.Map<String, dev.layerlab.data.ColumnKind> forced = data.task() == dev.layerlab.data.TaskChoice.CLASSIFICATION
                ? Map.of(data.target(), dev.layerlab.data.ColumnKind.CATEGORICAL) : Map.of();
        Table table = TableLoader.load(path, format, forced);
        if (table.rowCount() == 0) {
            throw new InvalidInputException(path.getFileName() + " has no data rows");
        }
        return DataProfile.of(table, data.target());
    }

    /**
     * The run's status is the whole search's, not its first member's: a member stopped at its phase's deadline
     * (cancelled, best epoch kept) is how auto works, so the run completed unless the user stopped it.
     */
    private TrainingResult asWholeRun(TrainingResult member) {
        RunStatus status;
        if (control.isCancelled()) {
            status = RunStatus.CANCELLED;
        } else if (member.status() == RunStatus.CANCELLED) {
            status = RunStatus.COMPLETED;
        } else {
            return member;
        }
        return new TrainingResult(status, member.message(), member.network(), member.history(), member.keptEpoch(),
                member.metrics(), member.evaluation());
    }

    private Outcome write(Path outDir, Experiment base, PreparedData data, List<Trial> chosen, Baselines.Result baselines,
                          Instant startedAt, long startNanos, int configurations, Candidate best) throws IOException {
        Trial first = chosen.get(0);
        Experiment firstExperiment = experiment(base, first);
        RunWriter.write(outDir, firstExperiment, data, asWholeRun(first.result()), base.data().path(), startedAt, null);
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

    private Experiment experiment(Experiment base, Trial t) {
        return base.withData(t.candidate().data().apply(baseSpec, profile)).withNetwork(t.candidate().network())
                .withTraining(t.candidate().training(TrainingSpec.defaults(), t.seed(), PATIENCE));
    }
}
