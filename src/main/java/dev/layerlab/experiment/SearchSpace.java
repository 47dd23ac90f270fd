package dev.layerlab.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.layerlab.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hyperparameters a study varies, by stable name, saved in an experiment as {@code "search"}.
 *
 * <p>Names: {@code training.learningRate}, {@code training.batchSize}, {@code training.optimizer},
 * {@code training.epochs}, {@code network.hiddenLayers}, {@code network.units} (one domain for every hidden
 * layer) or {@code network.units[i]} (layer i, 0-based, overrides {@code network.units}),
 * {@code network.dropout}, {@code network.l1}, {@code network.l2}, {@code network.activation}.
 * Parameters not named keep the experiment's value. {@code network.units[i]} is conditional: it only exists
 * in a trial with more than i hidden layers. Plain data: {@code tuning.ResolvedSpace} interprets it for a study.
 *
 * @param parameters the domains by name (insertion order is the display order)
 * @param gridPoints how many points a grid search takes from each continuous range (null = 4)
 * @param pruningGrace the share of a trial's epoch budget during which no pruner stops it, so a learning-rate
 *                   schedule (warm-up, one-cycle) acts before the trial is judged (null = {@link #DEFAULT_PRUNING_GRACE})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchSpace(Map<String, ParamDomain> parameters, Integer gridPoints, Double pruningGrace) {
    /** No pruning in the first quarter of a trial's epochs unless the experiment or the command says otherwise. */
    public static final double DEFAULT_PRUNING_GRACE = 0.25;
    public static final String LEARNING_RATE = "training.learningRate";
    public static final String BATCH_SIZE = "training.batchSize";
    public static final String OPTIMIZER = "training.optimizer";
    public static final String EPOCHS = "training.epochs";
    public static final String HIDDEN_LAYERS = "network.hiddenLayers";
    public static final String UNITS = "network.units";
    public static final String DROPOUT = "network.dropout";
    public static final String L1 = "network.l1";
    public static final String L2 = "network.l2";
    public static final String ACTIVATION = "network.activation";

    /** The names a space may use, besides {@code network.units[i]}. */
    public static final List<String> NAMES = List.of(LEARNING_RATE, BATCH_SIZE, OPTIMIZER, EPOCHS, HIDDEN_LAYERS,
            UNITS, DROPOUT, L1, L2, ACTIVATION);

    private static final Pattern UNIT_INDEX = Pattern.compile("network\\.units\\[(\\d+)]");

    @com.fasterxml.jackson.annotation.JsonCreator
    public SearchSpace {
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public SearchSpace(Map<String, ParamDomain> parameters, Integer gridPoints) {
        this(parameters, gridPoints, null);
    }

    public SearchSpace withPruningGrace(Double grace) {
        return new SearchSpace(parameters, gridPoints, grace);
    }

    public double pruningGraceOrDefault() {
        return pruningGrace == null ? DEFAULT_PRUNING_GRACE : pruningGrace;
    }

    public static SearchSpace of(Map<String, ParamDomain> parameters) {
        return new SearchSpace(parameters, null);
    }

    /**
     * The space used when an experiment has none: learning rate log-uniform 1e-4..1e-2, 1..3 hidden layers,
     * 16..256 units per layer as powers of two, dropout 0..0.3.
     */
    public static SearchSpace defaults() {
        Map<String, ParamDomain> p = new LinkedHashMap<>();
        p.put(LEARNING_RATE, new ParamDomain.LogUniform(1e-4, 1e-2));
        p.put(HIDDEN_LAYERS, ParamDomain.IntRange.of(1, 3));
        p.put(UNITS, ParamDomain.IntRange.powersOfTwo(16, 256));
        p.put(DROPOUT, new ParamDomain.Uniform(0, 0.3));
        return new SearchSpace(p, null);
    }

    public int gridPointsOrDefault() {
        return gridPoints == null || gridPoints < 1 ? 4 : gridPoints;
    }

    public SearchSpace with(String name, ParamDomain domain) {
        Map<String, ParamDomain> p = new LinkedHashMap<>(parameters);
        p.put(name, domain);
        return new SearchSpace(p, gridPoints, pruningGrace);
    }

    public SearchSpace without(String name) {
        Map<String, ParamDomain> p = new LinkedHashMap<>(parameters);
        p.remove(name);
        return new SearchSpace(p, gridPoints, pruningGrace);
    }

    public SearchSpace withGridPoints(Integer points) {
        return new SearchSpace(parameters, points, pruningGrace);
    }

    /** Layer index of a {@code network.units[i]} name, or -1. */
    public static int unitIndex(String name) {
        Matcher m = UNIT_INDEX.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    public static String unitsName(int layer) {
        return UNITS + "[" + layer + "]";
    }

    /** Throws {@link InvalidInputException} naming the first unknown name or empty domain. */
    public void requireValid() {
        if (pruningGrace != null && !(pruningGrace >= 0 && pruningGrace <= 1)) {
            throw new InvalidInputException("the pruning grace is a share of the epochs between 0 and 1, got " + pruningGrace);
        }
        for (Map.Entry<String, ParamDomain> e : parameters.entrySet()) {
            if (!NAMES.contains(e.getKey()) && unitIndex(e.getKey()) < 0) {
                throw new InvalidInputException("unknown search parameter '" + e.getKey() + "' (known: "
                        + String.join(", ", NAMES) + ", network.units[i])");
            }
            if (e.getValue() == null) {
                throw new InvalidInputException("search parameter " + e.getKey() + " has no domain");
            }
            e.getValue().check(e.getKey());
        }
    }
}
