package dev.layerlab.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Randomly drops units during training.
 *
 * @param rate  the fraction of units DROPPED (Keras semantics), in [0, 1). DL4J takes the retain
 *              probability instead; {@link Dl4jTranslator} converts.
 * @param alpha true: alpha dropout (Klambauer et al., 2017), which keeps the mean and variance that SELU
 *              networks rely on (Keras's {@code AlphaDropout}); null or false: plain dropout
 */
public record DropoutLayer(String name, double rate, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean alpha)
        implements LayerSpec {

    @JsonCreator
    public DropoutLayer {
        alpha = alpha != null && alpha ? Boolean.TRUE : null;
    }

    public DropoutLayer(String name, double rate) {
        this(name, rate, null);
    }

    public static DropoutLayer of(double rate) {
        return new DropoutLayer(null, rate);
    }

    /** Alpha dropout at this rate (for SELU networks). */
    public static DropoutLayer alpha(double rate) {
        return new DropoutLayer(null, rate, true);
    }

    public boolean isAlpha() {
        return alpha != null && alpha;
    }

    @Override
    public DropoutLayer withName(String newName) {
        return new DropoutLayer(newName, rate, alpha);
    }

    @Override
    public String namePrefix() {
        return "dropout";
    }

    @Override
    public String displayType() {
        return isAlpha() ? "Alpha dropout" : "Dropout";
    }
}
