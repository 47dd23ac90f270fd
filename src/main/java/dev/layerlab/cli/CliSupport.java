package dev.layerlab.cli;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.CsvFormat;
import dev.layerlab.data.CsvSniffer;
import java.nio.file.Path;
import java.util.List;

/** Small helpers shared by the subcommands. */
final class CliSupport {
    private CliSupport() {
    }

    /** Parses a delimiter as the user types it: ",", ";", "tab", "\t", "|". */
    static Character delimiter(String text) {
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "tab", "\\t", "\t" -> '\t';
            case "comma" -> ',';
            case "semicolon" -> ';';
            default -> {
                if (text.length() != 1) {
                    throw new InvalidInputException("--delimiter must be one character or 'tab', got '" + text + "'");
                }
                yield text.charAt(0);
            }
        };
    }

    /** The data spec with every input column of its file scaled as {@code text} says (standardize, quantile, ...). */
    static dev.layerlab.data.DataSpec scaleAll(dev.layerlab.data.DataSpec data, String text, Path baseDir) {
        dev.layerlab.data.Scaling scaling;
        try {
            scaling = dev.layerlab.data.Scaling.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--scaling must be standardize, quantile, minmax or none, got '" + text + "'");
        }
        Path path = Path.of(data.path());
        if (!path.isAbsolute() && baseDir != null) {
            path = baseDir.resolve(path);
        }
        CsvFormat format = format(path, data.delimiter() == null ? null : data.delimiter().toString(), data.header());
        java.util.List<java.util.Map<String, String>> head = dev.layerlab.data.TableLoader.head(path, format, 1);
        if (head.isEmpty()) {
            throw new InvalidInputException(path.getFileName() + " has no data rows");
        }
        return data.withScaling(scaling, head.get(0).keySet());
    }

    static CsvFormat format(Path data, String delimiter, Boolean header) {
        CsvFormat format = CsvSniffer.detect(data);
        Character d = delimiter(delimiter);
        if (d != null) {
            format = format.withDelimiter(d);
        }
        if (header != null) {
            format = format.withHeader(header);
        }
        return format;
    }

    /** The per-column flags of train and tune applied to a data spec (later flags win for the same column). */
    static dev.layerlab.data.DataSpec columnFlags(dev.layerlab.data.DataSpec d, java.util.List<String> ignore,
                                                  java.util.List<String> feature, java.util.List<String> categorical,
                                                  java.util.List<String> date, java.util.List<String> numeric,
                                                  java.util.List<String> log1p) {
        for (String c : names(feature)) {
            d = d.withColumn(c, setting(d, c).withRole(dev.layerlab.data.Role.FEATURE));
        }
        for (String c : names(ignore)) {
            d = d.withColumn(c, setting(d, c).withRole(dev.layerlab.data.Role.IGNORE));
        }
        for (String c : names(categorical)) {
            d = d.withColumn(c, setting(d, c).withType(dev.layerlab.data.ColumnKind.CATEGORICAL));
        }
        for (String c : names(date)) {
            d = d.withColumn(c, setting(d, c).withType(dev.layerlab.data.ColumnKind.DATE));
        }
        for (String c : names(numeric)) {
            d = d.withColumn(c, setting(d, c).withType(dev.layerlab.data.ColumnKind.NUMERIC));
        }
        for (String c : names(log1p)) {
            d = d.withColumn(c, setting(d, c).withLog1p(true));
        }
        return d;
    }

    /** --embed and --one-hot: the encoding of categorical columns (a column in both is refused). */
    static dev.layerlab.data.DataSpec encodingFlags(dev.layerlab.data.DataSpec d, java.util.List<String> embed,
                                                    java.util.List<String> oneHot) {
        for (String c : names(embed)) {
            if (names(oneHot).contains(c)) {
                throw new dev.layerlab.InvalidInputException("Column '" + c + "' is given to both --embed and --one-hot; choose one");
            }
            d = d.withColumn(c, setting(d, c).withEncoding(dev.layerlab.data.Encoding.EMBEDDING));
        }
        for (String c : names(oneHot)) {
            d = d.withColumn(c, setting(d, c).withEncoding(dev.layerlab.data.Encoding.ONE_HOT));
        }
        return d;
    }

    /** --zero-indicator and --no-zero-indicator: the "is exactly 0" input of numeric columns (a column in both is refused). */
    static dev.layerlab.data.DataSpec zeroIndicatorFlags(dev.layerlab.data.DataSpec d, java.util.List<String> on,
                                                         java.util.List<String> off) {
        for (String c : names(on)) {
            if (names(off).contains(c)) {
                throw new dev.layerlab.InvalidInputException("Column '" + c
                        + "' is given to both --zero-indicator and --no-zero-indicator; choose one");
            }
            d = d.withColumn(c, setting(d, c).withZeroIndicator(true));
        }
        for (String c : names(off)) {
            d = d.withColumn(c, setting(d, c).withZeroIndicator(false));
        }
        return d;
    }

    private static java.util.List<String> names(java.util.List<String> names) {
        return names == null ? java.util.List.of() : names.stream().map(String::strip).filter(n -> !n.isEmpty()).toList();
    }

    private static dev.layerlab.data.ColumnSpec setting(dev.layerlab.data.DataSpec d, String column) {
        dev.layerlab.data.ColumnSpec s = d.columns() == null ? null : d.columns().get(column);
        return s == null ? dev.layerlab.data.ColumnSpec.defaults() : s;
    }

    /** "A/B" flags as ratio features; one line naming the bad one otherwise. */
    static List<dev.layerlab.data.RatioFeature> ratios(List<String> flags) {
        List<dev.layerlab.data.RatioFeature> ratios = new java.util.ArrayList<>();
        for (String flag : flags) {
            String[] parts = flag.split("/", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new InvalidInputException("--ratio wants NUMERATOR/DENOMINATOR (two column names), got '" + flag + "'");
            }
            ratios.add(new dev.layerlab.data.RatioFeature(parts[0].trim(), parts[1].trim()));
        }
        return ratios;
    }

    /** "LAT,LON" as a coordinate rotation; one line naming the problem otherwise. */
    static dev.layerlab.data.CoordinateRotation rotation(String flag) {
        String[] parts = flag.split(",", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new InvalidInputException("--rotate wants LATITUDE,LONGITUDE (two column names), got '" + flag + "'");
        }
        return dev.layerlab.data.CoordinateRotation.of(parts[0].trim(), parts[1].trim());
    }
}
