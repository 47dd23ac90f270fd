package dev.layerlab.auto;

import dev.layerlab.data.ColumnSpec;
import dev.layerlab.data.CoordinateRotation;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.Encoding;
import dev.layerlab.data.RatioFeature;
import dev.layerlab.data.Scaling;
import dev.layerlab.data.TargetTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The data side of a candidate: how the numeric inputs are scaled (all quantile, all standardized, quantile for
 * the skewed columns only, or log1p then standardized for the skewed columns only), whether a positive skewed regression target is fitted as log(1+y), which ratio
 * features are added, whether latitude/longitude pairs get rotated projections, and whether the text columns with
 * many categories are one-hot instead of embedded (the data default). Networks of different data choices are never
 * averaged (a bundle has one preprocessing).
 *
 * @param scaling   {@link #QUANTILE}, {@link #STANDARDIZE}, {@link #QUANTILE_SKEWED} or {@link #LOG_SKEWED}
 * @param rotations the coordinate pairs to project (empty: none)
 * @param oneHot    one-hot every column the data would embed
 */
record DataChoice(String scaling, boolean logTarget, List<RatioFeature> ratios, List<CoordinateRotation> rotations,
                  boolean oneHot) {
    static final String QUANTILE = "quantile";
    static final String STANDARDIZE = "standardize";
    static final String QUANTILE_SKEWED = "quantile-skewed";
    /** Every input standardized, the skewed ones (and the ratios) after log1p: the analyst's by-hand recipe. */
    static final String LOG_SKEWED = "log1p-skewed";
    /** What auto always tried first: every numeric input quantile-scaled, nothing else. */
    static final DataChoice DEFAULT = new DataChoice(QUANTILE, false, List.of());

    DataChoice {
        ratios = List.copyOf(ratios);
        rotations = List.copyOf(rotations);
    }

    DataChoice(String scaling, boolean logTarget, List<RatioFeature> ratios) {
        this(scaling, logTarget, ratios, List.of(), false);
    }

    /** This choice with the coordinate pairs projected. */
    DataChoice withRotations(List<CoordinateRotation> pairs) {
        return new DataChoice(scaling, logTarget, ratios, pairs, oneHot);
    }

    /** The experiment's data section for this choice. */
    DataSpec apply(DataSpec base, DataProfile profile) {
        DataSpec d = base.withRatios(ratios).withRotations(rotations)
                .withTargetTransform(logTarget ? TargetTransform.LOG1P : null);
        if (oneHot) {
            for (String column : profile.manyCategories()) {
                ColumnSpec current = d.columns() == null ? null : d.columns().get(column);
                d = d.withColumn(column, (current == null ? ColumnSpec.defaults() : current).withEncoding(Encoding.ONE_HOT));
            }
        }
        List<String> quantile = new ArrayList<>();
        List<String> standard = new ArrayList<>();
        List<String> names = new ArrayList<>(profile.columns());
        ratios.forEach(r -> names.add(r.name()));
        rotations.forEach(r -> names.addAll(r.names()));
        boolean skewedOnly = scaling.equals(QUANTILE_SKEWED) || scaling.equals(LOG_SKEWED);
        for (String name : names) {
            boolean skewed = profile.skewed().contains(name) || ratios.stream().anyMatch(r -> r.name().equals(name));
            boolean q = scaling.equals(QUANTILE) || (scaling.equals(QUANTILE_SKEWED) && skewed);
            (q ? quantile : standard).add(name);
            if (skewedOnly && skewed && scaling.equals(LOG_SKEWED)) {
                ColumnSpec current = d.columns() == null ? null : d.columns().get(name);
                d = d.withColumn(name, (current == null ? ColumnSpec.defaults() : current).withLog1p(true));
            }
        }
        return d.withScaling(Scaling.QUANTILE, quantile).withScaling(Scaling.STANDARDIZE, standard);
    }

    /** E.g. "quantile-skewed, log target, +total_rooms/households". */
    String describe() {
        return scaling + (logTarget ? ", log target" : "") + (oneHot ? ", one-hot" : "")
                + (ratios.isEmpty() ? "" : ", +" + ratios.stream().map(RatioFeature::name).collect(Collectors.joining(" +")))
                + rotations.stream().map(r -> ", +" + r.latitude() + "/" + r.longitude() + " rotated").collect(Collectors.joining());
    }
}
