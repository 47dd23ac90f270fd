package dev.layerlab.data;

import dev.layerlab.InvalidInputException;

/**
 * How a CSV file is written: the field delimiter, whether the first row holds column names, the quote
 * character, and whether the file starts with a UTF-8 byte order mark (informational: a BOM is always skipped).
 */
public record CsvFormat(char delimiter, boolean hasHeader, char quote, boolean bom) {

    /** Plain comma-separated with a header, the most common shape. */
    public static final CsvFormat DEFAULT = new CsvFormat(',', true, '"', false);

    public CsvFormat {
        if (delimiter == quote || delimiter == '\n' || delimiter == '\r') {
            throw new InvalidInputException("Invalid CSV delimiter " + describeChar(delimiter)
                    + ": it must differ from the quote character and from line breaks");
        }
    }

    public CsvFormat withDelimiter(char newDelimiter) {
        return new CsvFormat(newDelimiter, hasHeader, quote, bom);
    }

    public CsvFormat withHeader(boolean newHasHeader) {
        return new CsvFormat(delimiter, newHasHeader, quote, bom);
    }

    public CsvFormat withQuote(char newQuote) {
        return new CsvFormat(delimiter, hasHeader, newQuote, bom);
    }

    /** One line for humans, e.g. {@code delimiter ';' (semicolon), header: yes, quote '"', UTF-8 BOM: no}. */
    public String describe() {
        return "delimiter " + describeChar(delimiter) + ", header: " + (hasHeader ? "yes" : "no")
                + ", quote '" + quote + "', UTF-8 BOM: " + (bom ? "yes" : "no");
    }

    static String describeChar(char c) {
        return switch (c) {
            case ',' -> "',' (comma)";
            case ';' -> "';' (semicolon)";
            case '\t' -> "'\\t' (tab)";
            case '|' -> "'|' (pipe)";
            case ' ' -> "' ' (space)";
            case '\n' -> "'\\n' (line feed)";
            case '\r' -> "'\\r' (carriage return)";
            default -> "'" + c + "'";
        };
    }
}
