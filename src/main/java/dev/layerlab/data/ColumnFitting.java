package dev.layerlab.data;

import dev.layerlab.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Each input column's preprocessing fitted on the training rows: imputation, scaling, log1p, one-hot or embedding vocabulary, calendar features. */
final class ColumnFitting {
    private ColumnFitting() {
    }

    static String firstText(Column c) {
        for (int r = 0; r < c.size(); r++) {
            if (!c.isMissing(r)) {
                return c.text(r);
            }
        }
        return "";
    }

    static FittedColumn fitColumn(Column column, ColumnSpec spec, ColumnAdvice advice, int[] trainRows,
                                          List<String> warnings) {
        String name = column.name();
        if (column instanceof CategoricalColumn c && (spec.type() == ColumnKind.DATE
                || (spec.type() == null && advice != null && advice.dateFormat() != null))) {
            return fitDate(c, spec, advice, trainRows, warnings);
        }
        Imputation impute = spec.imputeOrDefault(column.kind());
        boolean log1p = spec.log1pOrDefault();
        if (log1p && !(column instanceof NumericColumn)) {
            throw new InvalidInputException("Column '" + name + "' holds text: log1p needs numbers");
        }
        if (Boolean.TRUE.equals(spec.zeroIndicator()) && !(column instanceof NumericColumn)) {
            throw new InvalidInputException("Column '" + name + "' holds text: an \"is 0\" input needs numbers");
        }
        if (column instanceof NumericColumn n) {
            float[] values = new float[trainRows.length];
            int k = 0;
            for (int r : trainRows) {
                if (!n.isMissing(r)) {
                    values[k++] = n.value(r);
                }
            }
            values = Arrays.copyOf(values, k);
            if (k == 0) {
                warnings.add("Column '" + name + "' has no values in the training rows; it is filled with 0");
            }
            // The fill value is in the column's own units; the scaling is fitted on what the network sees.
            float[] seen = log1p ? log1p(values) : values;
            double fill = switch (impute) {
                case MEAN, DROP_ROW -> k == 0 ? 0 : meanStd(values)[0];
                case MEDIAN -> median(values);
                case MOST_FREQUENT -> mostFrequent(values);
                case CONSTANT -> parseConstant(name, spec.constant());
            };
            double center = 0;
            double scale = 1;
            Scaling scaling = spec.scalingOrDefault();
            if (k > 0 && scaling == Scaling.STANDARDIZE) {
                double[] ms = meanStd(seen);
                center = ms[0];
                scale = ms[1] > 0 ? ms[1] : 1; // constant in train: centre only, avoid dividing by zero
            } else if (k > 0 && scaling == Scaling.MINMAX) {
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (float v : seen) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                center = min;
                scale = max > min ? (double) max - min : 1;
            }
            boolean zeroIndicator = spec.zeroIndicator() != null ? spec.zeroIndicator() : ZeroIndicator.applies(values);
            if (k > 0 && scaling == Scaling.QUANTILE) {
                double[] quantiles = QuantileTransform.fit(seen);
                return new FittedColumn(name, ColumnKind.NUMERIC, impute, fill, null, median(values), 1, List.of(), null,
                        false, false, log1p, Arrays.stream(quantiles).boxed().toList()).withZeroIndicator(zeroIndicator);
            }
            return new FittedColumn(name, ColumnKind.NUMERIC, impute, fill, null, center, scale, List.of(), null,
                    false, false, log1p).withZeroIndicator(zeroIndicator);
        }
        CategoricalColumn c = (CategoricalColumn) column;
        int[] counts = new int[c.levels().size()];
        for (int r : trainRows) {
            if (c.code(r) >= 0) {
                counts[c.code(r)]++;
            }
        }
        TreeSet<String> categories = new TreeSet<>();
        int best = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                categories.add(c.levels().get(i));
                if (best < 0 || counts[i] > counts[best]
                        || (counts[i] == counts[best] && c.levels().get(i).compareTo(c.levels().get(best)) < 0)) {
                    best = i;
                }
            }
        }
        String fillCategory = switch (impute) {
            case MOST_FREQUENT -> best < 0 ? null : c.levels().get(best);
            case CONSTANT -> {
                if (spec.constant() == null) {
                    throw new InvalidInputException("Column '" + name + "' is set to constant imputation but no constant is given");
                }
                categories.add(spec.constant()); // an unseen fill value becomes its own category
                yield spec.constant();
            }
            case DROP_ROW -> null;
            case MEAN, MEDIAN -> throw new InvalidInputException("Column '" + name + "' is categorical: "
                    + impute.name().toLowerCase() + " imputation needs numbers; use most_frequent, constant or drop_row");
        };
        if (spec.encoding() == Encoding.EMBEDDING
                || (spec.encoding() == null && categories.size() > Embeddings.EMBED_ABOVE)) {
            return fitEmbedding(c, counts, categories, impute, fillCategory);
        }
        // Two categories (yes/no, true/false): one 0/1 input carries the same information as two one-hot inputs.
        boolean binary = categories.size() == 2;
        return new FittedColumn(name, ColumnKind.CATEGORICAL, impute, 0, fillCategory, 0, 1, List.copyOf(categories),
                null, false, binary, false);
    }

    /**
     * An embedded column: categories with at least {@link Embeddings#MIN_ROWS} training rows (and a constant fill
     * value) keep their own vector, sorted; the rest pool into "other".
     */
    static FittedColumn fitEmbedding(CategoricalColumn c, int[] counts, TreeSet<String> categories,
                                             Imputation impute, String fillCategory) {
        Map<String, Integer> rows = new HashMap<>();
        for (int i = 0; i < counts.length; i++) {
            rows.put(c.levels().get(i), counts[i]);
        }
        List<String> kept = new ArrayList<>();
        List<String> rare = new ArrayList<>();
        for (String category : categories) {
            int n = rows.getOrDefault(category, 0);
            if (n >= Embeddings.MIN_ROWS || (impute == Imputation.CONSTANT && category.equals(fillCategory))) {
                kept.add(category);
            } else {
                rare.add(category);
            }
        }
        int dimension = Embeddings.dimension(Embeddings.FIRST + kept.size());
        return FittedColumn.embedded(c.name(), impute, fillCategory, kept, rare, dimension);
    }

    /** sign(x)·ln(1+|x|): defined for every number, the identity's shape near 0, a logarithm's for large values. */
    static float[] log1p(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) log1p((double) values[i]);
        }
        return out;
    }

    static double log1p(double v) {
        return Math.signum(v) * Math.log1p(Math.abs(v));
    }

    /**
     * A date column: its format (detected, or from the advice), whether it has times, and the mean and std of its
     * fractional year on the training rows. Unreadable cells count as missing.
     */
    static FittedColumn fitDate(CategoricalColumn c, ColumnSpec spec, ColumnAdvice advice, int[] trainRows,
                                        List<String> warnings) {
        String name = c.name();
        DateFormat format = advice != null ? advice.dateFormat() : null;
        List<String> levels = c.levels();
        if (format == null) {
            format = DateFormat.detect(levels.subList(0, Math.min(ColumnAdvice.DATE_SAMPLES, levels.size())));
        }
        if (format == null) {
            throw new InvalidInputException("Column '" + name + "' is set to date but values like '"
                    + (levels.isEmpty() ? "" : levels.get(0)) + "' are not dates LayerLab reads (2021-03-04, "
                    + "2021-03-04T13:45, 04/03/2021, 03/04/2021, 04.03.2021, 2021/03/04)");
        }
        java.time.LocalDateTime[] parsed = new java.time.LocalDateTime[levels.size()];
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = format.parse(levels.get(i));
        }
        double[] years = new double[trainRows.length];
        int k = 0;
        int unreadable = 0;
        boolean hour = false;
        for (int r : trainRows) {
            int code = c.code(r);
            if (code < 0) {
                continue;
            }
            java.time.LocalDateTime t = parsed[code];
            if (t == null) {
                unreadable++;
                continue;
            }
            years[k++] = DateFeatures.fractionalYear(t);
            hour |= !t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
        }
        if (unreadable > 0) {
            warnings.add("Column '" + name + "': " + unreadable + " training value(s) are not dates in the form "
                    + format.datePattern + "; read as missing");
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += years[i];
        }
        double mean = k == 0 ? 0 : sum / k;
        double sq = 0;
        for (int i = 0; i < k; i++) {
            sq += (years[i] - mean) * (years[i] - mean);
        }
        double std = k == 0 ? 0 : Math.sqrt(sq / k);
        Imputation impute = spec.impute() == Imputation.DROP_ROW ? Imputation.DROP_ROW : Imputation.MEAN;
        return new FittedColumn(name, ColumnKind.DATE, impute, mean, null, mean, std > 0 ? std : 1, List.of(),
                format, hour, false, false);
    }

    static double parseConstant(String column, String constant) {
        double v = constant == null ? Double.NaN : NumberParsing.parse(constant.trim());
        if (Double.isNaN(v)) {
            throw new InvalidInputException("Column '" + column + "' is numeric, so its constant fill value must be a number (got "
                    + (constant == null ? "none" : "'" + constant + "'") + ")");
        }
        return v;
    }

    static double[] meanStd(NumericColumn c, int[] rows) {
        return meanStd(c, rows, TargetTransform.NONE);
    }

    /** Mean and std of a column's present values on these rows, each transformed first. */
    static double[] meanStd(NumericColumn c, int[] rows, TargetTransform transform) {
        float[] v = new float[rows.length];
        int k = 0;
        for (int r : rows) {
            if (!c.isMissing(r)) {
                v[k++] = (float) transform.apply(c.value(r));
            }
        }
        return meanStd(Arrays.copyOf(v, k));
    }

    /** A target transform needs a regression target in its domain (log1p: no value below 0) on every usable row. */
    static void checkTransformable(TargetTransform transform, TaskType task, Column target, int[] rows, String file) {
        if (task != TaskType.REGRESSION) {
            throw new InvalidInputException("the " + transform.name().toLowerCase(java.util.Locale.ROOT)
                    + " target transform is for regression targets; '" + target.name() + "' is a classification target");
        }
        NumericColumn n = (NumericColumn) target;
        for (int r : rows) {
            if (!n.isMissing(r) && n.value(r) < 0) {
                throw new InvalidInputException("the log1p target transform needs a target of at least 0, but '" + target.name()
                        + "' in " + file + " row " + (r + 1) + " is " + n.text(r));
            }
        }
    }

    /** Mean and population std (what the scaler divides by). */
    static double[] meanStd(float[] v) {
        if (v.length == 0) {
            return new double[]{0, 1};
        }
        double sum = 0;
        for (float x : v) {
            sum += x;
        }
        double mean = sum / v.length;
        double sq = 0;
        for (float x : v) {
            sq += (x - mean) * (x - mean);
        }
        return new double[]{mean, Math.sqrt(sq / v.length)};
    }

    static double median(float[] v) {
        if (v.length == 0) {
            return 0;
        }
        float[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : ((double) s[m - 1] + s[m]) / 2;
    }

    static double mostFrequent(float[] v) {
        if (v.length == 0) {
            return 0;
        }
        float[] s = v.clone();
        Arrays.sort(s);
        float best = s[0];
        int bestCount = 0;
        for (int i = 0; i < s.length; ) {
            int j = i;
            while (j < s.length && s[j] == s[i]) {
                j++;
            }
            if (j - i > bestCount) {
                bestCount = j - i;
                best = s[i];
            }
            i = j;
        }
        return best;
    }
}
