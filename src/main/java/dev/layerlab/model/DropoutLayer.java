package dev.layerlab.model;

/**
 * Randomly drops units during training.
 *
 * @param rate the fraction of units DROPPED (Keras semantics), in [0, 1). DL4J takes the retain
 *             probability instead; {@link Dl4jTranslator} converts.
 */
public record DropoutLayer(String name, double rate) implements LayerSpec {

    public static DropoutLayer of(double rate) {
        return new DropoutLayer(null, rate);
    }

    @Override
    public DropoutLayer withName(String newName) {
        return new DropoutLayer(newName, rate);
    }

    @Override
    public String namePrefix() {
        return "dropout";
    }

    @Override
    public String displayType() {
        return "Dropout";
    }
}
