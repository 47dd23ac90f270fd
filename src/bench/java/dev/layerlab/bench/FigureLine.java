package dev.layerlab.bench;

import java.util.Optional;

/**
 * How a benchmark child JVM hands a {@link Figure} back: one line on its standard output, tab-separated,
 * starting with {@value #PREFIX}. Other lines (logging) are ignored by the reader.
 */
public final class FigureLine {
    public static final String PREFIX = "FIGURE\t";

    private FigureLine() {
    }

    public static String encode(Figure f) {
        return PREFIX + String.join("\t", clean(f.name()), Double.toString(f.value()), clean(f.unit()), clean(f.reference()),
                Double.toString(f.referenceValue()), Double.toString(f.ratio()), clean(f.target()), clean(f.note()));
    }

    /** The figure on this line, or empty if the line is not a figure line. */
    public static Optional<Figure> parse(String line) {
        if (line == null || !line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] c = line.substring(PREFIX.length()).split("\t", -1);
        if (c.length != 8) {
            return Optional.empty();
        }
        return Optional.of(new Figure(c[0], Double.parseDouble(c[1]), c[2], c[3], Double.parseDouble(c[4]),
                Double.parseDouble(c[5]), c[6], c[7]));
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
