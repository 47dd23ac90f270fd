package dev.layerlab.training;

import java.io.File;
import java.io.IOException;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J network as the trainer sees it: one feature matrix in (all input columns), one target matrix out
 * (all outputs side by side). Sequential networks wrap a {@code MultiLayerNetwork}; graphs with several inputs
 * and outputs wrap a {@code ComputationGraph} and split the columns among their inputs and outputs.
 */
public interface TrainableNetwork {
    /** One optimisation step on a mini-batch. */
    void fit(INDArray features, INDArray targets);

    /** The loss of the last {@link #fit} step. */
    double score();

    /** The loss (plus regularisation) on these rows, without training. */
    double loss(INDArray features, INDArray targets);

    /** Predictions, all outputs side by side (rows x total output width). */
    INDArray output(INDArray features);

    INDArray params();

    void setParams(INDArray params);

    long numParams();

    int epochCount();

    void incrementEpochCount();

    /** Saves with DL4J's own ModelSerializer, so plain DL4J code can load the file. */
    void save(File file, boolean withUpdater) throws IOException;

    /** "multilayer" or "graph": which DL4J class the saved file restores as. */
    String kind();

    /** The underlying DL4J network ({@code MultiLayerNetwork} or {@code ComputationGraph}). */
    Model dl4j();

    /**
     * Sets a fixed learning rate on every layer's updater (fine-tuning with a new rate); the optimizer's state
     * (Adam's moments) is kept.
     */
    default void setLearningRate(double rate) {
        if (dl4j() instanceof org.deeplearning4j.nn.multilayer.MultiLayerNetwork multiLayer) {
            multiLayer.setLearningRate(rate);
        } else if (dl4j() instanceof org.deeplearning4j.nn.graph.ComputationGraph graph) {
            graph.setLearningRate(rate);
        }
    }

    /**
     * The rate the next step uses (the first layer with one, at the network's current iteration and epoch); NaN
     * when no layer has a learning rate.
     */
    default double currentLearningRate() {
        if (dl4j() instanceof org.deeplearning4j.nn.multilayer.MultiLayerNetwork multiLayer) {
            for (int i = 0; i < multiLayer.getnLayers(); i++) {
                Double rate = multiLayer.getLearningRate(i);
                if (rate != null) {
                    return rate;
                }
            }
        } else if (dl4j() instanceof org.deeplearning4j.nn.graph.ComputationGraph graph) {
            for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
                Double rate = graph.getLearningRate(layer.conf().getLayer().getLayerName());
                if (rate != null) {
                    return rate;
                }
            }
        }
        return Double.NaN;
    }
}
