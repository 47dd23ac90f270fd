package dev.layerlab.training;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Looks inside some training steps (network health). Called on the training thread around the steps it asks for;
 * {@link #wants} is called on every step, so it must be a cheap test.
 */
public interface StepProbe {
    /** Whether to look at the step with this run-wide iteration number. */
    boolean wants(long iteration);

    /** Just before the step's {@code fit}: the mini-batch it trains on. */
    void beforeStep(TrainableNetwork net, INDArray features, INDArray targets, int epoch, long iteration);

    /** Just after the step's {@code fit}, with its loss. */
    void afterStep(TrainableNetwork net, double loss);
}
