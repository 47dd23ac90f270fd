package dev.layerlab.cli;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Metrics per split as a small aligned table. */
final class MetricsTable {
    private MetricsTable() {
    }

    static String render(Map<String, Map<String, Double>> metrics) {
        Set<String> names = new LinkedHashSet<>();
        metrics.values().forEach(m -> names.addAll(m.keySet()));
        int width = Math.max(12, names.stream().mapToInt(String::length).max().orElse(0) + 2);
        String nameFormat = "%-" + width + "s";
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, nameFormat, "metric"));
        for (String split : metrics.keySet()) {
            text.append(String.format(Locale.ROOT, "%16s", split));
        }
        text.append('\n');
        for (String name : names) {
            text.append(String.format(Locale.ROOT, nameFormat, name));
            for (Map<String, Double> values : metrics.values()) {
                Double v = values.get(name);
                text.append(String.format(Locale.ROOT, "%16s", v == null || v.isNaN() ? "-" : format(v)));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String format(double v) {
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.1f", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    /** The baselines' metrics per split, one block per baseline, for under the network's table. */
    static String renderBaselines(Map<String, Map<String, Map<String, Double>>> baselines) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Map<String, Map<String, Double>>> b : baselines.entrySet()) {
            text.append("baseline: ").append(b.getKey().replace('_', ' ')).append('\n').append(render(b.getValue()));
        }
        return text.toString();
    }
}
