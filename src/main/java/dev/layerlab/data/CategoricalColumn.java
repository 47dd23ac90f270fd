package dev.layerlab.data;

import java.util.List;

/** A column of text categories: one int code per row (-1 = missing) into a list of levels (first-seen order). */
public final class CategoricalColumn implements Column {
    private final String name;
    private final int[] codes;
    private final int size;
    private final List<String> levels;
    private final int missing;

    CategoricalColumn(String name, int[] codes, int size, List<String> levels) {
        this.name = name;
        this.codes = codes;
        this.size = size;
        this.levels = List.copyOf(levels);
        int m = 0;
        for (int i = 0; i < size; i++) {
            if (codes[i] < 0) {
                m++;
            }
        }
        this.missing = m;
    }

    /** For tests and in-memory tables; null or empty strings are missing. */
    public static CategoricalColumn of(String name, String... values) {
        java.util.Map<String, Integer> dict = new java.util.LinkedHashMap<>();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            codes[i] = v == null || v.isEmpty() ? -1 : dict.computeIfAbsent(v, k -> dict.size());
        }
        return new CategoricalColumn(name, codes, values.length, List.copyOf(dict.keySet()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public ColumnKind kind() {
        return ColumnKind.CATEGORICAL;
    }

    public int code(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " of " + size);
        }
        return codes[row];
    }

    public List<String> levels() {
        return levels;
    }

    /** The category text, or null when missing. */
    public String value(int row) {
        int c = code(row);
        return c < 0 ? null : levels.get(c);
    }

    @Override
    public boolean isMissing(int row) {
        return code(row) < 0;
    }

    @Override
    public int missingCount() {
        return missing;
    }

    @Override
    public String text(int row) {
        return value(row);
    }
}
