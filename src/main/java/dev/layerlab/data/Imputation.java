package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How missing cells are filled (statistics from the training split only). MEAN/MEDIAN are numeric only. */
public enum Imputation {
    @JsonProperty("mean") MEAN,
    @JsonProperty("median") MEDIAN,
    @JsonProperty("most_frequent") MOST_FREQUENT,
    @JsonProperty("constant") CONSTANT,
    @JsonProperty("drop_row") DROP_ROW
}
