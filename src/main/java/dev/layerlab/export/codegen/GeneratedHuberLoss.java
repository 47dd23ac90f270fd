package dev.layerlab.export.codegen;

/**
 * The source of a Huber loss nested in a generated DL4J class. DL4J 1.0.0-M2.1 has none, and the generated class
 * must not depend on LayerLab, so it carries its own copy of {@link dev.layerlab.model.HuberLoss}'s arithmetic.
 * Added only when an output uses Huber, to keep other classes short.
 */
final class GeneratedHuberLoss {
    private GeneratedHuberLoss() {
    }

    /** Appends the nested class before the generated class's closing brace. */
    static String addTo(String classSource) {
        int end = classSource.lastIndexOf('}');
        return classSource.substring(0, end) + SOURCE + classSource.substring(end);
    }

    private static final String SOURCE = """

                /**
                 * Huber loss as Keras defines it (delta 1, averaged over the output units): quadratic for errors up to
                 * delta, linear beyond. DL4J 1.0.0-M2.1 has none. Public with a no-argument constructor so
                 * ModelSerializer can restore the network (on a class loader that sees this class).
                 */
                public static class HuberLoss implements org.nd4j.linalg.lossfunctions.ILossFunction {
                    private double delta = 1.0;

                    public HuberLoss() {
                    }

                    public double getDelta() {
                        return delta;
                    }

                    public void setDelta(double delta) {
                        this.delta = delta;
                    }

                    private org.nd4j.linalg.api.ndarray.INDArray scoreArray(org.nd4j.linalg.api.ndarray.INDArray labels,
                            org.nd4j.linalg.api.ndarray.INDArray preOutput, org.nd4j.linalg.activations.IActivation activationFn,
                            org.nd4j.linalg.api.ndarray.INDArray mask) {
                        org.nd4j.linalg.api.ndarray.INDArray output = activationFn.getActivation(preOutput.dup(), true);
                        org.nd4j.linalg.api.ndarray.INDArray absError = org.nd4j.linalg.ops.transforms.Transforms.abs(
                                output.subi(labels.castTo(preOutput.dataType())), false);
                        org.nd4j.linalg.api.ndarray.INDArray quadratic = org.nd4j.linalg.ops.transforms.Transforms.min(absError, delta, true);
                        org.nd4j.linalg.api.ndarray.INDArray linear = absError.subi(quadratic);
                        org.nd4j.linalg.api.ndarray.INDArray score = quadratic.muli(quadratic).muli(0.5).addi(linear.muli(delta));
                        score.divi(score.size(1));
                        if (mask != null) {
                            org.nd4j.linalg.lossfunctions.LossUtil.applyMask(score, mask);
                        }
                        return score;
                    }

                    @Override
                    public double computeScore(org.nd4j.linalg.api.ndarray.INDArray labels, org.nd4j.linalg.api.ndarray.INDArray preOutput,
                            org.nd4j.linalg.activations.IActivation activationFn, org.nd4j.linalg.api.ndarray.INDArray mask, boolean average) {
                        double sum = scoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
                        return average ? sum / preOutput.size(0) : sum;
                    }

                    @Override
                    public org.nd4j.linalg.api.ndarray.INDArray computeScoreArray(org.nd4j.linalg.api.ndarray.INDArray labels,
                            org.nd4j.linalg.api.ndarray.INDArray preOutput, org.nd4j.linalg.activations.IActivation activationFn,
                            org.nd4j.linalg.api.ndarray.INDArray mask) {
                        return scoreArray(labels, preOutput, activationFn, mask).sum(true, 1);
                    }

                    @Override
                    public org.nd4j.linalg.api.ndarray.INDArray computeGradient(org.nd4j.linalg.api.ndarray.INDArray labels,
                            org.nd4j.linalg.api.ndarray.INDArray preOutput, org.nd4j.linalg.activations.IActivation activationFn,
                            org.nd4j.linalg.api.ndarray.INDArray mask) {
                        org.nd4j.linalg.api.ndarray.INDArray output = activationFn.getActivation(preOutput.dup(), true);
                        org.nd4j.linalg.api.ndarray.INDArray error = output.subi(labels.castTo(preOutput.dataType()));
                        // d/de Huber = clip(e, -delta, delta)
                        org.nd4j.linalg.api.ndarray.INDArray dLdOut = org.nd4j.linalg.ops.transforms.Transforms.sign(error, true)
                                .muli(org.nd4j.linalg.ops.transforms.Transforms.min(
                                        org.nd4j.linalg.ops.transforms.Transforms.abs(error, true), delta, false));
                        dLdOut.divi(error.size(1));
                        org.nd4j.linalg.api.ndarray.INDArray gradient = activationFn.backprop(preOutput.dup(), dLdOut).getFirst();
                        if (mask != null) {
                            org.nd4j.linalg.lossfunctions.LossUtil.applyMask(gradient, mask);
                        }
                        return gradient;
                    }

                    @Override
                    public org.nd4j.common.primitives.Pair<Double, org.nd4j.linalg.api.ndarray.INDArray> computeGradientAndScore(
                            org.nd4j.linalg.api.ndarray.INDArray labels, org.nd4j.linalg.api.ndarray.INDArray preOutput,
                            org.nd4j.linalg.activations.IActivation activationFn, org.nd4j.linalg.api.ndarray.INDArray mask, boolean average) {
                        return new org.nd4j.common.primitives.Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                                computeGradient(labels, preOutput, activationFn, mask));
                    }

                    @Override
                    public String name() {
                        return "huber";
                    }
                }
            """;
}
