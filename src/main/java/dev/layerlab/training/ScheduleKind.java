package dev.layerlab.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the learning rate changes over epochs. */
public enum ScheduleKind {
    /** The same rate throughout. */
    CONSTANT,
    /** Multiply by {@code decay} every {@code stepEpochs} epochs. */
    STEP,
    /** Multiply by {@code decay} after every epoch. */
    EXPONENTIAL;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ScheduleKind fromId(String id) {
        for (ScheduleKind kind : values()) {
            if (kind.id().equalsIgnoreCase(id.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown learning-rate schedule '" + id + "' (choose constant, step or exponential)");
    }
}
