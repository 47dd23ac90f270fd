package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The user's task setting; AUTO infers it from the target (see {@link DataPipeline}). */
public enum TaskChoice {
    @JsonProperty("auto") AUTO,
    @JsonProperty("regression") REGRESSION,
    @JsonProperty("classification") CLASSIFICATION
}
