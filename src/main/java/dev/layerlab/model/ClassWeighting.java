package dev.layerlab.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

/**
 * Class weights in the loss: multi-class cross-entropy takes them as DL4J's own per-class weights (plain DL4J
 * reads the model); a binary output's cross-entropy becomes {@link ClassWeightedBinaryXent} (weight of class 0 on
 * the negative term, of class 1 on the positive one).
 */
final class ClassWeighting {
    private ClassWeighting() {
    }

    static ILossFunction weighted(ILossFunction loss, double[] classWeights) {
        if (classWeights == null) {
            return loss;
        }
        if (loss instanceof LossNegativeLogLikelihood) {
            return new LossNegativeLogLikelihood(Nd4j.create(classWeights).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        }
        if (loss instanceof LossMCXENT) {
            return new LossMCXENT(Nd4j.create(classWeights).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        }
        if (loss instanceof org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT && classWeights.length == 2) {
            return new ClassWeightedBinaryXent(classWeights[0], classWeights[1]);
        }
        throw new dev.layerlab.InvalidInputException("Class weights need a cross-entropy loss on the output");
    }
}
