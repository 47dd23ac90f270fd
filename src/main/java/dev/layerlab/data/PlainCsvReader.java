package dev.layerlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte-level reader for the common plain CSV: ASCII only and no quote character anywhere. It hands fields to
 * the sink as byte ranges of its buffer, so numbers are parsed without a String per cell (Commons CSV, the
 * general reader, builds one per cell and spends most of a large numeric file's load time doing it).
 *
 * <p>It reads records exactly as {@link CsvRecordReader} does for such files (same fields, same record lines):
 * LF, CRLF and CR line ends in any mix, blank lines skipped, spaces and tabs around fields trimmed. On anything
 * else (a quote, a non-ASCII byte, a control character) it throws {@link NotPlain} and the caller reads the file
 * again with {@link CsvRecordReader}.
 */
final class PlainCsvReader implements CsvRecordSource {
    /** The file is not plain ASCII CSV without quotes: read it with {@link CsvRecordReader}. */
    static final class NotPlain extends RuntimeException {
        NotPlain(String why) {
            super(why, null, false, false);
        }
    }

    private final InputStream in;
    private final byte delimiter;
    private final byte quote;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    /** 1-based physical line of the byte at {@code pos}. */
    private long line = 1;
    private long recordLine;
    private final List<String> fields = new ArrayList<>();

    PlainCsvReader(InputStream in, CsvFormat format) {
        if (!canRead(format)) {
            throw new NotPlain("format " + format.describe());
        }
        this.in = in;
        this.delimiter = (byte) format.delimiter();
        this.quote = (byte) format.quote();
    }

    /** Whether this reader could handle a file in this format whose first bytes are {@code head}. */
    static boolean canRead(CsvFormat format, byte[] head) {
        if (!canRead(format)) {
            return false;
        }
        int start = FileChecks.hasBom(head) ? 3 : 0;
        for (int i = start; i < head.length; i++) {
            byte b = head[i];
            if (b < 0 || b == format.quote()) {
                return false;
            }
        }
        return true;
    }

    private static boolean canRead(CsvFormat format) {
        char d = format.delimiter();
        return (d == '\t' || (d > ' ' && d < 0x7f)) && format.quote() < 0x80 && format.quote() != d;
    }

    @Override
    public long recordLine() {
        return recordLine;
    }

    @Override
    public List<String> next() throws IOException {
        fields.clear();
        return nextRecord((column, value) -> fields.add(value)) < 0 ? null : fields;
    }

    @Override
    public int nextRecord(CsvRecordReader.FieldSink sink) throws IOException {
        if (line == 1 && pos == 0 && limit == 0) {
            skipBom();
        }
        // Blank lines, and the line end of the previous record.
        while (true) {
            if (pos == limit && !fill()) {
                return -1;
            }
            byte b = buf[pos];
            if (b == '\n') {
                pos++;
                line++;
            } else if (b == '\r') {
                pos++;
                if ((pos < limit || fill()) && buf[pos] == '\n') {
                    pos++;
                }
                line++;
            } else {
                break;
            }
        }
        recordLine = line;
        int end = pos;
        while (true) {
            if (end == limit) {
                int before = pos;
                boolean more = fill();
                end -= before - pos; // fill() moves the record to the front of the buffer
                if (!more) {
                    break; // last record without a line end
                }
                continue;
            }
            byte b = buf[end];
            if (b == '\n' || b == '\r') {
                break;
            }
            if (b < 0 || b == quote || (b < ' ' && b != '\t')) {
                throw new NotPlain("byte " + (b & 0xff) + " on line " + line);
            }
            end++;
        }
        int count = 0;
        int from = pos;
        for (int i = pos; i <= end; i++) {
            if (i == end || buf[i] == delimiter) {
                int a = from;
                int z = i;
                while (a < z && isSpace(buf[a])) {
                    a++;
                }
                while (z > a && isSpace(buf[z - 1])) {
                    z--;
                }
                sink.ascii(count++, buf, a, z);
                from = i + 1;
            }
        }
        pos = end;
        return count;
    }

    private boolean isSpace(byte b) {
        return (b == ' ' || b == '\t') && b != delimiter;
    }

    private void skipBom() throws IOException {
        fill();
        if (limit - pos >= 3 && buf[pos] == (byte) 0xEF && buf[pos + 1] == (byte) 0xBB && buf[pos + 2] == (byte) 0xBF) {
            pos += 3;
        }
    }

    /**
     * Reads more bytes, keeping those from {@code pos} on (moved to the front; the buffer grows when a record
     * fills it). False at end of input with nothing new.
     */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    /** The text of a byte range (ASCII). */
    static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
