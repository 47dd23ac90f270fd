package dev.layerlab.cli;

import dev.layerlab.InvalidInputException;
import dev.layerlab.auto.AutoSearch;
import dev.layerlab.baselines.Baselines;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.training.RunControl;
import dev.layerlab.tuning.TrialBackends;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The best model in a time budget: search, ensemble, baselines, report. */
@Command(name = "auto", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find the best network for a CSV within a wall-clock budget (data preparation and the final model included)",
                "and write DIR/model.zip (an ensemble), leaderboard.csv, metrics.json, baselines.json and report.md."})
final class AutoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "F.csv", description = "The training CSV.")
    Path data;
    @Option(names = "--target", required = true, paramLabel = "COL", description = "The column to predict.")
    String target;
    @Option(names = "--time-budget", required = true, paramLabel = "DURATION",
            description = "Wall-clock budget, e.g. 10m, 90s, 1h30m (a plain number is seconds).")
    String budget;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the model and the report.")
    Path out;
    @Option(names = "--parallel", paramLabel = "P", description = "Networks trained at once (default: the number of cores).")
    Integer parallel;
    @Option(names = "--task", paramLabel = "regression|classification", description = "Override the task inferred from the target.")
    String task;
    @Option(names = "--val", paramLabel = "F", description = "Validation fraction, used to choose (default 0.15).")
    Double validation;
    @Option(names = "--test", paramLabel = "F", description = "Test fraction, only scored (default 0.15).")
    Double test;
    @Option(names = "--seed", paramLabel = "N", description = "Seed of the split and the search (default 42).")
    Long seed;
    @Option(names = "--spark", paramLabel = "MASTER",
            description = {"Train the networks as Spark tasks: local[N] (an embedded Spark in this process) or a cluster's",
                    "master URL such as spark://host:7077. Without it they train on this machine's threads."})
    String spark;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Duration duration = parseDuration(budget);
        double val = validation != null ? validation : SplitSpec.defaults().validation();
        double tst = test != null ? test : SplitSpec.defaults().test();
        if (val <= 0 || tst < 0 || val + tst >= 1) {
            throw new InvalidInputException("--val must be above 0 and --val plus --test below 1 (got " + val + " and " + tst + ")");
        }
        if (Files.exists(this.out) && !Files.isDirectory(this.out)) {
            throw new InvalidInputException("--out " + this.out + " is a file; give a folder");
        }
        if (!Files.isRegularFile(data)) {
            throw new InvalidInputException("data file not found: " + data);
        }
        if (spark != null) {
            TrialBackends.checkedMaster(spark);
        }
        long s = seed != null ? seed : SplitSpec.defaults().seed();
        SplitSpec split = new SplitSpec(1 - val - tst, val, tst, s, SplitSpec.defaults().stratify());
        TaskChoice choice = task == null ? TaskChoice.AUTO : switch (task.trim().toLowerCase(Locale.ROOT)) {
            case "regression" -> TaskChoice.REGRESSION;
            case "classification" -> TaskChoice.CLASSIFICATION;
            default -> throw new InvalidInputException("--task must be regression or classification, got '" + task + "'");
        };
        DataSpec dataSpec = new DataSpec(data.toAbsolutePath().toString(), null, null, target, choice, Map.of(), split, null);
        int threads = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
        AutoSearch search = new AutoSearch(new AutoSearch.Settings(dataSpec, null, duration, threads, s, spark), line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }, new RunControl());
        AutoSearch.Outcome outcome = search.run(this.out);
        out.println(MetricsTable.render(outcome.metrics()));
        out.print(MetricsTable.renderBaselines(outcome.baselines().metrics()));
        String scored = outcome.metrics().containsKey("test") ? "test" : "validation";
        out.println(Baselines.compare(outcome.baselines().metrics(), outcome.task(), scored, outcome.metrics().get(scored))
                .replace("this network", "this ensemble"));
        out.println("Written to " + this.out + " (model.zip, leaderboard.csv, metrics.json, baselines.json, report.md)");
        out.flush();
        return 0;
    }

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)([hms])");

    /** "10m", "90s", "1h30m", "2.5m" or a plain number of seconds. */
    static Duration parseDuration(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+(\\.\\d+)?")) {
            return positive(Duration.ofMillis((long) (Double.parseDouble(t) * 1000)), text);
        }
        Matcher m = PART.matcher(t);
        int at = 0;
        double seconds = 0;
        while (m.find()) {
            if (m.start() != at) {
                break;
            }
            double v = Double.parseDouble(m.group(1));
            seconds += switch (m.group(2)) {
                case "h" -> v * 3600;
                case "m" -> v * 60;
                default -> v;
            };
            at = m.end();
        }
        if (at == 0 || at != t.length()) {
            throw new InvalidInputException("--time-budget must look like 10m, 90s or 1h30m, got '" + text + "'");
        }
        return positive(Duration.ofMillis((long) (seconds * 1000)), text);
    }

    private static Duration positive(Duration d, String text) {
        if (d.isZero() || d.isNegative() || d.toDays() > 30) {
            throw new InvalidInputException("--time-budget must be between 1 s and 30 days, got '" + text + "'");
        }
        return d;
    }
}
