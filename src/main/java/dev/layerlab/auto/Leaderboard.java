package dev.layerlab.auto;

import dev.layerlab.baselines.Baselines;
import dev.layerlab.data.TaskType;
import dev.layerlab.training.Metrics;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** auto's leaderboard.csv (every network trained, best first) and report.md (what was tried and what won). */
final class Leaderboard {
    private Leaderboard() {
    }

    static String csv(List<AutoSearch.Trial> trials, List<AutoSearch.Trial> chosen, TaskType task) {
        String metric = AutoSearch.scoreName(task);
        String headline = Metrics.headline(task);
        StringBuilder csv = new StringBuilder("rank,trial,stage,in_final_model,hidden,activation,batch_norm,dropout,l2,"
                + "weight_decay,learning_rate,schedule,lr_decay,warmup,batch_size,scaling,log_target,ratios,rotations,one_hot,seed,validation_"
                + metric + (headline.equals(metric) ? "" : ",validation_" + headline) + ",epochs,seconds,status\n");
        List<AutoSearch.Trial> sorted = trials.stream().sorted(Comparator.comparingDouble(
                (AutoSearch.Trial t) -> Double.isNaN(t.score()) ? Double.POSITIVE_INFINITY : t.score())).toList();
        int rank = 0;
        for (AutoSearch.Trial t : sorted) {
            Candidate c = t.candidate();
            Double h = t.validation().get(headline);
            csv.append(String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%d,%s,%s,%s,%s,%s,%d,%s%s,%d,%.1f,%s%n",
                    ++rank, t.number(), t.stage(), chosen.contains(t),
                    c.hidden().stream().map(String::valueOf).reduce((a, b) -> a + "-" + b).orElse(""),
                    c.activation().jsonName(), c.batchNorm(), c.dropout(), c.l2(), c.weightDecay(), c.learningRate(),
                    c.schedule().id(), c.decay(), c.warmup(), c.batchSize(), c.data().scaling(), c.data().logTarget(),
                    c.data().ratios().stream().map(dev.layerlab.data.RatioFeature::name).reduce((a, b) -> a + " " + b).orElse(""),
                    c.data().rotations().stream().map(r -> r.latitude() + "/" + r.longitude()).reduce((a, b) -> a + " " + b).orElse(""),
                    c.data().oneHot(),
                    t.seed(),
                    Double.isNaN(t.score()) ? "" : Double.toString(t.score()),
                    headline.equals(metric) ? "" : "," + (h == null ? "" : h), t.epochs(), t.seconds(),
                    t.status().replace(',', ';')));
        }
        return csv.toString();
    }

    static String report(AutoSearch.Outcome outcome, AutoSearch.Settings settings) {
        TaskType task = outcome.task();
        String headline = Metrics.headline(task);
        StringBuilder md = new StringBuilder("# layerlab auto: report\n\n");
        md.append(String.format(Locale.ROOT, "Data: `%s`, target `%s` (%s). Budget %d s, used %.0f s, %d network(s) at once.%n%n",
                settings.data().path(), settings.data().target(), task.name().toLowerCase(Locale.ROOT),
                settings.budget().toSeconds(), outcome.seconds(), settings.parallel()));
        long search = outcome.trials().stream().filter(t -> t.stage().equals("search")).count();
        long members = outcome.trials().stream().filter(t -> t.stage().equals("ensemble")).count();
        long folds = outcome.trials().stream().filter(t -> t.stage().startsWith("fold")).count();
        md.append(String.format(Locale.ROOT, "Tried: %d configurations in the search (network, optimizer, schedule and data "
                + "choices; judged on the validation rows), %d cross-validation fits of the %d best, then %d more seeds of "
                + "the best for the ensemble. Every network is in leaderboard.csv.%n%n", search, folds, AutoSearch.FINALISTS,
                members));
        md.append("Won: an ensemble of ").append(outcome.members()).append(" networks (mean ")
                .append(task == TaskType.REGRESSION ? "prediction" : "probability").append(") of ")
                .append(outcome.configurations()).append(" configuration(s); the best: ").append(outcome.best().describe())
                .append(".\n\n");
        md.append("| model | train ").append(headline).append(" | validation ").append(headline).append(" | test ")
                .append(headline).append(" |\n|---|---:|---:|---:|\n");
        row(md, "this ensemble", outcome.metrics(), headline);
        for (Map.Entry<String, Map<String, Map<String, Double>>> b : outcome.baselines().metrics().entrySet()) {
            row(md, b.getKey().replace('_', ' ') + " (baseline)", b.getValue(), headline);
        }
        md.append('\n');
        outcome.baselines().notes().forEach(n -> md.append("- ").append(n).append('\n'));
        md.append("\nThe test rows were not used to choose anything.\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String name, Map<String, Map<String, Double>> metrics, String headline) {
        md.append("| ").append(name);
        for (String split : List.of("train", "validation", "test")) {
            Map<String, Double> m = metrics.get(split);
            Double v = m == null ? null : m.get(headline);
            md.append(" | ").append(v == null ? "-" : AutoSearch.format(v));
        }
        md.append(" |\n");
    }

    static String compare(AutoSearch.Outcome outcome) {
        String split = outcome.metrics().containsKey("test") ? "test" : "validation";
        return Baselines.compare(outcome.baselines().metrics(), outcome.task(), split, outcome.metrics().get(split));
    }
}
