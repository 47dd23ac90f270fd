package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Numeric feature scaling (fitted on the training split): z-score, to [0, 1] (train range), or untouched. */
public enum Scaling {
    @JsonProperty("standardize") STANDARDIZE,
    @JsonProperty("minmax") MINMAX,
    @JsonProperty("none") NONE
}
