package dev.layerlab.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Huber loss with Keras semantics (delta = 1, averaged over output units): quadratic for errors up to
 * delta, linear beyond, so outliers pull less than with MSE. DL4J 1.0.0-M2.1 has no Huber loss. The class
 * is public with a no-arg constructor so DL4J's JSON (and ModelSerializer) can restore networks using it.
 */
public class HuberLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;

    private double delta = 1.0;

    public HuberLoss() {
    }

    public HuberLoss(double delta) {
        this.delta = delta;
    }

    public double getDelta() {
        return delta;
    }

    public void setDelta(double delta) {
        this.delta = delta;
    }

    /** Per-element loss: 0.5 * min(|e|, d)^2 + d * (|e| - min(|e|, d)), a branch-free Huber. */
    private INDArray scoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray output = activationFn.getActivation(preOutput.dup(), true);
        INDArray absError = Transforms.abs(output.subi(labels.castTo(preOutput.dataType())), false);
        INDArray quadratic = Transforms.min(absError, delta, true);
        INDArray linear = absError.subi(quadratic);
        INDArray score = quadratic.muli(quadratic).muli(0.5).addi(linear.muli(delta));
        score.divi(score.size(1)); // mean over outputs, as Keras does
        if (mask != null) {
            LossUtil.applyMask(score, mask);
        }
        return score;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        INDArray score = scoreArray(labels, preOutput, activationFn, mask);
        double sum = score.sumNumber().doubleValue();
        return average ? sum / score.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn,
                                      INDArray mask) {
        return scoreArray(labels, preOutput, activationFn, mask).sum(true, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn,
                                    INDArray mask) {
        INDArray output = activationFn.getActivation(preOutput.dup(), true);
        INDArray error = output.subi(labels.castTo(preOutput.dataType()));
        // d/de Huber = clip(e, -delta, delta)
        INDArray dLdOut = Transforms.sign(error, true).muli(Transforms.min(Transforms.abs(error, true), delta, false));
        dLdOut.divi(error.size(1));
        INDArray gradient = activationFn.backprop(preOutput.dup(), dLdOut).getFirst();
        if (mask != null) {
            LossUtil.applyMask(gradient, mask);
        }
        return gradient;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask,
                                                          boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "huber";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HuberLoss other && Double.compare(other.delta, delta) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(delta);
    }

    @Override
    public String toString() {
        return "HuberLoss(delta=" + delta + ")";
    }
}
