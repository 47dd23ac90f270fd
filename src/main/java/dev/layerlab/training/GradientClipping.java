package dev.layerlab.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;

/**
 * Gradient clipping ({@code "clipping"} in the experiment's training settings): each layer's gradient is
 * rescaled to an L2 norm of at most {@code threshold} ({@link Mode#NORM}) or each element is clipped to
 * [-threshold, threshold] ({@link Mode#VALUE}), before the optimizer sees it (DL4J's GradientNormalization).
 */
public record GradientClipping(Mode mode, double threshold) {
    public enum Mode {
        NORM, VALUE;

        @com.fasterxml.jackson.annotation.JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Mode fromId(String text) {
            for (Mode m : values()) {
                if (m.id().equalsIgnoreCase(text.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("clipping mode must be 'norm' or 'value', got '" + text + "'");
        }
    }

    @JsonCreator
    public GradientClipping {
        mode = mode == null ? Mode.NORM : mode;
    }

    public static GradientClipping norm(double threshold) {
        return new GradientClipping(Mode.NORM, threshold);
    }

    public static GradientClipping value(double threshold) {
        return new GradientClipping(Mode.VALUE, threshold);
    }

    /** "norm:1.0" or "value:0.5" (the CLI's form). */
    public static GradientClipping parse(String text) {
        String[] parts = text.trim().split(":", 2);
        if (parts.length != 2) {
            throw new dev.layerlab.InvalidInputException("--clip must be norm:X or value:X (e.g. norm:1.0), got '" + text + "'");
        }
        Mode mode;
        try {
            mode = Mode.fromId(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new dev.layerlab.InvalidInputException("--clip: " + e.getMessage());
        }
        double threshold;
        try {
            threshold = Double.parseDouble(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new dev.layerlab.InvalidInputException("--clip: the threshold must be a number, got '" + parts[1] + "'");
        }
        return new GradientClipping(mode, threshold);
    }

    /** A problem with these settings, or null. */
    public String problem() {
        return threshold > 0 && Double.isFinite(threshold) ? null
                : "the gradient-clipping threshold must be a positive number, got " + threshold;
    }

    GradientNormalization dl4j() {
        return mode == Mode.NORM ? GradientNormalization.ClipL2PerLayer : GradientNormalization.ClipElementWiseAbsoluteValue;
    }

    /** Sets clipping on every layer with parameters of a network's configuration (null clipping: leaves it as is). */
    static void apply(GradientClipping clipping, Iterable<NeuralNetConfiguration> layers) {
        if (clipping == null) {
            return;
        }
        for (NeuralNetConfiguration conf : layers) {
            if (conf != null && conf.getLayer() instanceof BaseLayer layer) {
                layer.setGradientNormalization(clipping.dl4j());
                layer.setGradientNormalizationThreshold(clipping.threshold());
            }
        }
    }
}
