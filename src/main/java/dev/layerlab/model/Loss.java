package dev.layerlab.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Loss functions, named as in Keras. JSON uses the lower-case name ("binary_crossentropy"). */
public enum Loss {
    MSE, MAE, HUBER, BINARY_CROSSENTROPY, CATEGORICAL_CROSSENTROPY;

    /** True for the losses that compare predicted probabilities with class labels. */
    public boolean isCrossEntropy() {
        return this == BINARY_CROSSENTROPY || this == CATEGORICAL_CROSSENTROPY;
    }

    @JsonValue
    public String jsonName() {
        return JsonNames.jsonName(this);
    }

    @JsonCreator
    public static Loss fromJson(String text) {
        String key = JsonNames.normalize(text);
        if (key == null) {
            return null;
        }
        switch (key) {
            case "MEAN_SQUARED_ERROR" -> {
                return MSE;
            }
            case "MEAN_ABSOLUTE_ERROR" -> {
                return MAE;
            }
            default -> {
                for (Loss l : values()) {
                    if (l.name().equals(key)) {
                        return l;
                    }
                }
                throw JsonNames.unknown("loss", text, values());
            }
        }
    }
}
