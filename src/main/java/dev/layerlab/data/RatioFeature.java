package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A generated input: one numeric column divided by another (Géron's rooms per household), computed from the raw
 * columns wherever rows are read (training, predict, serve). A missing source cell or a zero denominator gives a
 * missing value, imputed like any numeric cell.
 */
public record RatioFeature(String numerator, String denominator) {

    /** The generated column's name, e.g. {@code total_rooms/households}. */
    @JsonIgnore
    public String name() {
        return numerator + "/" + denominator;
    }
}
