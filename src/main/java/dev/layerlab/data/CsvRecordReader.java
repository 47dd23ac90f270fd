package dev.layerlab.data;

import dev.layerlab.InvalidInputException;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming RFC 4180 record reader: quoted fields with embedded delimiters, doubled quotes and line breaks;
 * CRLF, LF and CR line ends in any mix; blank lines skipped; spaces around unquoted fields trimmed.
 *
 * <p>Why not Commons CSV: 1.12 needs commons-io 2.17 at run time ({@code UnsynchronizedBufferedReader})
 * while the pom pins commons-io 2.16.1 for DL4J convergence, so its parser fails with NoClassDefFoundError.
 * This reader is also faster for the hot loading loop (one reused field list, exact line numbers).
 */
final class CsvRecordReader {
    private final Reader in;
    private final char delimiter;
    private final char quote;
    private final String file;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private long line = 1;
    private long recordLine;
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();

    CsvRecordReader(Reader in, CsvFormat format, String file) {
        this.in = in;
        this.delimiter = format.delimiter();
        this.quote = format.quote();
        this.file = file;
    }

    /** 1-based line on which the last returned record started. */
    long recordLine() {
        return recordLine;
    }

    /** Receives fields as they are read; chars are only valid during the call. */
    interface FieldSink {
        void text(int column, String value);

        void chars(int column, char[] buf, int start, int end);
    }

    private final FieldSink collector = new FieldSink() {
        @Override
        public void text(int column, String value) {
            fields.add(value);
        }

        @Override
        public void chars(int column, char[] b, int start, int end) {
            fields.add(new String(b, start, end - start));
        }
    };
    private FieldSink sink;
    private int fieldIndex;

    /** The next record's fields (a reused list, valid until the next call), or null at end of input. */
    List<String> next() throws IOException {
        fields.clear();
        return nextRecord(collector) < 0 ? null : fields;
    }

    /** Streams the next record's fields into {@code target}; returns the field count, or -1 at end of input. */
    int nextRecord(FieldSink target) throws IOException {
        this.sink = target;
        this.fieldIndex = 0;
        // Skip blank lines (only line breaks or spaces/tabs that are not the delimiter).
        while (true) {
            int c = peek();
            if (c < 0) {
                return -1;
            }
            if (c == '\n' || c == '\r') {
                consumeLineBreak();
            } else {
                break;
            }
        }
        recordLine = line;
        while (true) {
            boolean end = readField();
            if (end) {
                return fieldIndex;
            }
        }
    }

    /** Reads one field into {@link #fields}; returns true when the record ended. */
    private boolean readField() throws IOException {
        field.setLength(0);
        int c = peek();
        // Leading spaces before an opening quote are ignored.
        while (c == ' ' || (c == '\t' && delimiter != '\t')) {
            pos++;
            c = peek();
        }
        if (c == quote) {
            pos++;
            long startLine = line;
            while (true) {
                c = read();
                if (c < 0) {
                    throw new InvalidInputException(file + " has a quoted field starting on line " + startLine
                            + " that is never closed");
                }
                if (c == quote) {
                    if (peek() == quote) {
                        pos++;
                        field.append(quote);
                    } else {
                        break;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && peek() != '\n')) {
                        line++;
                    }
                    field.append((char) c);
                }
            }
            // After the closing quote only spaces may come before the delimiter or line end.
            while (true) {
                c = peek();
                if (c == ' ' || (c == '\t' && delimiter != '\t')) {
                    pos++;
                } else {
                    break;
                }
            }
            sink.text(fieldIndex++, field.toString());
            return endOfField(c, true);
        }
        // Fast path: the whole unquoted field lies in the buffer, so make the string straight from it.
        int start = pos;
        int i = pos;
        while (i < limit) {
            char ch = buf[i];
            if (ch == delimiter || ch == '\n' || ch == '\r') {
                int end = i;
                while (end > start && (buf[end - 1] == ' ' || buf[end - 1] == '\t')) {
                    end--;
                }
                sink.chars(fieldIndex++, buf, start, end);
                pos = i;
                return endOfField(ch, false);
            }
            i++;
        }
        while (true) {
            c = peek();
            if (c < 0 || c == delimiter || c == '\n' || c == '\r') {
                break;
            }
            field.append((char) c);
            pos++;
        }
        sink.text(fieldIndex++, trimTrailing(field));
        return endOfField(c, false);
    }

    private boolean endOfField(int c, boolean quoted) throws IOException {
        if (c < 0) {
            return true;
        }
        if (c == delimiter) {
            pos++;
            return false;
        }
        if (c == '\n' || c == '\r') {
            consumeLineBreak();
            return true;
        }
        throw new InvalidInputException(file + " line " + line + " has text after a closing quote ("
                + (quoted ? "quotes inside a quoted field must be doubled" : "unexpected character") + ")");
    }

    private static String trimTrailing(StringBuilder sb) {
        int end = sb.length();
        while (end > 0 && (sb.charAt(end - 1) == ' ' || sb.charAt(end - 1) == '\t')) {
            end--;
        }
        return sb.substring(0, end);
    }

    private void consumeLineBreak() throws IOException {
        int c = read();
        if (c == '\r' && peek() == '\n') {
            pos++;
        }
        line++;
    }

    private int peek() throws IOException {
        if (pos >= limit && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private int read() throws IOException {
        if (pos >= limit && !fill()) {
            return -1;
        }
        return buf[pos++];
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        pos = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }
}
