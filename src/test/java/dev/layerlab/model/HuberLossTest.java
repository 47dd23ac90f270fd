package dev.layerlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class HuberLossTest {

    private final HuberLoss huber = new HuberLoss();
    private final INDArray labels = Nd4j.zeros(DataType.FLOAT, 1, 2);
    // One error inside delta (quadratic), one beyond it (linear).
    private final INDArray predictions = Nd4j.createFromArray(new float[][] {{0.5f, -3.0f}});

    @Test
    void scoreIsQuadraticThenLinearAveragedOverOutputs() {
        // (0.5 * 0.5^2 + (3 - 0.5)) / 2 outputs
        double score = huber.computeScore(labels, predictions, new ActivationIdentity(), null, true);
        assertThat(score).isCloseTo((0.125 + 2.5) / 2, within(1e-6));
    }

    @Test
    void gradientIsTheClippedError() {
        INDArray gradient = huber.computeGradient(labels, predictions, new ActivationIdentity(), null);
        assertThat(gradient.getDouble(0, 0)).isCloseTo(0.5 / 2, within(1e-6));
        assertThat(gradient.getDouble(0, 1)).isCloseTo(-1.0 / 2, within(1e-6));
    }
}
