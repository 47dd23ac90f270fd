package dev.layerlab.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the learning rate changes over epochs. Any of them can start with a linear warm-up
 * ({@link OptimizerSpec#warmupEpochs()}); the schedule then starts when the warm-up ends.
 */
public enum ScheduleKind {
    /** The same rate throughout. */
    CONSTANT,
    /** Multiply by {@code decay} every {@code stepEpochs} epochs. */
    STEP,
    /** Multiply by {@code decay} after every epoch. */
    EXPONENTIAL,
    /** Half a cosine from the rate down to zero over the run's epochs (Loshchilov &amp; Hutter's SGDR without restarts). */
    COSINE,
    /**
     * Smith's one-cycle policy as PyTorch's {@code OneCycleLR} defaults it: up from rate/25 to the rate over the
     * first 30 % of the epochs, then down to rate/250000, both halves cosine-shaped.
     */
    ONE_CYCLE,
    /**
     * Keras's {@code ReduceLROnPlateau}: multiply by {@code decay} when the validation loss has not improved for
     * {@code plateauPatience} epochs (the training loss without validation rows).
     */
    PLATEAU;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static ScheduleKind fromId(String id) {
        String wanted = id.trim().replace('_', '-');
        for (ScheduleKind kind : values()) {
            if (kind.id().equalsIgnoreCase(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown learning-rate schedule '" + id + "' (choose "
                + Arrays.stream(values()).map(ScheduleKind::id).collect(Collectors.joining(", ")) + ")");
    }

    /** True when the rate follows a curve fixed by the epoch budget (cosine, one-cycle). */
    public boolean spansTheRun() {
        return this == COSINE || this == ONE_CYCLE;
    }
}
