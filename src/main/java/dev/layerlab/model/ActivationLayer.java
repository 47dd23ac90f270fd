package dev.layerlab.model;

/**
 * Applies an activation function on its own, e.g. after a batch normalization. prelu becomes a DL4J
 * PReLU layer with one trainable slope per unit (like Keras's PReLU layer).
 */
public record ActivationLayer(String name, Activation activation) implements LayerSpec {

    public static ActivationLayer of(Activation activation) {
        return new ActivationLayer(null, activation);
    }

    @Override
    public ActivationLayer withName(String newName) {
        return new ActivationLayer(newName, activation);
    }

    @Override
    public String namePrefix() {
        return "activation";
    }

    @Override
    public String displayType() {
        return activation == Activation.PRELU ? "PReLU" : "Activation";
    }
}
