package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.layerlab.InvalidInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a classification loss weighs each class: NONE (every row counts the same), BALANCED (weight of class c =
 * rows / (classes * rows of c) on the training split, the scikit-learn rule, so rare classes count as much as
 * frequent ones), or explicit weights per class label (classes not named keep 1). In the experiment JSON:
 * {@code "classWeights": "balanced"} or {@code {"rare": 5, "common": 1}}.
 */
public record ClassWeights(Mode mode, Map<String, Double> perClass) {
    public enum Mode { NONE, BALANCED, CUSTOM }

    public static final ClassWeights NONE = new ClassWeights(Mode.NONE, Map.of());
    public static final ClassWeights BALANCED = new ClassWeights(Mode.BALANCED, Map.of());

    public ClassWeights {
        perClass = perClass == null ? Map.of() : Map.copyOf(perClass);
    }

    /** "none", "balanced", or "label=weight,label=weight" (the CLI form). */
    public static ClassWeights parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("none")) {
            return NONE;
        }
        if (t.equalsIgnoreCase("balanced")) {
            return BALANCED;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (String part : t.split(",")) {
            int eq = part.lastIndexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("Class weights must be none, balanced or CLASS=WEIGHT,...; got '" + text + "'");
            }
            m.put(part.substring(0, eq).strip(), weight(part.substring(eq + 1).strip(), part));
        }
        return new ClassWeights(Mode.CUSTOM, m);
    }

    private static double weight(String text, String where) {
        double w = NumberParsing.parse(text);
        if (Double.isNaN(w) || w <= 0 || Double.isInfinite(w)) {
            throw new InvalidInputException("Class weight in '" + where + "' must be a positive number");
        }
        return w;
    }

    @JsonCreator
    static ClassWeights fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return NONE;
        }
        if (node.isTextual()) {
            return parse(node.textValue());
        }
        if (node.isObject()) {
            Map<String, Double> m = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNumber() || e.getValue().doubleValue() <= 0) {
                    throw new InvalidInputException("Class weight for '" + e.getKey() + "' must be a positive number");
                }
                m.put(e.getKey(), e.getValue().doubleValue());
            });
            return new ClassWeights(Mode.CUSTOM, m);
        }
        throw new InvalidInputException("classWeights must be \"none\", \"balanced\" or an object of class: weight");
    }

    @JsonValue
    Object toJson() {
        return switch (mode) {
            case NONE -> "none";
            case BALANCED -> "balanced";
            case CUSTOM -> perClass;
        };
    }

    /**
     * The weight per class index for these classes, counted on {@code trainCounts} (rows per class of the
     * training split); null when every weight is 1 (NONE).
     */
    public double[] weights(List<String> classes, int[] trainCounts) {
        if (mode == Mode.NONE) {
            return null;
        }
        double[] w = new double[classes.size()];
        long total = 0;
        for (int c : trainCounts) {
            total += c;
        }
        for (int i = 0; i < w.length; i++) {
            if (mode == Mode.BALANCED) {
                w[i] = trainCounts[i] == 0 ? 1 : (double) total / (classes.size() * (double) trainCounts[i]);
            } else {
                w[i] = perClass.getOrDefault(classes.get(i), 1.0);
            }
        }
        if (mode == Mode.CUSTOM) {
            for (String name : perClass.keySet()) {
                if (!classes.contains(name)) {
                    throw new InvalidInputException("Class weight for '" + name + "' but the target has no such class (classes: "
                            + String.join(", ", classes) + ")");
                }
            }
        }
        return w;
    }
}
