package dev.layerlab.model;

import dev.layerlab.data.TaskType;

/**
 * The output layer. Its width always follows the data ({@link NetworkShape#outputs()}); activation and loss
 * follow the task unless overridden.
 *
 * @param activation null = chosen from the task (identity / sigmoid / softmax)
 * @param loss       null = chosen from the task (mse / binary_crossentropy / categorical_crossentropy)
 * @param weightInit null = glorot_uniform
 * @param l1         L1 penalty on the output weights (Keras meaning)
 * @param l2         L2 penalty on the output weights (Keras meaning)
 */
public record OutputSpec(Activation activation, Loss loss, Initializer weightInit, double l1, double l2) {

    /** The name of the output layer in summaries and in the DL4J network; hidden layers may not use it. */
    public static final String LAYER_NAME = "output";

    /** Everything from the task, no regularization. */
    public static OutputSpec auto() {
        return new OutputSpec(null, null, null, 0.0, 0.0);
    }

    public OutputSpec withActivation(Activation newActivation) {
        return new OutputSpec(newActivation, loss, weightInit, l1, l2);
    }

    public OutputSpec withLoss(Loss newLoss) {
        return new OutputSpec(activation, newLoss, weightInit, l1, l2);
    }

    public OutputSpec withWeightInit(Initializer newWeightInit) {
        return new OutputSpec(activation, loss, newWeightInit, l1, l2);
    }

    public OutputSpec withRegularization(double newL1, double newL2) {
        return new OutputSpec(activation, loss, weightInit, newL1, newL2);
    }

    /** The loss to train with: the override, or the task's natural loss. */
    public Loss resolvedLoss(TaskType task) {
        if (loss != null) {
            return loss;
        }
        return switch (task) {
            case REGRESSION -> Loss.MSE;
            case BINARY_CLASSIFICATION -> Loss.BINARY_CROSSENTROPY;
            case MULTICLASS_CLASSIFICATION -> Loss.CATEGORICAL_CROSSENTROPY;
        };
    }

    /** The output activation: the override, or the task's natural one. */
    public Activation resolvedActivation(TaskType task) {
        if (activation != null) {
            return activation;
        }
        return switch (task) {
            case REGRESSION -> Activation.IDENTITY;
            case BINARY_CLASSIFICATION -> Activation.SIGMOID;
            case MULTICLASS_CLASSIFICATION -> Activation.SOFTMAX;
        };
    }

    public Initializer resolvedWeightInit() {
        return weightInit == null ? Initializer.GLOROT_UNIFORM : weightInit;
    }
}
