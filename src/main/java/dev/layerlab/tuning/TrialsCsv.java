package dev.layerlab.tuning;

import dev.layerlab.AtomicFiles;
import dev.layerlab.experiment.SearchSpace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** trials.csv: one row per finished trial with its parameters, objective, epochs, status and duration. */
public final class TrialsCsv {
    public static final String FILE = "trials.csv";

    private TrialsCsv() {
    }

    public static String render(List<TrialRecord> trials, ResolvedSpace space, Objective objective) {
        List<String> names = space.names();
        List<TrialRecord> sorted = new ArrayList<>(trials);
        sorted.sort(Comparator.comparingInt(TrialRecord::number));
        Set<Integer> pareto = new HashSet<>();
        StudyResult.pareto(sorted, objective).forEach(r -> pareto.add(r.number()));
        Integer best = objective.best(sorted).map(TrialRecord::number).orElse(null);
        StringBuilder csv = new StringBuilder("trial,status");
        names.forEach(n -> csv.append(',').append(n));
        csv.append(',').append(objective.metric()).append(",epochs,best_epoch,parameters,duration_s,best,pareto,message\n");
        for (TrialRecord r : sorted) {
            csv.append(r.number()).append(',').append(r.status().name().toLowerCase(Locale.ROOT));
            for (String n : names) {
                Object v = r.params().get(n);
                csv.append(',').append(v == null ? "" : cell(v));
            }
            csv.append(',').append(r.hasValue() ? String.format(Locale.ROOT, "%.6g", r.value()) : "")
                    .append(',').append(r.epochs())
                    .append(',').append(r.bestEpoch())
                    .append(',').append(r.numParams())
                    .append(',').append(String.format(Locale.ROOT, "%.1f", r.durationMillis() / 1000.0))
                    .append(',').append(best != null && best == r.number())
                    .append(',').append(pareto.contains(r.number()))
                    .append(',').append(r.message() == null ? "" : quote(r.message()))
                    .append('\n');
        }
        return csv.toString();
    }

    static String cell(Object v) {
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.6g", d);
        }
        return quote(String.valueOf(v));
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    public static void write(Path file, List<TrialRecord> trials, ResolvedSpace space, Objective objective) throws IOException {
        AtomicFiles.writeString(file, render(trials, space, objective));
    }
}
