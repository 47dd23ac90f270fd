package dev.layerlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Per-column statistics and problems of a {@link Table}, for {@code layerlab inspect} and the GUI. */
public final class DatasetReport {
    static final int HISTOGRAM_BINS = 10;
    static final int TOP_CATEGORIES = 10;

    private final Table table;
    private final List<ColumnReport> columns;

    private DatasetReport(Table table, List<ColumnReport> columns) {
        this.table = table;
        this.columns = List.copyOf(columns);
    }

    public static DatasetReport of(Table t) {
        List<ColumnReport> reports = new ArrayList<>();
        for (int i = 0; i < t.columnCount(); i++) {
            Column c = t.column(i);
            ColumnReport r = c instanceof NumericColumn n ? numeric(n) : categorical((CategoricalColumn) c);
            ColumnAdvice advice = ColumnAdvice.of(c);
            List<String> problems = new ArrayList<>(r.problems());
            List<String> flags = new ArrayList<>();
            if (!"numeric".equals(advice.kind()) && !"categorical".equals(advice.kind())) {
                // the advice's reason says it better than the generic remarks ("every value is different ...")
                problems.removeIf(p -> p.startsWith("every value is") || p.startsWith("many categories")
                        || p.startsWith("only 2 distinct"));
            }
            Double skew = r.type() == ColumnType.NUMERIC && "numeric".equals(advice.kind()) ? skewness(n(c)) : null;
            if (skew != null && r.min() >= 0 && skew > SKEWED) {
                flags.add(ColumnReport.SKEWED);
                problems.add(String.format(Locale.ROOT,
                        "strongly skewed (skewness %.1f): log1p scaling may help", skew));
            }
            if (c instanceof NumericColumn n && "numeric".equals(advice.kind())) {
                float[] present = presentValues(n);
                if (ZeroIndicator.applies(present)) {
                    flags.add(ColumnReport.ZERO_INFLATED);
                    problems.add(String.format(Locale.ROOT, "%.0f %% of values are exactly 0: an extra 0/1 input marks them",
                            100 * ZeroIndicator.share(present, present.length)));
                }
            }
            reports.add(r.with(advice, problems, flags));
        }
        return new DatasetReport(t, reports);
    }

    /** A positive column is flagged as skewed above this sample skewness (a log-normal with sigma 0.7 has ~2.9). */
    static final double SKEWED = 2.0;

