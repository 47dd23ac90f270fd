package dev.layerlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The byte-level plain reader reads plain files exactly as the Commons CSV reader does, and refuses the rest. */
class PlainCsvReaderTest {
    @TempDir
    Path dir;

    private record Rec(long line, List<String> fields) {
    }

    private static List<Rec> readAll(CsvRecordSource source) throws IOException {
        List<Rec> out = new ArrayList<>();
        for (List<String> r; (r = source.next()) != null; ) {
            out.add(new Rec(source.recordLine(), List.copyOf(r)));
        }
        return out;
    }

    private static List<Rec> commons(String text, CsvFormat format) throws IOException {
        return readAll(new CsvRecordReader(new StringReader(text), format, "t.csv"));
    }

    private static List<Rec> plain(String text, CsvFormat format, int chunk) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        // Reads a few bytes at a time so records straddle buffer refills.
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        return readAll(new PlainCsvReader(in, format));
    }

    @Test
    void randomPlainFilesGiveTheSameRecordsAndLinesAsCommonsCsv() throws IOException {
        Random random = new Random(7);
        String[] pieces = {"1", "-2.5", "3e4", "", " ", "  x ", "abc", "\t7\t", "NA", "?", ".5", "a b"};
        String[] ends = {"\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n \n"};
        for (char delimiter : new char[] {',', ';', '\t', '|'}) {
            CsvFormat format = CsvFormat.DEFAULT.withDelimiter(delimiter);
            for (int file = 0; file < 300; file++) {
                StringBuilder text = new StringBuilder();
                if (random.nextInt(5) == 0) {
                    text.append(ends[random.nextInt(ends.length)]); // leading blank lines
                }
                int records = 1 + random.nextInt(6);
                for (int r = 0; r < records; r++) {
                    int fields = 1 + random.nextInt(4);
                    for (int f = 0; f < fields; f++) {
                        String piece = pieces[random.nextInt(pieces.length)];
                        if (delimiter == '\t') {
                            piece = piece.replace('\t', ' ');
                        }
                        text.append(f == 0 ? "" : String.valueOf(delimiter)).append(piece);
                    }
                    if (r < records - 1 || random.nextBoolean()) {
                        text.append(ends[random.nextInt(ends.length)]);
                    }
                }
                String t = text.toString();
                List<Rec> expected = commons(t, format);
                assertThat(plain(t, format, 1 + random.nextInt(7))).as("%s", t.replace("\r", "\\r").replace("\n", "\\n"))
                        .isEqualTo(expected);
                assertThat(plain(t, format, 1 << 16)).isEqualTo(expected);
            }
        }
    }

    @Test
    void refusesQuotesNonAsciiAndControlCharacters() {
        for (String text : new String[] {"a,b\n\"x\",2\n", "a,b\ncafé,2\n", "a,b\n1\u00012,3\n"}) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> readAll(new PlainCsvReader(new ByteArrayInputStream(bytes), CsvFormat.DEFAULT)))
                    .isInstanceOf(PlainCsvReader.NotPlain.class);
        }
        assertThat(PlainCsvReader.canRead(CsvFormat.DEFAULT, "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(PlainCsvReader.canRead(CsvFormat.DEFAULT, "a,b\n\"1\",2\n".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(PlainCsvReader.canRead(CsvFormat.DEFAULT, "a,é\n1,2\n".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void aFileWithAQuotePastTheHeadLoadsThroughTheGeneralReader() throws IOException {
        Path csv = dir.resolve("late-quote.csv");
        StringBuilder text = new StringBuilder("x,label\n");
        for (int i = 0; i < 20_000; i++) {
            text.append(i).append(",plain\n"); // more than the sniffed head
        }
        text.append("7,\"quoted, with comma\"\n");
        Files.writeString(csv, text);
        Table table = TableLoader.load(csv);
        assertThat(table.rowCount()).isEqualTo(20_001);
        assertThat(table.column("label").text(20_000)).isEqualTo("quoted, with comma");
        assertThat(((NumericColumn) table.column("x")).value(19_999)).isEqualTo(19_999f);
    }

    @Test
    void plainAndGeneralLoadsGiveTheSameTableAndChecksum() throws IOException {
        Path csv = dir.resolve("mixed.csv");
        Files.writeString(csv, "\uFEFFa, b ,c\r\n1.5,x,\r\n\r\n-2, y ,NA\n3e2,x,4\n");
        Table plain = TableLoader.load(csv);
        Path quoted = dir.resolve("quoted.csv");
        // Same cells; one quoted header field sends the file down the general path.
        Files.writeString(quoted, "\uFEFF\"a\", b ,c\r\n1.5,x,\r\n\r\n-2, y ,NA\n3e2,x,4\n");
        Table general = TableLoader.load(quoted);
        assertThat(plain.columnNames()).isEqualTo(general.columnNames()).containsExactly("a", "b", "c");
        for (int c = 0; c < 3; c++) {
            assertThat(plain.column(c).kind()).isEqualTo(general.column(c).kind());
            for (int r = 0; r < 3; r++) {
                assertThat(plain.column(c).text(r)).isEqualTo(general.column(c).text(r));
            }
        }
        assertThat(plain.sha256()).isEqualTo(sha256(Files.readAllBytes(csv)));
    }

    @Test
    void byteAndStringNumberParsingAgree() {
        Random random = new Random(3);
        List<String> cases = new ArrayList<>(List.of("0", "-0", "+1", "1.", ".5", "-.5e-3", "1e", "1e+", "e5", "12345678901234567890123",
                "0.000000000000000000000000123", "1.7976931348623157e308", "4.9e-324", "1e400", "--1", "1.2.3", "NaN", "inf", "",
                "-", ".", "1_000", "0x10", "123456789012345678.9"));
        for (int i = 0; i < 5000; i++) {
            cases.add(Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20)));
            cases.add(Float.toString((float) random.nextGaussian()));
            cases.add(Long.toString(random.nextLong() >> random.nextInt(63)));
        }
        for (String s : cases) {
            byte[] b = (" " + s + " ").getBytes(StandardCharsets.ISO_8859_1);
            double fromBytes = NumberParsing.parse(b, 1, b.length - 1);
            double fromString = NumberParsing.parse(s);
            assertThat(Double.doubleToLongBits(fromBytes)).as(s).isEqualTo(Double.doubleToLongBits(fromString));
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
