package dev.layerlab.model;

import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Another loss multiplied by a weight: DL4J's ComputationGraph has no per-output loss weights (Keras's
 * {@code loss_weights}), so each weighted output layer gets its loss wrapped. Public with a no-arg
 * constructor so DL4J's JSON (and ModelSerializer) can restore networks that use it.
 */
public class WeightedLoss implements ILossFunction {
    @JsonProperty("loss")
    private ILossFunction loss;
    @JsonProperty("weight")
    private double weight;

    public WeightedLoss() {
        this(new org.nd4j.linalg.lossfunctions.impl.LossMSE(), 1.0);
    }

    public WeightedLoss(ILossFunction loss, double weight) {
        this.loss = loss;
        this.weight = weight;
    }

    public ILossFunction getLoss() {
        return loss;
    }

    public double getWeight() {
        return weight;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        return weight * loss.computeScore(labels, preOutput, activationFn, mask, average);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeScoreArray(labels, preOutput, activationFn, mask).muli(weight);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeGradient(labels, preOutput, activationFn, mask).muli(weight);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "weighted(" + loss.name() + ", " + weight + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightedLoss w && w.weight == weight && Objects.equals(w.loss, loss);
    }

    @Override
    public int hashCode() {
        return Objects.hash(loss, weight);
    }

    @Override
    public String toString() {
        return name();
    }
}