    private static float[] presentValues(NumericColumn c) {
        float[] v = new float[c.size()];
        int k = 0;
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i)) {
                v[k++] = c.value(i);
            }
        }
        return Arrays.copyOf(v, k);
    }

    private static NumericColumn n(Column c) {
        return (NumericColumn) c;
    }

    /** Sample skewness (third standardized moment) of the present values, or null with fewer than 3. */
    public static Double skewness(NumericColumn c) {
        double sum = 0;
        int k = 0;
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i)) {
                sum += c.value(i);
                k++;
            }
        }
        if (k < 3) {
            return null;
        }
        double mean = sum / k;
        double m2 = 0;
        double m3 = 0;
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i)) {
                double d = c.value(i) - mean;
                m2 += d * d;
                m3 += d * d * d;
            }
        }
        m2 /= k;
        m3 /= k;
        return m2 == 0 ? null : m3 / Math.pow(m2, 1.5);
    }

    /**
     * A warning when a classification target's rarest class has fewer than a fifth of the rows of its most frequent
     * one, naming both; null when balanced enough or not a class column.
     */
    public static String imbalance(Column target) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (int i = 0; i < target.size(); i++) {
            if (!target.isMissing(i)) {
                counts.merge(target.text(i), 1, Integer::sum);
            }
        }
        if (counts.size() < 2 || counts.size() > 1000) {
            return null;
        }
        var rarest = counts.entrySet().stream().min(java.util.Map.Entry.comparingByValue()).orElseThrow();
        var most = counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow();
        if (rarest.getValue() * IMBALANCE >= most.getValue()) {
            return null;
        }
        return String.format(Locale.ROOT, "imbalanced classes in '%s': the rarest, '%s', has %d rows against %d of '%s'"
                + "; balanced class weights (--class-weights balanced) make rare classes count", target.name(),
                rarest.getKey(), rarest.getValue(), most.getValue(), most.getKey());
    }

    /** A target is imbalanced when its rarest class has fewer than 1/IMBALANCE of the most frequent's rows. */
    static final int IMBALANCE = 5;

    public Table table() {
        return table;
    }

    public List<ColumnReport> columns() {
        return columns;
    }

    /** The report of the named column, or null. */
    public ColumnReport column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private static ColumnReport numeric(NumericColumn c) {
        int n = c.size();
        float[] values = new float[n - c.missingCount()];
        int k = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float v = c.value(i);
            if (!Float.isNaN(v)) {
                values[k++] = v;
                sum += v;
            }
        }
        List<String> problems = new ArrayList<>();
        if (c.problems() != null) {
            String d = c.problems().describe(c.name());
            problems.add(d.substring(d.indexOf("': ") + 3));
        }
        addMissingProblems(problems, c.missingCount(), n);
        if (k == 0) {
            problems.add(0, "empty: no values at all; it will be ignored");
            return new ColumnReport(c.name(), ColumnType.EMPTY, c.missingCount(), 0, null, null, null, null,
                    List.of(), new int[0], Double.NaN, Double.NaN, problems);
        }
        Arrays.sort(values);
        int distinct = 1;
        boolean allWhole = values[0] == Math.rint(values[0]);
        for (int i = 1; i < k; i++) {
            if (values[i] != values[i - 1]) {
                distinct++;
            }
            allWhole &= values[i] == Math.rint(values[i]);
        }
        double mean = sum / k;
        double sq = 0;
        for (int i = 0; i < k; i++) {
            double d = values[i] - mean;
            sq += d * d;
        }
        double std = k > 1 ? Math.sqrt(sq / (k - 1)) : 0;
        double min = values[0];
        double max = values[k - 1];
        int[] histogram = new int[HISTOGRAM_BINS];
        double width = (max - min) / HISTOGRAM_BINS;
        for (int i = 0; i < k; i++) {
            int bin = width == 0 ? 0 : (int) ((values[i] - min) / width);
            histogram[Math.min(bin, HISTOGRAM_BINS - 1)]++;
        }
        ColumnType type = distinct == 1 ? ColumnType.CONSTANT : ColumnType.NUMERIC;
        if (type == ColumnType.CONSTANT) {
            problems.add(0, "constant: every value is " + NumericColumn.format(values[0]) + "; it carries no information");
        } else if (allWhole && distinct <= 10) {
            problems.add("only " + distinct + " distinct whole numbers: maybe categories coded as numbers");
        } else if (allWhole && distinct == k && k >= 20) {
            problems.add("every value is a different whole number: looks like an ID, consider ignoring it");
        }
        return new ColumnReport(c.name(), type, c.missingCount(), distinct, min, max, mean, std, List.of(),
                histogram, min, max, problems);
    }

    private static ColumnReport categorical(CategoricalColumn c) {
        int[] counts = new int[c.levels().size()];
        for (int i = 0; i < c.size(); i++) {
            int code = c.code(i);
            if (code >= 0) {
                counts[code]++;
            }
        }
        List<CategoryCount> all = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                all.add(new CategoryCount(c.levels().get(i), counts[i]));
            }
        }
        // Most frequent first; ties alphabetically so the report is deterministic.
        all.sort((a, b) -> a.count() != b.count() ? Integer.compare(b.count(), a.count()) : a.value().compareTo(b.value()));
        int distinct = all.size();
        int present = c.size() - c.missingCount();
        List<String> problems = new ArrayList<>();
        addMissingProblems(problems, c.missingCount(), c.size());
        ColumnType type;
        if (distinct == 0) {
            type = ColumnType.EMPTY;
            problems.add(0, "empty: no values at all; it will be ignored");
        } else if (distinct == 1) {
            type = ColumnType.CONSTANT;
            problems.add(0, "constant: every value is '" + all.get(0).value() + "'; it carries no information");
        } else {
            type = ColumnType.CATEGORICAL;
            if (distinct == present && present >= 20) {
                problems.add("every value is different: looks like an ID or free text, consider ignoring it");
            } else if (distinct > Embeddings.EMBED_ABOVE) {
                // a remark, not a problem to fix: the column is fed through a learned embedding by default
                problems.add("many categories (" + distinct + "): a learned embedding by default (one-hot would make "
                        + distinct + " inputs)");
            }
        }
        return new ColumnReport(c.name(), type, c.missingCount(), distinct, null, null, null, null,
                List.copyOf(all.subList(0, Math.min(TOP_CATEGORIES, all.size()))), new int[0], Double.NaN, Double.NaN,
                problems);
    }

    private static void addMissingProblems(List<String> problems, int missing, int rows) {
        if (missing == 0 || missing == rows) {
            return;
        }
        double share = 100.0 * missing / rows;
        if (share >= 50) {
            problems.add(String.format(Locale.ROOT, "mostly missing (%d rows, %.1f%%)", missing, share));
        } else if (share >= 20) {
            problems.add(String.format(Locale.ROOT, "many missing values (%d rows, %.1f%%)", missing, share));
        } else {
            problems.add(String.format(Locale.ROOT, "%d missing (%.1f%%), imputed", missing, share));
        }
    }

    /** Plain-text report: the file, the detected format, then one line per column. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("File: ").append(table.source() == null ? "(in memory)" : table.source()).append('\n');
        if (table.format() != null) {
            out.append("Format: ").append(table.format().describe()).append('\n');
        }
        out.append("Rows: ").append(table.rowCount()).append(", columns: ").append(table.columnCount()).append("\n\n");
        String[] head = {"Column", "Kind", "Role", "Missing", "Distinct", "Min", "Max", "Mean", "Std / top categories",
            "Reason and problems"};
        List<String[]> rows = new ArrayList<>();
        rows.add(head);
        for (ColumnReport r : columns) {
            String summary;
            if (r.topCategories().isEmpty()) {
                summary = r.std() == null ? "" : num(r.std());
            } else {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < Math.min(3, r.topCategories().size()); i++) {
                    CategoryCount cc = r.topCategories().get(i);
                    s.append(i == 0 ? "" : ", ").append(cc.value()).append(" (").append(cc.count()).append(')');
                }
                if (r.distinct() > 3) {
                    s.append(", ...");
                }
                summary = s.toString();
            }
            if (r.range() != null) {
                summary = r.range();
            }
            List<String> notes = new ArrayList<>();
            if (r.reason() != null) {
                notes.add(r.reason());
            }
            notes.addAll(r.problems());
            String kind = r.type() == ColumnType.CONSTANT || r.type() == ColumnType.EMPTY
                    ? r.type().name().toLowerCase(Locale.ROOT) : r.kind();
            rows.add(new String[]{r.name(), kind, r.role() == Role.IGNORE ? "ignored" : "feature",
                    Integer.toString(r.missing()), Integer.toString(r.distinct()), num(r.min()), num(r.max()),
                    num(r.mean()), summary, String.join("; ", notes)});
        }
        int[] widths = new int[head.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], Math.min(row[i].length(), 40));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = row[i].length() > 40 && i < row.length - 1 ? row[i].substring(0, 37) + "..." : row[i];
                line.append(cell);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String num(Double d) {
        if (d == null) {
            return "";
        }
        double v = d;
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
