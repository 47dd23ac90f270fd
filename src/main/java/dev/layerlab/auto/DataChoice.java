package dev.layerlab.auto;

import dev.layerlab.data.DataSpec;
import dev.layerlab.data.RatioFeature;
import dev.layerlab.data.Scaling;
import dev.layerlab.data.TargetTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The data side of a candidate: how the numeric inputs are scaled (all quantile, all standardized, or quantile for
 * the skewed columns only), whether a positive skewed regression target is fitted as log(1+y), and which ratio
 * features are added. Networks of different data choices are never averaged (a bundle has one preprocessing).
 *
 * @param scaling   {@link #QUANTILE}, {@link #STANDARDIZE} or {@link #QUANTILE_SKEWED}
 */
record DataChoice(String scaling, boolean logTarget, List<RatioFeature> ratios) {
    static final String QUANTILE = "quantile";
    static final String STANDARDIZE = "standardize";
    static final String QUANTILE_SKEWED = "quantile-skewed";
    /** What auto always tried first: every numeric input quantile-scaled, nothing else. */
    static final DataChoice DEFAULT = new DataChoice(QUANTILE, false, List.of());

    DataChoice {
        ratios = List.copyOf(ratios);
    }

    /** The experiment's data section for this choice. */
    DataSpec apply(DataSpec base, DataProfile profile) {
        DataSpec d = base.withRatios(ratios).withTargetTransform(logTarget ? TargetTransform.LOG1P : null);
        List<String> quantile = new ArrayList<>();
        List<String> standard = new ArrayList<>();
        List<String> names = new ArrayList<>(profile.columns());
        ratios.forEach(r -> names.add(r.name()));
        for (String name : names) {
            boolean q = switch (scaling) {
                case QUANTILE -> true;
                case STANDARDIZE -> false;
                default -> profile.skewed().contains(name) || name.contains("/");
            };
            (q ? quantile : standard).add(name);
        }
        return d.withScaling(Scaling.QUANTILE, quantile).withScaling(Scaling.STANDARDIZE, standard);
    }

    /** E.g. "quantile-skewed, log target, +total_rooms/households". */
    String describe() {
        return scaling + (logTarget ? ", log target" : "")
                + (ratios.isEmpty() ? "" : ", +" + ratios.stream().map(RatioFeature::name).collect(Collectors.joining(" +")));
    }
}
