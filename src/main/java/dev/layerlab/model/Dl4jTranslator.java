package dev.layerlab.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The one place where specs become DL4J configurations. Everything DL4J-specific (retain-probability
 * dropout, L2 scaling, PReLU as a layer, Huber as a custom loss) is translated here.
 *
 * <p>DL4J layer names are the spec names; the output layer is {@value OutputSpec#LAYER_NAME}, and a Dense
 * layer with prelu becomes a Dense (identity) named after the spec plus a PReLU layer named
 * {@code <name>_prelu}, so the DL4J network can have more layers than the spec.
 */
public final class Dl4jTranslator {

    /** Suffix of the extra DL4J PReLU layer that follows a Dense layer with prelu activation. */
    public static final String PRELU_SUFFIX = "_prelu";

    private Dl4jTranslator() {
    }

    /**
     * Validates and translates a sequential spec.
     *
     * @throws dev.layerlab.InvalidInputException if {@link NetworkValidator} finds problems
     */
    public static MultiLayerConfiguration toConfiguration(NetworkSpec spec, NetworkShape shape, IUpdater updater,
                                                          long seed) {
        NetworkValidator.requireValid(spec, shape);
        if (shape.hasEmbeddings()) {
            throw new IllegalArgumentException("data with embedded columns needs a graph: use toGraphConfiguration");
        }
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .dataType(DataType.FLOAT)
                .list();
        long width = shape.inputs(); // PReLU needs its input width up front
        for (LayerSpec layer : spec.layers()) {
            for (Layer dl4jLayer : hiddenLayers(layer, width)) {
                list.layer(dl4jLayer);
            }
            if (layer instanceof DenseLayer d) {
                width = d.units();
            }
        }
        list.layer(outputLayer(OutputSpec.LAYER_NAME, spec.output(), shape.mainTarget(), 1.0));
        // Lets DL4J infer every nIn (including PReLU and BatchNorm widths) from the input width.
        list.setInputType(InputType.feedForward(shape.inputs()));
        return list.build();
    }

    /**
     * Validates and translates a graph spec (several inputs or outputs, merges) into a ComputationGraph
     * configuration. Inputs are named as in the spec and take the feature columns the spec gives them (the
     * trainer slices them from the feature matrix); each output is trained on its own target (the experiment's
     * unless it names another column), its loss weighted by {@link OutputNode#lossWeight()}.
     */
    public static ComputationGraphConfiguration toGraphConfiguration(NetworkSpec spec, NetworkShape shape,
                                                                     IUpdater updater, long seed) {
        NetworkValidator.requireValid(spec, shape);
        NetworkGraph graph = NetworkGraph.of(spec, shape);
        ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .dataType(DataType.FLOAT)
                .graphBuilder();
        List<String> inputNames = new ArrayList<>();
        List<InputType> inputTypes = new ArrayList<>();
        Map<String, Long> widths = new HashMap<>();
        // Inputs as the DL4J graph takes them: embedded columns get an index input and an embedding layer each,
        // merged with their spec input's other features (InputLayout); layers read the merge in its place.
        InputLayout layout = InputLayout.of(spec, NetworkGraph.shapeFor(spec, shape));
        for (InputLayout.Input input : layout.inputs()) {
            inputNames.add(input.name());
            EmbeddedColumn e = input.embedding();
            if (e != null) {
                inputTypes.add(InputType.feedForward(1));
                builder.addLayer(e.layerName(), embeddingLayer(e), input.name());
            } else {
                Long dense = layout.denseWidth(input.name());
                inputTypes.add(InputType.feedForward(dense != null ? dense
                        : graph.nodes().stream().filter(n -> n.name().equals(input.name())).findFirst()
                                .map(NetworkGraph.Node::width).orElse(0L)));
            }
        }
        for (InputLayout.Merge merge : layout.merges()) {
            builder.addVertex(merge.name(), new MergeVertex(), merge.from().toArray(String[]::new));
        }
        for (NetworkGraph.Node node : graph.nodes()) {
            widths.put(node.name(), node.width());
            String[] from = node.from().stream().map(layout::resolve).toArray(String[]::new);
            String widthFrom = node.from().isEmpty() ? null : node.from().get(0);
            switch (node.kind()) {
                case INPUT -> {
                    // added above
                }
                case OUTPUT -> {
                    builder.addLayer(node.name(), outputLayer(node.name(), node.output().settings(),
                            shape.targetOf(node.output()), node.output().lossWeight()), from);
                }
                default -> {
                    LayerSpec layer = node.layer();
                    if (layer instanceof MergeLayer merge) {
                        builder.addVertex(node.name(), switch (merge.mode()) {
                            case CONCATENATE -> new MergeVertex();
                            case ADD -> new ElementWiseVertex(ElementWiseVertex.Op.Add);
                            case AVERAGE -> new ElementWiseVertex(ElementWiseVertex.Op.Average);
                        }, from);
                    } else {
                        // A Dense with prelu is two DL4J layers: the last keeps the spec's name, which later
                        // nodes refer to; the first is "<name>_linear".
                        List<Layer> parts = hiddenLayers(layer, widthFrom == null ? 0L : widths.getOrDefault(widthFrom, 0L));
                        String[] previous = from;
                        for (int i = 0; i < parts.size(); i++) {
                            String name = i == parts.size() - 1 ? layer.name() : layer.name() + "_linear";
                            builder.addLayer(name, parts.get(i), previous);
                            previous = new String[] {name};
                        }
                    }
                }
            }
        }
        builder.addInputs(inputNames.toArray(String[]::new));
        builder.setInputTypes(inputTypes.toArray(InputType[]::new));
        // Outputs in the spec's order (the first is the main one), not the graph's topological order.
        builder.setOutputs(NetworkGraph.outputsOf(spec).stream().map(OutputNode::name).toArray(String[]::new));
        ComputationGraphConfiguration conf = builder.build();
        // Inferring widths from the input types sets an embedding's nIn to its input's width (1, the index):
        // its table has one row per category instead.
        for (EmbeddedColumn e : layout.embeddings()) {
            ((org.deeplearning4j.nn.conf.layers.EmbeddingLayer) ((org.deeplearning4j.nn.conf.graph.LayerVertex)
                    conf.getVertices().get(e.layerName())).getLayerConf().getLayer()).setNIn(e.vocabulary());
        }
        return conf;
    }

    /** A lookup table: row i is the vector of index i; no bias, no activation (Keras's Embedding). */
    static org.deeplearning4j.nn.conf.layers.EmbeddingLayer embeddingLayer(EmbeddedColumn e) {
        return new org.deeplearning4j.nn.conf.layers.EmbeddingLayer.Builder()
                .name(e.layerName())
                .nIn(e.vocabulary())
                .nOut(e.dimension())
                .hasBias(false)
                .activation(org.nd4j.linalg.activations.Activation.IDENTITY)
                .build();
    }

    /** The DL4J layers for one hidden layer spec (two for a Dense with prelu). */
    static List<Layer> hiddenLayers(LayerSpec layer, long width) {
        List<Layer> layers = new ArrayList<>();
        if (layer instanceof DenseLayer d) {
            boolean prelu = d.activation() == Activation.PRELU;
            layers.add(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder()
                    .name(d.name())
                    .nOut(d.units())
                    .activation(prelu ? org.nd4j.linalg.activations.Activation.IDENTITY : toDl4j(d.activation()))
                    .weightInit(toDl4j(d.weightInit()))
                    .biasInit(d.biasInit())
                    .l1(d.l1())
                    .l2(toDl4jL2(d.l2()))
                    .build());
            if (prelu) {
                layers.add(preluLayer(d.name() + PRELU_SUFFIX, d.units()));
            }
        } else if (layer instanceof DropoutLayer d) {
            org.deeplearning4j.nn.conf.layers.DropoutLayer.Builder b =
                    new org.deeplearning4j.nn.conf.layers.DropoutLayer.Builder();
            if (d.rate() > 0) {
                // Keras rate = fraction dropped; DL4J's Dropout p = probability of RETAINING a unit.
                b.dropOut(d.isAlpha() ? new org.deeplearning4j.nn.conf.dropout.AlphaDropout(1.0 - d.rate())
                        : new Dropout(1.0 - d.rate()));
            }
            layers.add(b.name(d.name()).build());
        } else if (layer instanceof BatchNormLayer b) {
            layers.add(new BatchNormalization.Builder().name(b.name()).build());
        } else if (layer instanceof ActivationLayer a) {
            if (a.activation() == Activation.PRELU) {
                layers.add(preluLayer(a.name(), width));
            } else {
                layers.add(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                        .name(a.name())
                        .activation(toDl4j(a.activation()))
                        .build());
            }
        }
        return layers;
    }

    /** An output layer sized and, where the spec says "auto", activated and scored for the target it predicts. */
    private static OutputLayer outputLayer(String name, OutputSpec out, NetworkShape.Target target, double lossWeight) {
        OutputLayer.Builder output = new OutputLayer.Builder()
                .name(name)
                .nOut(target.width())
                .activation(toDl4j(out.resolvedActivation(target.task())))
                .weightInit(toDl4j(out.resolvedWeightInit()))
                .l1(out.l1())
                .l2(toDl4jL2(out.l2()));
        Loss loss = out.resolvedLoss(target.task());
        ILossFunction function = loss == Loss.HUBER ? new HuberLoss() : toDl4j(loss).getILossFunction();
        function = ClassWeighting.weighted(function, target.classWeights());
        output.lossFunction(lossWeight == 1.0 ? function : new WeightedLoss(function, lossWeight));
        return output.build();
    }

    private static PReLULayer preluLayer(String name, long width) {
        return new PReLULayer.Builder().name(name).inputShape(width).build();
    }

    /**
     * Keras adds l2 * sum(w^2) to the loss; DL4J's L2Regularization adds l2/2 * sum(w^2). Doubling keeps
     * the Keras meaning of the number the user typed.
     */
    static double toDl4jL2(double kerasL2) {
        return 2.0 * kerasL2;
    }

    public static org.nd4j.linalg.activations.Activation toDl4j(Activation a) {
        return switch (a) {
            case RELU -> org.nd4j.linalg.activations.Activation.RELU;
            case LEAKYRELU -> org.nd4j.linalg.activations.Activation.LEAKYRELU;
            case PRELU -> throw new IllegalArgumentException("prelu is a layer in DL4J, not an activation function");
            case ELU -> org.nd4j.linalg.activations.Activation.ELU;
            case SELU -> org.nd4j.linalg.activations.Activation.SELU;
            case TANH -> org.nd4j.linalg.activations.Activation.TANH;
            case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID;
            case SOFTMAX -> org.nd4j.linalg.activations.Activation.SOFTMAX;
            case IDENTITY -> org.nd4j.linalg.activations.Activation.IDENTITY;
            case SWISH -> org.nd4j.linalg.activations.Activation.SWISH;
            case GELU -> org.nd4j.linalg.activations.Activation.GELU;
        };
    }

    /** Note DL4J's XAVIER is glorot normal and RELU is he normal. */
    public static WeightInit toDl4j(Initializer i) {
        return switch (i) {
            case GLOROT_UNIFORM -> WeightInit.XAVIER_UNIFORM;
            case GLOROT_NORMAL -> WeightInit.XAVIER;
            case HE_NORMAL -> WeightInit.RELU;
            case HE_UNIFORM -> WeightInit.RELU_UNIFORM;
            case LECUN_NORMAL -> WeightInit.LECUN_NORMAL;
            case LECUN_UNIFORM -> WeightInit.LECUN_UNIFORM;
            case RANDOM_UNIFORM -> WeightInit.UNIFORM;
            case ZEROS -> WeightInit.ZERO;
        };
    }

    /** Huber has no DL4J enum value; see {@link HuberLoss}. */
    public static LossFunction toDl4j(Loss loss) {
        return switch (loss) {
            case MSE -> LossFunction.MSE;
            case MAE -> LossFunction.MEAN_ABSOLUTE_ERROR;
            case HUBER -> throw new IllegalArgumentException("huber has no DL4J LossFunction value: use HuberLoss");
            case BINARY_CROSSENTROPY -> LossFunction.XENT;
            case CATEGORICAL_CROSSENTROPY -> LossFunction.MCXENT;
        };
    }
}
