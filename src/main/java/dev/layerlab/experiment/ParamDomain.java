package dev.layerlab.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.layerlab.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The values one hyperparameter may take: fixed, a list of choices, or a range. JSON type ids
 * ("fixed", "choice", "uniform", "loguniform", "int") are part of the experiment file format.
 *
 * <p>Every domain also maps its values to a number line ({@link #toUnit}/{@link #fromUnit}, in [0, 1]) used by
 * the Bayesian strategy: log-uniform ranges and power-of-two integers are mapped on a log scale.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ParamDomain.Fixed.class, name = "fixed"),
        @JsonSubTypes.Type(value = ParamDomain.Choice.class, name = "choice"),
        @JsonSubTypes.Type(value = ParamDomain.Uniform.class, name = "uniform"),
        @JsonSubTypes.Type(value = ParamDomain.LogUniform.class, name = "loguniform"),
        @JsonSubTypes.Type(value = ParamDomain.IntRange.class, name = "int")
})
public sealed interface ParamDomain {

    /** A value drawn uniformly (on the domain's own scale). */
    Object sample(SplittableRandom random);

    /** The values a grid search visits; continuous ranges are cut into {@code points} points (ends included). */
    List<Object> gridValues(int points);

    /** True when a sampler must treat the values as unordered categories. */
    @JsonIgnore
    default boolean categorical() {
        return false;
    }

    /** Position of a value on [0, 1] (ordered domains only). */
    default double toUnit(Object value) {
        return 0;
    }

    /** The value at a position on [0, 1] (ordered domains only). */
    default Object fromUnit(double u) {
        return sample(new SplittableRandom(0));
    }

    /** Short text for tables: "0.001", "{adam, sgd}", "log [1e-4, 1e-2]". */
    String describe();

    /** Problems with this domain, or empty. */
    default void check(String name) {
    }

    static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("expected a number, got '" + value + "'");
        }
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    record Fixed(Object value) implements ParamDomain {
        @Override
        public Object sample(SplittableRandom random) {
            return value;
        }

        @Override
        public List<Object> gridValues(int points) {
            return List.of(value);
        }

        @Override
        public boolean categorical() {
            return true;
        }

        @Override
        public String describe() {
            return value instanceof Number n ? format(n.doubleValue()) : String.valueOf(value);
        }
    }

    record Choice(List<Object> values) implements ParamDomain {
        public Choice {
            values = values == null ? List.of() : List.copyOf(values);
        }

        public static Choice of(Object... values) {
            return new Choice(List.of(values));
        }

        @Override
        public Object sample(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public List<Object> gridValues(int points) {
            return values;
        }

        @Override
        public boolean categorical() {
            return true;
        }

        @Override
        public String describe() {
            List<String> parts = new ArrayList<>();
            for (Object v : values) {
                parts.add(v instanceof Number n ? format(n.doubleValue()) : String.valueOf(v));
            }
            return "{" + String.join(", ", parts) + "}";
        }

        @Override
        public void check(String name) {
            if (values.isEmpty()) {
                throw new InvalidInputException("search parameter " + name + ": the list of choices is empty");
            }
        }
    }

    record Uniform(double low, double high) implements ParamDomain {
        @Override
        public Object sample(SplittableRandom random) {
            return low + random.nextDouble() * (high - low);
        }

        @Override
        public List<Object> gridValues(int points) {
            List<Object> out = new ArrayList<>();
            int n = Math.max(points, 1);
            for (int i = 0; i < n; i++) {
                out.add(n == 1 ? low : low + (high - low) * i / (n - 1));
            }
            return out;
        }

        @Override
        public double toUnit(Object value) {
            return high == low ? 0 : (number(value) - low) / (high - low);
        }

        @Override
        public Object fromUnit(double u) {
            return low + clamp(u) * (high - low);
        }

        @Override
        public String describe() {
            return "[" + format(low) + ", " + format(high) + "]";
        }

        @Override
        public void check(String name) {
            if (!(high >= low) || !Double.isFinite(low) || !Double.isFinite(high)) {
                throw new InvalidInputException("search parameter " + name + ": range needs low <= high, got [" + low + ", " + high + "]");
            }
        }
    }

    record LogUniform(double low, double high) implements ParamDomain {
        @Override
        public Object sample(SplittableRandom random) {
            return Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
        }

        @Override
        public List<Object> gridValues(int points) {
            List<Object> out = new ArrayList<>();
            int n = Math.max(points, 1);
            for (int i = 0; i < n; i++) {
                out.add(n == 1 ? low : Math.exp(Math.log(low) + (Math.log(high) - Math.log(low)) * i / (n - 1)));
            }
            return out;
        }

        @Override
        public double toUnit(Object value) {
            return high == low ? 0 : (Math.log(number(value)) - Math.log(low)) / (Math.log(high) - Math.log(low));
        }

        @Override
        public Object fromUnit(double u) {
            return Math.exp(Math.log(low) + clamp(u) * (Math.log(high) - Math.log(low)));
        }

        @Override
        public String describe() {
            return "log [" + format(low) + ", " + format(high) + "]";
        }

        @Override
        public void check(String name) {
            if (!(low > 0) || !(high >= low) || !Double.isFinite(high)) {
                throw new InvalidInputException("search parameter " + name + ": log range needs 0 < low <= high, got [" + low + ", " + high + "]");
            }
        }
    }

    /**
     * Whole numbers from low to high (inclusive): every {@code step}-th one, or only the powers of two
     * when {@code powerOfTwo} (16, 32, ..., 256), which are then sampled evenly on a log scale.
     */
    record IntRange(int low, int high, boolean powerOfTwo, int step) implements ParamDomain {
        public IntRange {
            step = step < 1 ? 1 : step;
        }

        public static IntRange of(int low, int high) {
            return new IntRange(low, high, false, 1);
        }

        public static IntRange powersOfTwo(int low, int high) {
            return new IntRange(low, high, true, 1);
        }

        @JsonIgnore
        public List<Integer> values() {
            List<Integer> out = new ArrayList<>();
            if (powerOfTwo) {
                for (long v = 1; v <= high; v *= 2) {
                    if (v >= low) {
                        out.add((int) v);
                    }
                }
            } else {
                for (long v = low; v <= high; v += step) {
                    out.add((int) v);
                }
            }
            return out;
        }

        @Override
        public Object sample(SplittableRandom random) {
            List<Integer> values = values();
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public List<Object> gridValues(int points) {
            return new ArrayList<>(values());
        }

        @Override
        public double toUnit(Object value) {
            List<Integer> values = values();
            if (values.size() <= 1) {
                return 0.5;
            }
            int v = (int) Math.round(number(value));
            int index = 0;
            for (int i = 0; i < values.size(); i++) {
                if (Math.abs(values.get(i) - v) < Math.abs(values.get(index) - v)) {
                    index = i;
                }
            }
            return (index + 0.5) / values.size();
        }

        @Override
        public Object fromUnit(double u) {
            List<Integer> values = values();
            int index = (int) Math.floor(clamp(u) * values.size());
            return values.get(Math.min(values.size() - 1, Math.max(0, index)));
        }

        @Override
        public String describe() {
            return (powerOfTwo ? "2^k in " : "") + "[" + low + ", " + high + "]" + (step > 1 ? " step " + step : "");
        }

        @Override
        public void check(String name) {
            if (high < low || (powerOfTwo && low < 1) || values().isEmpty()) {
                throw new InvalidInputException("search parameter " + name + ": integer range [" + low + ", " + high + "] has no values");
            }
        }
    }

    private static double clamp(double u) {
        return Math.max(0, Math.min(1, u));
    }
}
