package dev.layerlab.data;

import dev.layerlab.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.CharBuffer;

/** Up-front checks that turn unusable files into one clear message before any parsing starts. */
final class FileChecks {

    /** How much of the file the sniffer looks at; also the window checked for binary content. */
    static final int SAMPLE_BYTES = 64 * 1024;
    private static final int BINARY_CHECK_BYTES = 1024;

    private FileChecks() {
    }

    /** The file's first bytes (at most {@link #SAMPLE_BYTES}), after checking it is a readable, non-empty text file. */
    static byte[] readCheckedHead(Path csv) {
        if (csv == null) {
            throw new InvalidInputException("No data file given");
        }
        if (!Files.exists(csv)) {
            throw new InvalidInputException("Data file not found: " + csv);
        }
        if (Files.isDirectory(csv)) {
            throw new InvalidInputException(csv + " is a directory, not a CSV file");
        }
        if (!Files.isReadable(csv)) {
            throw new InvalidInputException("Cannot read " + csv + ": permission denied");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(csv)) {
            head = in.readNBytes(SAMPLE_BYTES);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read " + csv + ": " + e.getMessage(), e);
        }
        String utf16 = utf16Bom(head);
        if (utf16 != null) {
            // Excel's "Unicode text": every other byte is NUL, which the binary check below would misname.
            throw new InvalidInputException(csv + " is " + utf16 + " text (it starts with a UTF-16 byte-order mark), not UTF-8:"
                    + " save it as \"CSV UTF-8\" (Excel) or convert it, e.g. iconv -f UTF-16 -t UTF-8");
        }
        int start = hasBom(head) ? 3 : 0;
        if (isBlank(head, start)) {
            throw new InvalidInputException(csv + " is empty");
        }
        int checkEnd = Math.min(head.length, BINARY_CHECK_BYTES);
        for (int i = 0; i < checkEnd; i++) {
            if (head[i] == 0) {
                throw new InvalidInputException(csv + " looks like a binary file (it contains NUL bytes), not CSV text");
            }
        }
        int bad = firstInvalidUtf8(head, start, head.length == SAMPLE_BYTES);
        if (bad >= 0) {
            throw new InvalidInputException(csv + " is not UTF-8 text (invalid byte at offset " + bad
                    + "); save it as UTF-8 CSV");
        }
        return head;
    }

    /** "UTF-16LE" or "UTF-16BE" when the bytes start with that byte-order mark; else null. */
    static String utf16Bom(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return "UTF-16LE";
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return "UTF-16BE";
        }
        return null;
    }

    static boolean hasBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    }

    private static boolean isBlank(byte[] b, int start) {
        for (int i = start; i < b.length; i++) {
            if (!Character.isWhitespace(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** Offset of the first malformed UTF-8 byte, or -1; a sequence cut off by the end of a truncated sample is fine. */
    private static int firstInvalidUtf8(byte[] b, int start, boolean truncated) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, start, b.length - start);
        CharBuffer out = CharBuffer.allocate(b.length);
        CoderResult result = decoder.decode(in, out, !truncated);
        if (result.isError()) {
            return in.position();
        }
        return -1;
    }

    /** Decodes a checked sample, dropping a BOM. */
    static String decodeSample(byte[] head) {
        int start = hasBom(head) ? 3 : 0;
        try {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.IGNORE)
                    .onUnmappableCharacter(CodingErrorAction.IGNORE);
            return decoder.decode(ByteBuffer.wrap(head, start, head.length - start)).toString();
        } catch (CharacterCodingException e) {
            return new String(head, start, head.length - start, StandardCharsets.UTF_8);
        }
    }
}
