package dev.layerlab.model;

/**
 * Batch normalization over the features of the previous layer. Per unit it holds a trainable scale and
 * shift (gamma, beta) and a non-trainable moving mean and variance, as in Keras.
 */
public record BatchNormLayer(String name) implements LayerSpec {

    public static BatchNormLayer of() {
        return new BatchNormLayer(null);
    }

    @Override
    public BatchNormLayer withName(String newName) {
        return new BatchNormLayer(newName);
    }

    @Override
    public String namePrefix() {
        return "batch_normalization";
    }

    @Override
    public String displayType() {
        return "BatchNormalization";
    }
}
