package dev.layerlab.model;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.TaskType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Starting networks: a size-aware suggestion and a few named templates. Outputs always follow the task. */
public final class NetworkTemplates {

    static final int MIN_FIRST_UNITS = 16;
    static final int MAX_FIRST_UNITS = 512;
    /** Tapering stops before layers get narrower than this. */
    static final int MIN_UNITS = 8;
    static final int MAX_HIDDEN_LAYERS = 3;

    private NetworkTemplates() {
    }

    /**
     * A relu / he_normal MLP whose first layer is the power of two nearest twice the input width (ties go up),
     * clamped to [16, 512], then halving for up to 3 layers while layers keep at least 8 units: 13 inputs give
     * 32-16-8, 60 inputs give 128-64-32. The task only decides the output layer, which stays automatic.
     */
    public static NetworkSpec suggest(int inputWidth, TaskType task) {
        if (inputWidth < 1) {
            throw new InvalidInputException("cannot suggest a network without input features");
        }
        int first = firstLayerUnits(inputWidth);
        List<LayerSpec> layers = new ArrayList<>();
        for (int units = first; units >= MIN_UNITS && layers.size() < MAX_HIDDEN_LAYERS; units /= 2) {
            layers.add(DenseLayer.of(units, Activation.RELU).withWeightInit(Initializer.HE_NORMAL));
        }
        return new NetworkSpec(layers, OutputSpec.auto());
    }

    static int firstLayerUnits(int inputWidth) {
        long target = 2L * inputWidth;
        long lower = Long.highestOneBit(target);
        long upper = lower == target ? lower : lower * 2;
        long nearest = (target - lower) < (upper - target) ? lower : upper;
        return (int) Math.max(MIN_FIRST_UNITS, Math.min(MAX_FIRST_UNITS, nearest));
    }

    /** Named templates, in display order. */
    public static Map<String, NetworkSpec> templates() {
        Map<String, NetworkSpec> t = new LinkedHashMap<>();
        t.put("mlp-small", NetworkSpec.of(he(32), he(16)));
        t.put("mlp-regularized", NetworkSpec.of(
                he(128).withRegularization(0, 1e-4), DropoutLayer.of(0.3),
                he(64).withRegularization(0, 1e-4), DropoutLayer.of(0.3)));
        // Dense without activation, then normalize, then activate: the usual batch-norm ordering.
        t.put("mlp-batchnorm", NetworkSpec.of(
                he(128).withActivation(Activation.IDENTITY), BatchNormLayer.of(), ActivationLayer.of(Activation.RELU),
                he(64).withActivation(Activation.IDENTITY), BatchNormLayer.of(), ActivationLayer.of(Activation.RELU)));
        t.put("linear", NetworkSpec.of());
        return Collections.unmodifiableMap(t);
    }

    /** Ids of the templates that depend on the data's columns, with their display names. */
    public static final Map<String, String> DATA_TEMPLATES = dataTemplateNames();

    private static Map<String, String> dataTemplateNames() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("sequential", "Sequential MLP");
        names.put("wide-deep", "Wide & Deep");
        names.put("wide-deep-aux", "Wide & Deep with auxiliary output");
        return Collections.unmodifiableMap(names);
    }

    /**
     * The networks the functional-API tutorials build on California housing (Géron, ch. 10), for any data:
     * <ul>
     * <li>"sequential": two hidden layers of 30 relu units in a chain;</li>
     * <li>"wide-deep": a wide input (the first five columns) goes straight to the output, a deep input (the
     * columns from the third on) goes through two layers of 30; the two meet in a concatenation;</li>
     * <li>"wide-deep-aux": the same with an auxiliary output on the deep stack, losses weighted 0.9 / 0.1.</li>
     * </ul>
     *
     * @param columns the data's input columns, in file order
     */
    public static NetworkSpec forData(String id, List<String> columns) {
        if (columns.isEmpty()) {
            throw new InvalidInputException("the data has no input columns for a template");
        }
        DenseLayer hidden1 = DenseLayer.of(30, Activation.RELU).withName("hidden1").withWeightInit(Initializer.HE_NORMAL);
        DenseLayer hidden2 = DenseLayer.of(30, Activation.RELU).withName("hidden2").withWeightInit(Initializer.HE_NORMAL);
        if (id.equals("sequential")) {
            return NetworkSpec.of(hidden1, hidden2);
        }
        List<String> wide = columns.subList(0, Math.min(5, columns.size()));
        List<String> deep = columns.subList(Math.min(2, columns.size() - 1), columns.size());
        List<InputNode> inputs = List.of(new InputNode("wide_input", wide), new InputNode("deep_input", deep));
        MergeLayer concat = new MergeLayer("concat", MergeMode.CONCATENATE);
        Map<String, List<String>> connections = new LinkedHashMap<>();
        connections.put("hidden1", List.of("deep_input"));
        connections.put("concat", List.of("wide_input", "hidden2"));
        List<OutputNode> outputs = switch (id) {
            case "wide-deep" -> List.of(new OutputNode("main_output", "concat", OutputSpec.auto(), 1.0));
            case "wide-deep-aux" -> List.of(new OutputNode("main_output", "concat", OutputSpec.auto(), 0.9),
                    new OutputNode("aux_output", "hidden2", OutputSpec.auto(), 0.1));
            default -> throw new InvalidInputException("unknown template '" + id + "': choose "
                    + String.join(", ", DATA_TEMPLATES.keySet()));
        };
        return new NetworkSpec(inputs, List.of(hidden1, hidden2, concat), connections, OutputSpec.auto(), outputs);
    }

    private static DenseLayer he(int units) {
        return DenseLayer.of(units, Activation.RELU).withWeightInit(Initializer.HE_NORMAL);
    }
}
