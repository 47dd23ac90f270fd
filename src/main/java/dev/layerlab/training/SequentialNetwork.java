package dev.layerlab.training;

import java.io.File;
import java.io.IOException;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** A chain of layers: DL4J's {@code MultiLayerNetwork}. */
public final class SequentialNetwork implements TrainableNetwork {
    public static final String KIND = "multilayer";
    private final MultiLayerNetwork net;

    public SequentialNetwork(MultiLayerNetwork net) {
        this.net = net;
    }

    @Override
    public void fit(INDArray features, INDArray targets) {
        net.fit(features, targets);
    }

    @Override
    public double score() {
        return net.score();
    }

    @Override
    public double loss(INDArray features, INDArray targets) {
        return net.score(new DataSet(features, targets), false);
    }

    @Override
    public INDArray output(INDArray features) {
        return net.output(features, false);
    }

    @Override
    public INDArray params() {
        return net.params();
    }

    @Override
    public void setParams(INDArray params) {
        net.setParams(params);
    }

    @Override
    public long numParams() {
        return net.numParams();
    }

    @Override
    public int epochCount() {
        return net.getEpochCount();
    }

    @Override
    public void incrementEpochCount() {
        net.incrementEpochCount();
    }

    @Override
    public void save(File file, boolean withUpdater) throws IOException {
        ModelSerializer.writeModel(net, file, withUpdater);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public MultiLayerNetwork dl4j() {
        return net;
    }

    public static SequentialNetwork restore(File file, boolean withUpdater) throws IOException {
        return new SequentialNetwork(ModelSerializer.restoreMultiLayerNetwork(file, withUpdater));
    }
}
