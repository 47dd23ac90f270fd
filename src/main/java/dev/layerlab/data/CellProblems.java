package dev.layerlab.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Cells of a numeric column that were not usable numbers and were read as missing: text (a typo such as
 * "100.333.333.333") or a number beyond float range (|x| &gt; 3.4e38, e.g. 1e300).
 *
 * @param firstLines file lines of the first few such cells
 * @param firstText  the first text cell, or null when all are out of range
 */
public record CellProblems(int invalid, int outOfRange, long[] firstLines, String firstText) {
    static final int LINES_KEPT = 5;

    public int count() {
        return invalid + outOfRange;
    }

    /** One plain sentence naming the counts and the first lines, e.g. for a warning or the column report. */
    public String describe(String column) {
        StringBuilder s = new StringBuilder();
        if (invalid > 0) {
            s.append(invalid).append(invalid == 1 ? " cell is" : " cells are").append(" not a number");
            if (firstText != null) {
                s.append(" (e.g. '").append(firstText.length() <= 30 ? firstText : firstText.substring(0, 27) + "...")
                        .append("')");
            }
        }
        if (outOfRange > 0) {
            s.append(invalid > 0 ? " and " : "").append(outOfRange)
                    .append(outOfRange == 1 ? " value is" : " values are").append(" out of float range (beyond 3.4e38)");
        }
        String lines = Arrays.stream(firstLines).mapToObj(Long::toString).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "Column '%s': %s, line%s %s%s; read as missing and imputed", column, s,
                firstLines.length == 1 ? "" : "s", lines, count() > firstLines.length ? ", ..." : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CellProblems p && p.invalid == invalid && p.outOfRange == outOfRange
                && Arrays.equals(p.firstLines, firstLines) && java.util.Objects.equals(p.firstText, firstText);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * invalid + outOfRange) + Arrays.hashCode(firstLines);
    }

    @Override
    public String toString() {
        return "CellProblems[" + invalid + " invalid, " + outOfRange + " out of range, lines "
                + Arrays.toString(firstLines) + "]";
    }
}
