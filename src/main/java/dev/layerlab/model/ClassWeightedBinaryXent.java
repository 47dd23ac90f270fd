package dev.layerlab.model;

import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Binary cross-entropy of a single 0/1 output with a weight per class: each row's loss and gradient are multiplied
 * by {@code weight1} when its label is 1, else by {@code weight0} (DL4J's LossBinaryXENT weighs output columns,
 * which for one output cannot tell the classes apart). Public with a no-arg constructor so DL4J's JSON restores it.
 */
public class ClassWeightedBinaryXent implements ILossFunction {
    @JsonProperty("weight0")
    private double weight0;
    @JsonProperty("weight1")
    private double weight1;
    private final transient LossBinaryXENT base = new LossBinaryXENT();

    public ClassWeightedBinaryXent() {
        this(1, 1);
    }

    public ClassWeightedBinaryXent(double weight0, double weight1) {
        this.weight0 = weight0;
        this.weight1 = weight1;
    }

    /** weight0 + label * (weight1 - weight0), one per row and output column. */
    private INDArray rowWeights(INDArray labels) {
        return labels.mul(weight1 - weight0).addi(weight0);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray scores = base.computeScoreArray(labels, preOutput, activationFn, mask);
        INDArray w = rowWeights(labels);
        return scores.muli(w.reshape(scores.shape()));
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / labels.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return base.computeGradient(labels, preOutput, activationFn, mask).muli(rowWeights(labels));
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "classWeightedBinaryXent(" + weight0 + ", " + weight1 + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassWeightedBinaryXent w && w.weight0 == weight0 && w.weight1 == weight1;
    }

    @Override
    public int hashCode() {
        return Objects.hash(weight0, weight1);
    }

    @Override
    public String toString() {
        return name();
    }
}
