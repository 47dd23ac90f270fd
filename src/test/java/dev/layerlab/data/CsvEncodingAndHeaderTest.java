package dev.layerlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Excel's "Unicode text" named for what it is, and repeated header names reported when they are renamed. */
class CsvEncodingAndHeaderTest {
    @TempDir
    Path dir;

    @Test
    void aUtf16FileWithAByteOrderMarkIsNamedAsUtf16NotBinary() throws Exception {
        Path le = dir.resolve("unicode-le.csv");
        byte[] text = "a,b,y\n1,2,3\n4,5,6\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[text.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(text, 0, withBom, 2, text.length);
        Files.write(le, withBom);
        Path be = dir.resolve("unicode-be.csv");
        Files.write(be, "a,b,y\n1,2,3\n".getBytes(StandardCharsets.UTF_16)); // Java's UTF-16 writes a big-endian BOM

        assertThatThrownBy(() -> CsvSniffer.detect(le)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is UTF-16LE text").hasMessageContaining("save it as \"CSV UTF-8\"")
                .hasMessageNotContaining("binary");
        assertThatThrownBy(() -> CsvSniffer.detect(be)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is UTF-16BE text");
    }

    @Test
    void repeatedHeaderNamesAreReportedWithTheNamesTheyAreReadAs() throws Exception {
        Path csv = dir.resolve("dupes.csv");
        StringBuilder rows = new StringBuilder("x,price,y,price,price\n");
        for (int i = 0; i < 30; i++) {
            rows.append(i).append(',').append(i % 7).append(',').append(i * 2 + 1).append(',').append(i % 3).append(",5\n");
        }
        Files.writeString(csv, rows);
        CsvFormat format = CsvSniffer.detect(csv);

        assertThat(TableLoader.load(csv, format).columnNames()).containsExactly("x", "price", "y", "price_2", "price_3");
        assertThat(TableLoader.headerNotes(csv, format)).containsExactly(
                "header name 'price' is repeated: columns 2 and 4 and 5 are read as 'price' and 'price_2' and 'price_3'");

        PreparedData prepared = DataPipeline.prepare(new DataSpec(csv.toString(), null, null, "y", TaskChoice.AUTO, Map.of(),
                new SplitSpec(0.7, 0.15, 0.15, 1, true), null), dir);
        assertThat(prepared.warnings()).anyMatch(w -> w.contains("header name 'price' is repeated"));
    }

    @Test
    void distinctHeaderNamesGiveNoNotes() throws Exception {
        Path csv = dir.resolve("plain.csv");
        Files.writeString(csv, "a,b,y\n1,2,3\n");
        assertThat(TableLoader.headerNotes(csv, CsvSniffer.detect(csv))).isEmpty();
    }
}
