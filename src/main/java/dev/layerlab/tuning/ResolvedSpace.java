package dev.layerlab.tuning;

import static dev.layerlab.experiment.SearchSpace.HIDDEN_LAYERS;
import static dev.layerlab.experiment.SearchSpace.UNITS;
import static dev.layerlab.experiment.SearchSpace.unitIndex;
import static dev.layerlab.experiment.SearchSpace.unitsName;

import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ParamDomain;
import dev.layerlab.experiment.SearchSpace;
import dev.layerlab.model.DenseLayer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A search space made concrete for one base experiment: ordered parameters and the conditions between them. */
public final class ResolvedSpace {
    private final LinkedHashMap<String, ParamDomain> params;
    private final int baseLayers;
    private final int gridPoints;

    ResolvedSpace(LinkedHashMap<String, ParamDomain> params, int baseLayers, int gridPoints) {
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

    /**
     * The concrete list of parameters for a base experiment: {@code network.units} expanded to one
     * {@code network.units[i]} per possible layer, in a fixed order (layer-count before the units it governs).
     */
    public static ResolvedSpace of(SearchSpace space, Experiment base) {
        space.requireValid();
        int baseLayers = baseDenseLayers(base);
        ParamDomain layersDomain = space.parameters().get(HIDDEN_LAYERS);
        int maxLayers = baseLayers;
        if (layersDomain != null) {
            maxLayers = 0;
            for (Object v : layersDomain.gridValues(2)) {
                maxLayers = Math.max(maxLayers, (int) Math.round(ParamDomain.number(v)));
            }
        }
        LinkedHashMap<String, ParamDomain> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, ParamDomain> e : space.parameters().entrySet()) {
            if (!e.getKey().equals(UNITS) && unitIndex(e.getKey()) < 0) {
                ordered.put(e.getKey(), e.getValue());
            }
        }
        ParamDomain shared = space.parameters().get(UNITS);
        for (int i = 0; i < maxLayers; i++) {
            ParamDomain d = space.parameters().getOrDefault(unitsName(i), shared);
            if (d != null) {
                ordered.put(unitsName(i), d);
            }
        }
        return new ResolvedSpace(ordered, baseLayers, space.gridPointsOrDefault());
    }

    static int baseDenseLayers(Experiment base) {
        if (base == null || base.network() == null) {
            return 0;
        }
        return (int) base.network().layers().stream().filter(l -> l instanceof DenseLayer).count();
    }
}
