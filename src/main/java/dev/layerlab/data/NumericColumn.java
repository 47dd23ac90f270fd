package dev.layerlab.data;

/** A column of numbers stored as floats; NaN marks a missing cell. */
public final class NumericColumn implements Column {
    private final String name;
    private final float[] values;
    private final int size;
    private final int missing;
    private final CellProblems problems;

    NumericColumn(String name, float[] values, int size) {
        this(name, values, size, null);
    }

    /** @param problems cells that were not usable numbers and are missing here, or null */
    NumericColumn(String name, float[] values, int size, CellProblems problems) {
        this.problems = problems;
        this.name = name;
        this.values = values;
        this.size = size;
        int m = 0;
        for (int i = 0; i < size; i++) {
            if (Float.isNaN(values[i])) {
                m++;
            }
        }
        this.missing = m;
    }

    /** For tests and callers building tables in memory; the array is copied. */
    public static NumericColumn of(String name, float... values) {
        return new NumericColumn(name, values.clone(), values.length);
    }

    /** Cells read as missing because they were not usable numbers; null when there were none. */
    public CellProblems problems() {
        return problems;
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
        return ColumnKind.NUMERIC;
    }

    public float value(int row) {
        return values[checkRow(row)];
    }

    @Override
    public boolean isMissing(int row) {
        return Float.isNaN(values[checkRow(row)]);
    }

    @Override
    public int missingCount() {
        return missing;
    }

    @Override
    public String text(int row) {
        float v = value(row);
        return Float.isNaN(v) ? null : format(v);
    }

    /** Whole numbers without ".0" so numeric class labels read "0"/"1", others as the shortest float text. */
    static String format(float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Float.toString(v);
    }

    private int checkRow(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " of " + size);
        }
        return row;
    }
}
