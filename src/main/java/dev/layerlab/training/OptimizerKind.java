package dev.layerlab.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The gradient-descent variants LayerLab offers, with the learning rate each usually starts from. */
public enum OptimizerKind {
    SGD(0.01),
    ADAM(0.001),
    NADAM(0.001),
    ADAMAX(0.002),
    RMSPROP(0.001),
    ADAGRAD(0.01);

    private final double usualLearningRate;

    OptimizerKind(double usualLearningRate) {
        this.usualLearningRate = usualLearningRate;
    }

    public double usualLearningRate() {
        return usualLearningRate;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static OptimizerKind fromId(String id) {
        for (OptimizerKind kind : values()) {
            if (kind.id().equalsIgnoreCase(id.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + id + "' (choose sgd, adam, nadam, adamax, rmsprop or adagrad)");
    }
}
