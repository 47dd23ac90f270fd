package dev.layerlab.model;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.TaskType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a spec against the data before anything trains, in plain language. Each problem about a hidden
 * layer names it ("layer 3 'dense_2': ..."); output problems start with "output layer: ".
 */
public final class NetworkValidator {

    private NetworkValidator() {
    }

    /** All problems found, in layer order; empty when the spec can be trained on data of this shape. */
    public static List<String> problems(NetworkSpec spec, NetworkShape shape) {
        List<String> problems = new ArrayList<>();
        checkShape(shape, problems);
        Map<String, Integer> firstUse = new HashMap<>();
        List<LayerSpec> layers = spec.layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            String where = "layer " + (i + 1) + " '" + layer.name() + "': ";
            checkName(layer, i, where, firstUse, problems);
            // Java 17: no pattern matching in switch yet, so instanceof over the sealed hierarchy.
            if (layer instanceof DenseLayer d) {
                checkDense(d, where, problems);
            } else if (layer instanceof DropoutLayer d) {
                checkDropout(d, where, problems);
            } else if (layer instanceof ActivationLayer a && a.activation() == null) {
                problems.add(where + "choose an activation function");
            }
        }
        if (spec.isGraph()) {
            problems.addAll(NetworkGraph.of(spec, shape).problems());
            List<OutputNode> outputs = NetworkGraph.outputsOf(spec);
            for (int i = 0; i < outputs.size(); i++) {
                OutputNode output = outputs.get(i);
                String where = "output '" + output.name() + "': ";
                NetworkShape.Target target = shape.targetOf(output);
                if (target == null) {
                    problems.add(where + "its target column '" + output.target() + "' is not a column of the data"
                            + " that can be predicted (check the name; a target needs values, and values that vary)");
                    continue;
                }
                if (i == 0 && !output.predictsMainTarget(shape.target())) {
                    problems.add(where + "the first output is the main one and predicts the experiment's target"
                            + (shape.target() == null ? "" : " '" + shape.target() + "'") + ", not '" + output.target()
                            + "': leave its target empty, or put an output that predicts the experiment's target first");
                }
                checkOutput(output.settings(), where, target.task(), target.width(), problems);
            }
        } else {
            checkOutput(spec.output(), "output layer: ", shape.task(), shape.outputs(), problems);
        }
        return List.copyOf(problems.stream().distinct().toList());
    }

    /** Throws an {@link InvalidInputException} listing every problem, joined by "; ". */
    public static void requireValid(NetworkSpec spec, NetworkShape shape) {
        List<String> problems = problems(spec, shape);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("; ", problems));
        }
    }

    private static void checkShape(NetworkShape shape, List<String> problems) {
        if (shape.inputs() < 1) {
            problems.add("the network has no input features: choose at least one input column");
        }
        switch (shape.task()) {
            case REGRESSION -> {
                if (shape.outputs() < 1) {
                    problems.add("a regression network needs at least 1 output, got " + shape.outputs());
                }
            }
            case BINARY_CLASSIFICATION -> {
                if (shape.outputs() != 1) {
                    problems.add("binary classification uses exactly 1 output unit, got " + shape.outputs());
                }
            }
            case MULTICLASS_CLASSIFICATION -> {
                if (shape.outputs() < 2) {
                    problems.add("multi-class classification needs at least 2 classes, got " + shape.outputs());
                }
            }
        }
    }

    private static void checkName(LayerSpec layer, int index, String where, Map<String, Integer> firstUse,
                                  List<String> problems) {
        String name = layer.name();
        if (OutputSpec.LAYER_NAME.equals(name)) {
            problems.add(where + "the name '" + name + "' is reserved for the output layer");
        }
        Integer earlier = firstUse.putIfAbsent(name, index);
        if (earlier != null) {
            problems.add(where + "the name '" + name + "' is already used by layer " + (earlier + 1)
                    + ": layer names must be unique");
        }
    }

    private static void checkDense(DenseLayer d, String where, List<String> problems) {
        if (d.units() < 1) {
            problems.add(where + "a dense layer needs at least 1 unit, got " + d.units());
        }
        if (!Double.isFinite(d.biasInit())) {
            problems.add(where + "the initial bias must be a finite number, got " + d.biasInit());
        }
        checkPenalties(where, d.l1(), d.l2(), problems);
    }

    private static void checkDropout(DropoutLayer d, String where, List<String> problems) {
        double rate = d.rate();
        if (Double.isNaN(rate) || rate < 0) {
            problems.add(where + "dropout rate must be 0 or more, got " + rate);
        } else if (rate >= 1) {
            problems.add(where + "dropout rate must be below 1: " + rate + " drops every unit");
        }
    }

    private static void checkPenalties(String where, double l1, double l2, List<String> problems) {
        if (Double.isNaN(l1) || Double.isInfinite(l1) || l1 < 0) {
            problems.add(where + "L1 penalty must be 0 or a positive number, got " + l1);
        }
        if (Double.isNaN(l2) || Double.isInfinite(l2) || l2 < 0) {
            problems.add(where + "L2 penalty must be 0 or a positive number, got " + l2);
        }
    }

    private static void checkOutput(OutputSpec out, String where, TaskType task, int units, List<String> problems) {
        Activation activation = out.resolvedActivation(task);
        Loss loss = out.resolvedLoss(task);
        if (activation == Activation.PRELU) {
            problems.add(where + "prelu is not available on the output layer: choose another activation");
        }
        if (task == TaskType.REGRESSION) {
            if (activation == Activation.SOFTMAX || activation == Activation.SIGMOID) {
                problems.add(where + activation.jsonName() + " output squashes predictions into (0, 1) and does"
                        + " not suit a regression task: use identity");
            }
            if (loss.isCrossEntropy()) {
                problems.add(where + loss.jsonName() + " loss is for classification, not regression:"
                        + " use mse, mae or huber");
            }
        }
        if (loss.isCrossEntropy() && activation == Activation.IDENTITY) {
            problems.add(where + "identity output cannot be used with " + loss.jsonName()
                    + " loss, which needs probabilities: use sigmoid (binary) or softmax (multi-class)");
        }
        if (loss == Loss.BINARY_CROSSENTROPY && units > 1) {
            problems.add(where + "binary_crossentropy needs exactly 1 output unit, but this task has " + units
                    + ": use categorical_crossentropy");
        }
        if (loss == Loss.CATEGORICAL_CROSSENTROPY && units == 1) {
            problems.add(where + "categorical_crossentropy needs at least 2 output units: for a yes/no target"
                    + " use binary_crossentropy");
        }
        if (activation == Activation.SOFTMAX && units == 1) {
            problems.add(where + "softmax over a single unit always outputs 1: use sigmoid");
        }
        checkPenalties(where, out.l1(), out.l2(), problems);
    }
}
