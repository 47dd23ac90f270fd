package dev.layerlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates one column while records stream by. Numbers go straight into a growable float array; text
 * cells go into int codes + a level dictionary, so no row is kept as strings.
 */
final class ColumnBuilder {
    final String name;
    /** Null when inferring; otherwise the kind the caller insists on. */
    final ColumnKind forced;

    private float[] floats;
    private int[] codes;
    private final Map<String, Integer> dictionary = new HashMap<>();
    private final List<String> levels = new ArrayList<>();
    private int size;
    int numericCount;
    int textCount;
    String firstText;
    long firstTextLine = -1;
    /** Numbers beyond float range (|x| > Float.MAX_VALUE): stored as missing, counted apart from text. */
    int outOfRange;
    long firstOutOfRangeLine = -1;
    /** Lines of the first few cells that are not usable numbers (text or out of range), in file order. */
    final long[] badLines = new long[CellProblems.LINES_KEPT];
    int badLineCount;

    ColumnBuilder(String name, ColumnKind forced, int initialCapacity) {
        this.name = name;
        this.forced = forced;
        if (forced != ColumnKind.CATEGORICAL) {
            floats = new float[initialCapacity];
        }
        if (forced == ColumnKind.CATEGORICAL) {
            codes = new int[initialCapacity];
        }
    }

    void add(String raw, long line) {
        if (floats != null && size == floats.length) {
            floats = Arrays.copyOf(floats, grow(size));
        }
        if (codes != null && size == codes.length) {
            codes = Arrays.copyOf(codes, grow(size));
        }
        if (NumberParsing.isMissingToken(raw)) {
            if (floats != null) {
                floats[size] = Float.NaN;
            }
            if (codes != null) {
                codes[size] = -1;
            }
            size++;
            return;
        }
        if (forced == ColumnKind.CATEGORICAL) {
            codes[size++] = codeOf(raw);
            return;
        }
        double v = NumberParsing.parse(raw);
        if (!Double.isNaN(v) && Math.abs(v) > Float.MAX_VALUE) {
            tooLarge(line);
            return;
        }
        if (!Double.isNaN(v)) {
            floats[size] = (float) v;
            if (codes != null) {
                codes[size] = -1;
            }
            numericCount++;
        } else {
            floats[size] = Float.NaN;
            noteBad(line);
            if (textCount++ == 0) {
                firstText = raw;
                firstTextLine = line;
                if (forced == null) {
                    // Only text cells get codes while inferring; mixed columns are re-read as categorical.
                    codes = new int[floats.length];
                    Arrays.fill(codes, 0, size, -1);
                }
            }
            if (codes != null) {
                codes[size] = codeOf(raw);
            }
        }
        size++;
    }

    /**
     * As {@link #add} for a field given as ASCII bytes: a number goes straight into the float array with no
     * String made; anything else (missing, text) takes the general path.
     */
    void addAscii(byte[] bytes, int from, int to, long line) {
        if (floats != null && forced != ColumnKind.CATEGORICAL && from < to) {
            double v = NumberParsing.parse(bytes, from, to);
            if (!Double.isNaN(v) && Math.abs(v) <= Float.MAX_VALUE) {
                if (size == floats.length) {
                    floats = Arrays.copyOf(floats, grow(size));
                }
                if (codes != null) {
                    if (size == codes.length) {
                        codes = Arrays.copyOf(codes, grow(size));
                    }
                    codes[size] = -1;
                }
                floats[size++] = (float) v;
                numericCount++;
                return;
            }
        }
        add(PlainCsvReader.text(bytes, from, to), line);
    }

    /** A number a float cannot hold: missing in a numeric column (the caller's policy decides if that is allowed). */
    private void tooLarge(long line) {
        floats[size] = Float.NaN;
        if (codes != null) {
            codes[size] = -1;
        }
        if (outOfRange++ == 0) {
            firstOutOfRangeLine = line;
        }
        noteBad(line);
        size++;
    }

    private void noteBad(long line) {
        if (badLineCount < badLines.length) {
            badLines[badLineCount++] = line;
        }
    }

    /** Cells that are not usable numbers: text and out-of-range values. */
    int badCount() {
        return textCount + outOfRange;
    }

    CellProblems problems() {
        return badCount() == 0 ? null : new CellProblems(textCount, outOfRange,
                Arrays.copyOf(badLines, badLineCount), firstText);
    }

    private int codeOf(String raw) {
        Integer code = dictionary.get(raw);
        if (code == null) {
            code = levels.size();
            dictionary.put(raw, code);
            levels.add(raw);
        }
        return code;
    }

    private static int grow(int size) {
        long next = Math.max(16, (long) size + (size >> 1));
        if (next > Integer.MAX_VALUE - 8) {
            throw new dev.layerlab.InvalidInputException("Too many rows: LayerLab loads at most "
                    + (Integer.MAX_VALUE - 8) + " rows");
        }
        return (int) next;
    }

    int size() {
        return size;
    }

    NumericColumn buildNumeric() {
        return new NumericColumn(name, floats, size, problems());
    }

    CategoricalColumn buildCategorical() {
        return new CategoricalColumn(name, codes, size, levels);
    }
}
