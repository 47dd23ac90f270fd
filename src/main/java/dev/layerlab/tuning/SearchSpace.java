package dev.layerlab.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.layerlab.InvalidInputException;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.DenseLayer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
 * in a trial with more than i hidden layers.
 *
 * @param parameters the domains by name (insertion order is the display order)
 * @param gridPoints how many points a grid search takes from each continuous range (null = 4)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchSpace(Map<String, ParamDomain> parameters, Integer gridPoints) {
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

    public SearchSpace {
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
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
        return new SearchSpace(p, gridPoints);
    }

    public SearchSpace without(String name) {
        Map<String, ParamDomain> p = new LinkedHashMap<>(parameters);
        p.remove(name);
        return new SearchSpace(p, gridPoints);
    }

    public SearchSpace withGridPoints(Integer points) {
        return new SearchSpace(parameters, points);
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

    /**
     * The concrete list of parameters for a base experiment: {@code network.units} expanded to one
     * {@code network.units[i]} per possible layer, in a fixed order (layer-count before the units it governs).
     */
    public Resolved resolve(Experiment base) {
        requireValid();
        int baseLayers = baseDenseLayers(base);
        ParamDomain layersDomain = parameters.get(HIDDEN_LAYERS);
        int maxLayers = baseLayers;
        if (layersDomain != null) {
            maxLayers = 0;
            for (Object v : layersDomain.gridValues(2)) {
                maxLayers = Math.max(maxLayers, (int) Math.round(ParamDomain.number(v)));
            }
        }
        LinkedHashMap<String, ParamDomain> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, ParamDomain> e : parameters.entrySet()) {
            if (!e.getKey().equals(UNITS) && unitIndex(e.getKey()) < 0) {
                ordered.put(e.getKey(), e.getValue());
            }
        }
        ParamDomain shared = parameters.get(UNITS);
        for (int i = 0; i < maxLayers; i++) {
            ParamDomain d = parameters.getOrDefault(unitsName(i), shared);
            if (d != null) {
                ordered.put(unitsName(i), d);
            }
        }
        return new Resolved(ordered, baseLayers, gridPointsOrDefault());
    }

    static int baseDenseLayers(Experiment base) {
        if (base == null || base.network() == null) {
            return 0;
        }
        return (int) base.network().layers().stream().filter(l -> l instanceof DenseLayer).count();
    }

    /** A space made concrete for one base experiment: ordered parameters and the conditions between them. */
    public static final class Resolved {
        private final LinkedHashMap<String, ParamDomain> params;
        private final int baseLayers;
        private final int gridPoints;

        Resolved(LinkedHashMap<String, ParamDomain> params, int baseLayers, int gridPoints) {
            this.params = params;
            this.baseLayers = baseLayers;
            this.gridPoints = gridPoints;
        }

        public Map<String, ParamDomain> parameters() {
            return Collections.unmodifiableMap(params);
        }

        public List<String> names() {
            return new ArrayList<>(params.keySet());
        }

        /** Names whose domain is not fixed: the ones worth showing in a leaderboard. */
        public List<String> searchedNames() {
            List<String> out = new ArrayList<>();
            params.forEach((k, v) -> {
                if (!(v instanceof ParamDomain.Fixed) && !(v.gridValues(gridPoints).size() == 1)) {
                    out.add(k);
                }
            });
            return out;
        }

        public ParamDomain domain(String name) {
            return params.get(name);
        }

        public int gridPoints() {
            return gridPoints;
        }

        /** Whether a parameter exists given the values chosen so far ({@code network.units[i]} needs > i layers). */
        public boolean isActive(String name, Map<String, Object> assignment) {
            int index = unitIndex(name);
            if (index < 0) {
                return true;
            }
            return layers(assignment) > index;
        }

        int layers(Map<String, Object> assignment) {
            Object v = assignment.get(HIDDEN_LAYERS);
            return v == null ? baseLayers : (int) Math.round(ParamDomain.number(v));
        }

        /** A random assignment: each active parameter drawn from its domain, in order. */
        public Map<String, Object> sample(SplittableRandom random) {
            Map<String, Object> a = new LinkedHashMap<>();
            for (Map.Entry<String, ParamDomain> e : params.entrySet()) {
                if (isActive(e.getKey(), a)) {
                    a.put(e.getKey(), e.getValue().sample(random));
                }
            }
            return a;
        }

        /** Every grid point, conditional parameters only varied where they exist (no duplicate networks). */
        public List<Map<String, Object>> grid() {
            List<Map<String, Object>> out = new ArrayList<>();
            enumerate(names(), 0, new LinkedHashMap<>(), out, Long.MAX_VALUE);
            return out;
        }

        /** The number of grid points, without building them (saturates at Long.MAX_VALUE). */
        public long gridSize() {
            return count(names(), 0, new LinkedHashMap<>());
        }

        private long count(List<String> names, int k, Map<String, Object> a) {
            if (k == names.size()) {
                return 1;
            }
            String name = names.get(k);
            if (!isActive(name, a)) {
                return count(names, k + 1, a);
            }
            List<Object> values = params.get(name).gridValues(gridPoints);
            if (!name.equals(HIDDEN_LAYERS)) {
                long rest = count(names, k + 1, a);
                return saturatingMultiply(rest, values.size());
            }
            long total = 0;
            for (Object v : values) {
                a.put(name, v);
                total = saturatingAdd(total, count(names, k + 1, a));
                a.remove(name);
            }
            return total;
        }

        private void enumerate(List<String> names, int k, LinkedHashMap<String, Object> a, List<Map<String, Object>> out, long cap) {
            if (out.size() >= cap) {
                return;
            }
            if (k == names.size()) {
                out.add(new LinkedHashMap<>(a));
                return;
            }
            String name = names.get(k);
            if (!isActive(name, a)) {
                enumerate(names, k + 1, a, out, cap);
                return;
            }
            for (Object v : params.get(name).gridValues(gridPoints)) {
                a.put(name, v);
                enumerate(names, k + 1, a, out, cap);
                a.remove(name);
            }
        }

        private static long saturatingMultiply(long a, long b) {
            long r = a * b;
            return (a != 0 && (r / a != b || r < 0)) ? Long.MAX_VALUE : r;
        }

        private static long saturatingAdd(long a, long b) {
            long r = a + b;
            return r < 0 ? Long.MAX_VALUE : r;
        }
    }
}
