package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What to do with cells of a numeric column that are not usable numbers (text, or beyond float range):
 * MISSING reads up to {@link #THRESHOLD} of a column's non-empty cells as missing (imputed like any missing
 * cell, with a warning naming the column and lines; above that share the column is text); ERROR refuses the
 * file at the first such cell (the strict behaviour, {@code --strict}).
 */
public enum InvalidNumbers {
    @JsonProperty("missing") MISSING,
    @JsonProperty("error") ERROR;

    /** The largest share of a column's non-empty cells that MISSING reads as missing. */
    public static final double THRESHOLD = 0.01;
}
