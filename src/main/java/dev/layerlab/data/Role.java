package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a (non-target) column feeds the model. */
public enum Role {
    @JsonProperty("feature") FEATURE,
    @JsonProperty("ignore") IGNORE
}
