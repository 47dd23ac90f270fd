package dev.layerlab.training;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * Decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization", 2019) through DL4J's
 * {@link WeightDecay} regularization: after the optimizer's step each weight shrinks by rate &times; coefficient
 * &times; w (the rate the schedule gives at that step). With Adam this is AdamW. Biases are not decayed; the
 * layers' own L2 penalties (added to the gradient) stay as they are.
 */
final class DecoupledWeightDecay {
    private DecoupledWeightDecay() {
    }

    /** Adds the decay to every layer with weights (0: leaves the configuration as it is). */
    static void apply(double coefficient, Iterable<NeuralNetConfiguration> layers) {
        if (coefficient == 0) {
            return;
        }
        for (NeuralNetConfiguration conf : layers) {
            if (conf != null && conf.getLayer() instanceof BaseLayer layer) {
                List<Regularization> regularization = new ArrayList<>();
                if (layer.getRegularization() != null) {
                    regularization.addAll(layer.getRegularization());
                }
                regularization.add(new WeightDecay(coefficient, true));
                layer.setRegularization(regularization);
            }
        }
    }
}
