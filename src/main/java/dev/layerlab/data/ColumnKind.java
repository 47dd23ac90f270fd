package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a column is stored and encoded: numbers (float) or categories (int codes + levels). */
public enum ColumnKind {
    @JsonProperty("numeric") NUMERIC,
    @JsonProperty("categorical") CATEGORICAL
}
