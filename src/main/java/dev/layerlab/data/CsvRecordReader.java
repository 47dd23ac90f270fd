package dev.layerlab.data;

import dev.layerlab.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Streams CSV records with Commons CSV (RFC 4180: quoted fields with embedded delimiters, doubled quotes and
 * line breaks; CRLF, LF and CR line ends in any mix; blank lines skipped; spaces around fields trimmed), and
 * keeps the 1-based line each record starts on so errors can name it.
 */
final class CsvRecordReader implements CsvRecordSource {

    private final String file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> fields = new ArrayList<>();
    private long recordLine;
    /** Where the record being read starts (blank lines aside): named when it cannot be parsed. */
    private long startLine;

    CsvRecordReader(Reader in, CsvFormat format, String file) throws IOException {
        this.file = file;
        this.parser = CSVFormat.RFC4180.builder()
                .setDelimiter(format.delimiter())
                .setQuote(format.quote())
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                .build()
                .parse(in);
        this.records = parser.iterator();
    }

    @Override
    public long recordLine() {
        return recordLine;
    }

    /** Receives fields as they are read. */
    interface FieldSink {
        void text(int column, String value);

        /** A field given as ASCII bytes {@code [from, to)} of a buffer that is reused after the call. */
        default void ascii(int column, byte[] bytes, int from, int to) {
            text(column, PlainCsvReader.text(bytes, from, to));
        }
    }

    @Override
    public List<String> next() throws IOException {
        fields.clear();
        return nextRecord((column, value) -> fields.add(value)) < 0 ? null : fields;
    }

    @Override
    public int nextRecord(FieldSink target) throws IOException {
        CSVRecord record;
        startLine = parser.getCurrentLineNumber() + 1;
        try {
            if (!records.hasNext()) {
                return -1;
            }
            record = records.next();
        } catch (UncheckedIOException e) {
            throw translate(e.getCause());
        }
        int size = record.size();
        int breaks = 0;
        for (int i = 0; i < size; i++) {
            breaks += lineBreaks(record.get(i));
        }
        // The parser counts the line breaks read so far. A record that ends with a line break has consumed
        // breaks + 1 of them (the last record of a file may lack its final one); line breaks inside quoted
        // fields tell how many lines before its end it started.
        long consumed = parser.getCurrentLineNumber();
        boolean endedWithBreak = consumed - (startLine - 1) >= breaks + 1;
        recordLine = consumed - breaks + (endedWithBreak ? 0 : 1);
        for (int i = 0; i < size; i++) {
            target.text(i, record.get(i));
        }
        return size;
    }

    private static int lineBreaks(String value) {
        int count = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
                count++;
            }
        }
        return count;
    }

    private IOException translate(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("EOF reached before encapsulated token finished")) {
            throw new InvalidInputException(file + " has a quoted field starting on line " + startLine
                    + " that is never closed");
        }
        if (message.contains("invalid char between encapsulated token and delimiter")) {
            throw new InvalidInputException(file + " line " + startLine + " has text after a closing quote (quotes inside a quoted field must be doubled)");
        }
        return e;
    }
}
