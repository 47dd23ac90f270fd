package dev.layerlab.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Activation functions offered to users. JSON uses the lower-case name ("relu"); "linear" is accepted as
 * an alias of identity because that is what Keras calls it.
 */
public enum Activation {
    RELU, LEAKYRELU, PRELU, ELU, SELU, TANH, SIGMOID, SOFTMAX, IDENTITY, SWISH, GELU;

    @JsonValue
    public String jsonName() {
        return JsonNames.jsonName(this);
    }

    @JsonCreator
    public static Activation fromJson(String text) {
        String key = JsonNames.normalize(text);
        if (key == null) {
            return null;
        }
        switch (key) {
            case "LINEAR", "NONE" -> {
                return IDENTITY;
            }
            case "LEAKY_RELU" -> {
                return LEAKYRELU;
            }
            case "SILU" -> {
                return SWISH;
            }
            default -> {
                for (Activation a : values()) {
                    if (a.name().equals(key)) {
                        return a;
                    }
                }
                throw JsonNames.unknown("activation", text, values());
            }
        }
    }
}
