package dev.layerlab.gui.tuning;

import dev.layerlab.experiment.ParamDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One row of the search-space editor: a parameter set to fix, choices or a range, as the user types it. */
public final class ParamRow {
    /** How a parameter is searched. */
    public enum Mode {
        FIX, CHOICES, RANGE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String name;
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.FIX);
    private final StringProperty fixed = new SimpleStringProperty("");
    private final StringProperty choices = new SimpleStringProperty("");
    private final StringProperty low = new SimpleStringProperty("");
    private final StringProperty high = new SimpleStringProperty("");
    private final BooleanProperty log = new SimpleBooleanProperty(false);
    private final BooleanProperty integer;
    private final BooleanProperty powerOfTwo = new SimpleBooleanProperty(false);
    private final StringProperty points = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");

    public ParamRow(String name, boolean integer) {
        this.name = name;
        this.integer = new SimpleBooleanProperty(integer);
    }

    public String name() {
        return name;
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public StringProperty fixedProperty() {
        return fixed;
    }

    public StringProperty choicesProperty() {
        return choices;
    }

    public StringProperty lowProperty() {
        return low;
    }

    public StringProperty highProperty() {
        return high;
    }

    public BooleanProperty logProperty() {
        return log;
    }

    public BooleanProperty integerProperty() {
        return integer;
    }

    public BooleanProperty powerOfTwoProperty() {
        return powerOfTwo;
    }

    /** "5 values", "4 grid points" or "continuous": set by the view model. */
    public StringProperty pointsProperty() {
        return points;
    }

    /** Why the row cannot be used, or empty. */
    public StringProperty errorProperty() {
        return error;
    }

    /** Loads a domain into the fields (null = fixed to nothing: not searched). */
    public void load(ParamDomain d) {
        if (d == null) {
            mode.set(Mode.FIX);
            fixed.set("");
        } else if (d instanceof ParamDomain.Fixed f) {
            mode.set(Mode.FIX);
            fixed.set(text(f.value()));
        } else if (d instanceof ParamDomain.Choice c) {
            mode.set(Mode.CHOICES);
            List<String> parts = new ArrayList<>();
            c.values().forEach(v -> parts.add(text(v)));
            choices.set(String.join(", ", parts));
        } else if (d instanceof ParamDomain.Uniform u) {
            mode.set(Mode.RANGE);
            low.set(text(u.low()));
            high.set(text(u.high()));
            log.set(false);
        } else if (d instanceof ParamDomain.LogUniform u) {
            mode.set(Mode.RANGE);
            low.set(text(u.low()));
            high.set(text(u.high()));
            log.set(true);
        } else if (d instanceof ParamDomain.IntRange r) {
            mode.set(Mode.RANGE);
            integer.set(true);
            low.set(Integer.toString(r.low()));
            high.set(Integer.toString(r.high()));
            powerOfTwo.set(r.powerOfTwo());
        }
    }

    /** The domain the fields describe; null when fixed and empty (the experiment's own value is kept). */
    public ParamDomain toDomain() {
        return switch (mode.get()) {
            case FIX -> fixed.get() == null || fixed.get().isBlank() ? null : new ParamDomain.Fixed(value(fixed.get()));
            case CHOICES -> {
                List<Object> values = new ArrayList<>();
                for (String part : choices.get().split(",")) {
                    if (!part.isBlank()) {
                        values.add(value(part));
                    }
                }
                yield new ParamDomain.Choice(values);
            }
            case RANGE -> {
                if (integer.get()) {
                    yield new ParamDomain.IntRange((int) Math.round(Double.parseDouble(low.get().trim())),
                            (int) Math.round(Double.parseDouble(high.get().trim())), powerOfTwo.get(), 1);
                }
                double lo = Double.parseDouble(low.get().trim());
                double hi = Double.parseDouble(high.get().trim());
                yield log.get() ? new ParamDomain.LogUniform(lo, hi) : new ParamDomain.Uniform(lo, hi);
            }
        };
    }

    private Object value(String text) {
        String t = text.trim();
        try {
            if (integer.get()) {
                return (int) Math.round(Double.parseDouble(t));
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return t;
        }
    }

    static String text(Object v) {
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e6 ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%.4g", d);
        }
        return String.valueOf(v);
    }
}
