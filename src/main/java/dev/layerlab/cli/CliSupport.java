package dev.layerlab.cli;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.CsvFormat;
import dev.layerlab.data.CsvSniffer;
import java.nio.file.Path;

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
}
