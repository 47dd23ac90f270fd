package dev.layerlab.model;

/**
 * A fully connected layer. A missing activation defaults to relu and a missing initializer to
 * glorot_uniform (the Keras default), so hand-written JSON can stay short.
 *
 * @param l1 L1 penalty on the weights, Keras meaning: loss += l1 * sum(|w|)
 * @param l2 L2 penalty on the weights, Keras meaning: loss += l2 * sum(w^2)
 */
public record DenseLayer(String name, int units, Activation activation, Initializer weightInit,
                         double biasInit, double l1, double l2) implements LayerSpec {

    public DenseLayer {
        activation = activation == null ? Activation.RELU : activation;
        weightInit = weightInit == null ? Initializer.GLOROT_UNIFORM : weightInit;
    }

    /** An unnamed dense layer with default initialization and no regularization. */
    public static DenseLayer of(int units, Activation activation) {
        return new DenseLayer(null, units, activation, null, 0.0, 0.0, 0.0);
    }

    @Override
    public DenseLayer withName(String newName) {
        return new DenseLayer(newName, units, activation, weightInit, biasInit, l1, l2);
    }

    public DenseLayer withUnits(int newUnits) {
        return new DenseLayer(name, newUnits, activation, weightInit, biasInit, l1, l2);
    }

    public DenseLayer withActivation(Activation newActivation) {
        return new DenseLayer(name, units, newActivation, weightInit, biasInit, l1, l2);
    }

    public DenseLayer withWeightInit(Initializer newWeightInit) {
        return new DenseLayer(name, units, activation, newWeightInit, biasInit, l1, l2);
    }

    public DenseLayer withBiasInit(double newBiasInit) {
        return new DenseLayer(name, units, activation, weightInit, newBiasInit, l1, l2);
    }

    public DenseLayer withRegularization(double newL1, double newL2) {
        return new DenseLayer(name, units, activation, weightInit, biasInit, newL1, newL2);
    }

    @Override
    public String namePrefix() {
        return "dense";
    }

    @Override
    public String displayType() {
        return "Dense";
    }
}
