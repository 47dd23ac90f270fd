package dev.layerlab.gui.common;

import dev.layerlab.data.TaskType;
import dev.layerlab.training.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A model's headline figure beside its baselines, in the target's units: "Test RMSE: linear $70.5k · gradient
 * boosting $47.8k · this network $52.0k" for a price, accuracies in per cent for classification.
 */
public final class Figures {
    /** Words in a target's name that make its values money (shown with "$"). */
    private static final Set<String> MONEY = Set.of("price", "prices", "cost", "costs", "income", "salary", "salaries",
            "wage", "wages", "revenue", "sales", "usd", "dollar", "dollars", "rent", "fare", "spend", "spending", "amount");
    /** "value" is money only beside one of these ("median_house_value", "home_value"). */
    private static final Set<String> ASSETS = Set.of("house", "home", "property", "land", "sale", "market", "price");

    private Figures() {
    }

    /**
     * The comparison line; empty when there is nothing to compare.
     *
     * @param baselines baseline name to split to metric name to value (baselines.json)
     * @param split     the split compared ("test", or "validation" without test rows)
     * @param model     the model's metrics on that split
     * @param modelName "this network", "this ensemble"
     */
    public static String comparison(Map<String, Map<String, Map<String, Double>>> baselines, TaskType task, String split,
                                    Map<String, Double> model, String target, String modelName) {
        String metric = Metrics.headline(task);
        boolean money = task == TaskType.REGRESSION && isMoney(target);
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<String, Double>>> b : baselines.entrySet()) {
            Map<String, Double> values = b.getValue().get(split);
            if (values != null && values.get(metric) != null) {
                parts.add(b.getKey().replace('_', ' ') + " " + value(task, values.get(metric), money));
            }
        }
        if (model != null && model.get(metric) != null) {
            parts.add(modelName + " " + value(task, model.get(metric), money));
        }
        if (parts.isEmpty()) {
            return "";
        }
        String name = task == TaskType.REGRESSION ? "RMSE" : "accuracy";
        return Character.toUpperCase(split.charAt(0)) + split.substring(1) + " " + name + ": " + String.join(" · ", parts);
    }

    /** A value of the headline metric: "$52.0k", "0.5123", "1.23M", "86.5 %". */
    public static String value(TaskType task, double v, boolean money) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (task != TaskType.REGRESSION) {
            return String.format(Locale.ROOT, "%.1f %%", 100 * v);
        }
        double a = Math.abs(v);
        String number;
        if (a >= 1e6) {
            number = String.format(Locale.ROOT, "%.2fM", v / 1e6);
        } else if (a >= 1e4) {
            number = String.format(Locale.ROOT, "%.1fk", v / 1e3);
        } else if (a >= 100) {
            number = String.format(Locale.ROOT, "%,.0f", v);
        } else {
            number = String.format(Locale.ROOT, "%.4g", v);
        }
        return money ? (v < 0 ? "-$" + number.substring(1) : "$" + number) : number;
    }

    /** Whether a target column's name says its values are money. */
    public static boolean isMoney(String target) {
        if (target == null) {
            return false;
        }
        // camelCase words apart too: "SalePrice" is "sale price"
        String t = target.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        if (t.contains("$")) {
            return true;
        }
        List<String> words = List.of(t.split("[^a-z]+"));
        if (words.stream().anyMatch(MONEY::contains)) {
            return true;
        }
        return words.contains("value") && words.stream().anyMatch(ASSETS::contains);
    }
}
