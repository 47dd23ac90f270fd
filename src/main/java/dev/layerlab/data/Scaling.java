package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Numeric feature scaling (fitted on the training split): z-score, to [0, 1] (train range), untouched, or
 * rank-to-normal through the training quantiles ({@link QuantileTransform}).
 */
public enum Scaling {
    @JsonProperty("standardize") STANDARDIZE,
    @JsonProperty("minmax") MINMAX,
    @JsonProperty("none") NONE,
    @JsonProperty("quantile") QUANTILE
}
