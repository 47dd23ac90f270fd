package dev.layerlab.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a merge node combines its inputs, as Keras's Concatenate, Add and Average layers do. */
public enum MergeMode {
    /** Side by side: the output width is the sum of the input widths. */
    CONCATENATE,
    /** Element-wise sum: inputs must have equal widths. */
    ADD,
    /** Element-wise mean: inputs must have equal widths. */
    AVERAGE;

    @JsonValue
    public String jsonName() {
        return JsonNames.jsonName(this);
    }

    @JsonCreator
    public static MergeMode fromJson(String text) {
        String key = JsonNames.normalize(text);
        if (key == null) {
            return null;
        }
        if (key.equals("CONCAT")) {
            return CONCATENATE;
        }
        for (MergeMode m : values()) {
            if (m.name().equals(key)) {
                return m;
            }
        }
        throw JsonNames.unknown("merge mode", text, values());
    }
}
