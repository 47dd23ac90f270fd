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
