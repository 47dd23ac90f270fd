package dev.layerlab.training;

import dev.layerlab.model.NetworkGraph;
import dev.layerlab.model.NetworkShape;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.OutputNode;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A network with several inputs and/or outputs: DL4J's {@code ComputationGraph}. Each input takes its own
 * columns of the feature matrix; each output head is trained on its own block of the label matrix (the
 * experiment's target, or the column the output names). {@link #output} gives the main (first) output;
 * {@link #outputs} gives every head.
 */
public final class GraphNetwork implements TrainableNetwork {
    public static final String KIND = "graph";

    private final ComputationGraph graph;
    private final int[][] inputColumns;
    private final boolean[] allColumns;
    private final List<String> outputNames;
    private final List<OutputNode> outputNodes;
    private final double[] lossWeights;
    private final int[] labelOffsets;
    private final int[] labelWidths;
    /** True when every head trains on the whole label matrix (they all predict the experiment's target). */
    private final boolean sharedLabels;

    public GraphNetwork(ComputationGraph graph, NetworkSpec spec, NetworkShape dataShape) {
        this.graph = graph;
        NetworkShape shape = NetworkGraph.shapeFor(spec, dataShape);
        // The DL4J inputs: the spec's, with embedded columns' indices split off into inputs of their own.
        List<dev.layerlab.model.InputLayout.Input> inputs = dev.layerlab.model.InputLayout.of(spec, shape).inputs();
        this.inputColumns = new int[inputs.size()][];
        this.allColumns = new boolean[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            allColumns[i] = inputs.get(i).features() == null;
            inputColumns[i] = allColumns[i] ? shape.featureIndices(List.of()) : inputs.get(i).features();
        }
        List<OutputNode> outputs = NetworkGraph.outputsOf(spec);
        this.outputNames = outputs.stream().map(OutputNode::name).toList();
        this.outputNodes = List.copyOf(outputs);
        this.lossWeights = outputs.stream().mapToDouble(OutputNode::lossWeight).toArray();
        this.labelOffsets = new int[outputs.size()];
        this.labelWidths = new int[outputs.size()];
        boolean shared = true;
        for (int o = 0; o < outputs.size(); o++) {
            NetworkShape.Target target = shape.targetOf(outputs.get(o));
            labelOffsets[o] = shape.labelOffset(outputs.get(o));
            if (target == null || labelOffsets[o] < 0) {
                throw new dev.layerlab.InvalidInputException("output '" + outputs.get(o).name() + "' predicts column '"
                        + outputs.get(o).target() + "', for which the data has no labels: prepare the data for this network");
            }
            labelWidths[o] = target.width();
            shared &= labelOffsets[o] == 0;
        }
        this.sharedLabels = shared && shape.labelWidth() == shape.outputs();
    }

    /** The output heads as the spec gives them (each with the column it predicts; null = the experiment's target). */
    public List<OutputNode> outputNodes() {
        return outputNodes;
    }

    /** Where head {@code output}'s labels start in a label row. */
    public int labelOffset(int output) {
        return labelOffsets[output];
    }

    /** Head {@code output}'s width: its target's label columns. */
    public int labelWidth(int output) {
        return labelWidths[output];
    }

    public List<String> outputNames() {
        return outputNames;
    }

    public double lossWeight(int output) {
        return lossWeights[output];
    }

    private INDArray[] inputs(INDArray features) {
        INDArray[] inputs = new INDArray[inputColumns.length];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = allColumns[i] ? features
                    : features.get(NDArrayIndex.all(), NDArrayIndex.indices(toLong(inputColumns[i]))).dup('c');
        }
        return inputs;
    }

    private INDArray[] labels(INDArray targets) {
        INDArray[] labels = new INDArray[outputNames.size()];
        if (sharedLabels) {
            java.util.Arrays.fill(labels, targets);
            return labels;
        }
        for (int o = 0; o < labels.length; o++) {
            labels[o] = targets.get(NDArrayIndex.all(),
                    NDArrayIndex.interval(labelOffsets[o], labelOffsets[o] + labelWidths[o])).dup('c');
        }
        return labels;
    }

    private static long[] toLong(int[] values) {
        long[] result = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }

    @Override
    public void fit(INDArray features, INDArray targets) {
        graph.fit(inputs(features), labels(targets));
    }

    @Override
    public double score() {
        return graph.score();
    }

    @Override
    public double loss(INDArray features, INDArray targets) {
        return graph.score(new MultiDataSet(inputs(features), labels(targets)), false);
    }

    @Override
    public INDArray output(INDArray features) {
        return graph.output(false, inputs(features))[0];
    }

    /** Every output head's predictions, in {@link #outputNames()} order. */
    public INDArray[] outputs(INDArray features) {
        return graph.output(false, inputs(features));
    }

    /** The loss function of an output head, without its loss weight (for reporting each head's own loss). */
    public org.nd4j.linalg.lossfunctions.ILossFunction headLoss(int output) {
        org.deeplearning4j.nn.conf.layers.BaseOutputLayer conf = (org.deeplearning4j.nn.conf.layers.BaseOutputLayer)
                graph.getOutputLayer(output).conf().getLayer();
        org.nd4j.linalg.lossfunctions.ILossFunction loss = conf.getLossFn();
        return loss instanceof dev.layerlab.model.WeightedLoss weighted ? weighted.getLoss() : loss;
    }

    @Override
    public INDArray params() {
        return graph.params();
    }

    @Override
    public void setParams(INDArray params) {
        graph.setParams(params);
    }

    @Override
    public long numParams() {
        return graph.numParams();
    }

    @Override
    public int epochCount() {
        return graph.getEpochCount();
    }

    @Override
    public void incrementEpochCount() {
        graph.incrementEpochCount();
    }

    @Override
    public void save(File file, boolean withUpdater) throws IOException {
        ModelSerializer.writeModel(graph, file, withUpdater);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ComputationGraph dl4j() {
        return graph;
    }

    public static GraphNetwork restore(File file, boolean withUpdater, NetworkSpec spec, NetworkShape shape) throws IOException {
        return new GraphNetwork(ModelSerializer.restoreComputationGraph(file, withUpdater), spec, shape);
    }
}
