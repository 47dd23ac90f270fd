package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a column is encoded: numbers (float), categories (int codes + levels), or dates (stored as text like
 * categories when loaded, encoded as calendar features: {@link DateFeatures}).
 */
public enum ColumnKind {
    @JsonProperty("numeric") NUMERIC,
    @JsonProperty("categorical") CATEGORICAL,
    @JsonProperty("date") DATE;

    /** How a column of this kind is loaded from a CSV (dates are read as text). */
    public ColumnKind stored() {
        return this == DATE ? CATEGORICAL : this;
    }
}
