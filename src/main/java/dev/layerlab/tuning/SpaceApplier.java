package dev.layerlab.tuning;

import dev.layerlab.InvalidInputException;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ParamDomain;
import dev.layerlab.experiment.SearchSpace;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.Initializer;
import dev.layerlab.model.LayerSpec;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a base experiment and one trial's values into a concrete experiment (a pure function).
 *
 * <p>Training parameters replace the matching setting. When any {@code network.*} parameter is given, the
 * hidden stack is rebuilt as Dense layers (each followed by a Dropout layer when the dropout rate is above
 * 0): layer i keeps the base's i-th Dense layer settings (activation, initializer, L1/L2) unless overridden,
 * layers beyond the base copy its last Dense layer (or relu/he_normal when it has none), and a layer without a
 * units value keeps the base's count (or the previous layer's). Other layer kinds of the base (batch norm,
 * activation) are not carried over in that case. The output layer is kept. The result has no search space.
 */
public final class SpaceApplier {
    private SpaceApplier() {
    }

    public static Experiment apply(Experiment base, Map<String, Object> values) {
        TrainingSpec t = base.training();
        Object optimizer = values.get(SearchSpace.OPTIMIZER);
        if (optimizer != null) {
            OptimizerKind kind;
            try {
                kind = OptimizerKind.fromId(String.valueOf(optimizer));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(SearchSpace.OPTIMIZER + ": " + e.getMessage());
            }
            OptimizerSpec o = t.optimizer().withKind(kind);
            t = t.withOptimizer(values.containsKey(SearchSpace.LEARNING_RATE) ? o : o.withLearningRate(kind.usualLearningRate()));
        }
        if (values.containsKey(SearchSpace.LEARNING_RATE)) {
            t = t.withOptimizer(t.optimizer().withLearningRate(number(values, SearchSpace.LEARNING_RATE)));
        }
        if (values.containsKey(SearchSpace.BATCH_SIZE)) {
            t = t.withBatchSize(integer(values, SearchSpace.BATCH_SIZE));
        }
        if (values.containsKey(SearchSpace.EPOCHS)) {
            t = t.withEpochs(integer(values, SearchSpace.EPOCHS));
        }
        NetworkSpec network = base.network();
        if (values.keySet().stream().anyMatch(k -> k.startsWith("network."))) {
            network = rebuild(network, values);
        }
        return new Experiment(base.formatVersion(), base.name(), base.data(), network, t, null);
    }

    private static NetworkSpec rebuild(NetworkSpec base, Map<String, Object> values) {
        List<DenseLayer> dense = new ArrayList<>();
        double baseDropout = 0;
        if (base != null) {
            for (LayerSpec layer : base.layers()) {
                if (layer instanceof DenseLayer d) {
                    dense.add(d);
                } else if (layer instanceof DropoutLayer d && baseDropout == 0) {
                    baseDropout = d.rate();
                }
            }
        }
        int count = values.containsKey(SearchSpace.HIDDEN_LAYERS) ? integer(values, SearchSpace.HIDDEN_LAYERS) : dense.size();
        if (count < 0) {
            throw new InvalidInputException(SearchSpace.HIDDEN_LAYERS + " must not be negative, got " + count);
        }
        double dropout = values.containsKey(SearchSpace.DROPOUT) ? number(values, SearchSpace.DROPOUT) : baseDropout;
        Activation activation = null;
        if (values.containsKey(SearchSpace.ACTIVATION)) {
            try {
                activation = Activation.fromJson(String.valueOf(values.get(SearchSpace.ACTIVATION)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(SearchSpace.ACTIVATION + ": " + e.getMessage());
            }
        }
        List<LayerSpec> layers = new ArrayList<>();
        DenseLayer fallback = DenseLayer.of(64, Activation.RELU).withWeightInit(Initializer.HE_NORMAL);
        int previousUnits = dense.isEmpty() ? 64 : dense.get(0).units();
        for (int i = 0; i < count; i++) {
            DenseLayer template = i < dense.size() ? dense.get(i) : dense.isEmpty() ? fallback : dense.get(dense.size() - 1);
            String unitsKey = SearchSpace.unitsName(i);
            int units = values.containsKey(unitsKey) ? integer(values, unitsKey)
                    : i < dense.size() ? dense.get(i).units() : previousUnits;
            previousUnits = units;
            DenseLayer layer = new DenseLayer(null, units, activation != null ? activation : template.activation(),
                    template.weightInit(), template.biasInit(),
                    values.containsKey(SearchSpace.L1) ? number(values, SearchSpace.L1) : template.l1(),
                    values.containsKey(SearchSpace.L2) ? number(values, SearchSpace.L2) : template.l2());
            layers.add(layer);
            if (dropout > 0) {
                layers.add(DropoutLayer.of(dropout));
            }
        }
        return new NetworkSpec(layers, base == null ? null : base.output());
    }

    private static double number(Map<String, Object> values, String key) {
        try {
            return ParamDomain.number(values.get(key));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(key + ": " + e.getMessage());
        }
    }

    private static int integer(Map<String, Object> values, String key) {
        return (int) Math.round(number(values, key));
    }
}
