package dev.layerlab.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Weight initializers, named as in Keras. JSON uses the lower-case name ("he_normal"); the "xavier_*"
 * spellings are accepted as aliases of the glorot ones.
 *
 * <p>{@link #RANDOM_UNIFORM} follows DL4J's UNIFORM (U(-a, a) with a = 1/sqrt(fanIn)), not Keras's fixed
 * U(-0.05, 0.05).
 */
public enum Initializer {
    GLOROT_UNIFORM, GLOROT_NORMAL, HE_NORMAL, HE_UNIFORM, LECUN_NORMAL, LECUN_UNIFORM, RANDOM_UNIFORM, ZEROS;

    @JsonValue
    public String jsonName() {
        return JsonNames.jsonName(this);
    }

    @JsonCreator
    public static Initializer fromJson(String text) {
        String key = JsonNames.normalize(text);
        if (key == null) {
            return null;
        }
        switch (key) {
            case "XAVIER_UNIFORM" -> {
                return GLOROT_UNIFORM;
            }
            case "XAVIER", "XAVIER_NORMAL" -> {
                return GLOROT_NORMAL;
            }
            case "ZERO" -> {
                return ZEROS;
            }
            default -> {
                for (Initializer i : values()) {
                    if (i.name().equals(key)) {
                        return i;
                    }
                }
                throw JsonNames.unknown("initializer", text, values());
            }
        }
    }
}
