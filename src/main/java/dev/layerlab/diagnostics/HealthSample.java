package dev.layerlab.diagnostics;

/**
 * One layer's health on one sampled training step.
 *
 * @param gradNorm       L2 norm of the layer's gradient (before clipping and before the optimizer)
 * @param updateRatio    L2 norm of the step's change of the layer's parameters over their L2 norm (~1e-3 is healthy)
 * @param deadFraction   for ReLU layers: the fraction of units that were zero on every row of the batch; NaN for
 *                       other activations
 * @param activationMean mean of the layer's outputs on the batch
 * @param activationStd  standard deviation of the layer's outputs on the batch
 * @param weights        histogram of the layer's weights after the step
 * @param gradients      histogram of the layer's gradient
 */
public record HealthSample(int epoch, long iteration, String layer, double gradNorm, double updateRatio,
                           double deadFraction, double activationMean, double activationStd,
                           Histogram weights, Histogram gradients) {
}
