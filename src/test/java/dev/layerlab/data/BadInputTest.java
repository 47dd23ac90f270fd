package dev.layerlab.data;

import dev.layerlab.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static dev.layerlab.data.CsvFormatDetectionTest.fixture;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BadInputTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "empty.csv           | y | empty.csv is empty",
            "header_only.csv     | c | header_only.csv has a header row but no data rows",
            "ragged.csv          | c | ragged.csv line 3 has 2 fields but the header has 3",
            "comma.csv           | nope | Target column 'nope' not found in comma.csv; available columns: a, b, c",
            "constant_target.csv | y | Target column 'y' in constant_target.csv is constant (every value is 5)",
            "one_class.csv       | y | Target column 'y' in one_class.csv has only one class ('A')",
            "binary.csv          | y | binary.csv looks like a binary file (it contains NUL bytes)",
    })
    void badInputGivesItsOwnMessage(String file, String target, String message) {
        Path path = fixture(file);
        DataSpec spec = DataSpec.of(path.toString(), target);
        assertThatThrownBy(() -> DataPipeline.prepare(spec, (Path) null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    @Test
    void strictRefusesTextInANumericColumn() {
        DataSpec spec = DataSpec.of(fixture("text_in_numeric.csv").toString(), "y").withInvalidNumbers(InvalidNumbers.ERROR);
        assertThatThrownBy(() -> DataPipeline.prepare(spec, (Path) null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Column 'x' in text_in_numeric.csv holds numbers but line 21 has text 'oops'");
    }

    @Test
    void missingFile(@TempDir Path dir) {
        assertThatThrownBy(() -> CsvSniffer.detect(dir.resolve("nope.csv")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("Data file not found: ");
    }

    @Test
    void directory(@TempDir Path dir) {
        assertThatThrownBy(() -> CsvSniffer.detect(dir))
                .isInstanceOf(InvalidInputException.class).hasMessageEndingWith("is a directory, not a CSV file");
    }

    @Test
    void invalidUtf8(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("latin1.csv");
        java.nio.file.Files.write(p, new byte[]{'a', ',', 'b', '\n', 'c', 'a', 'f', (byte) 0xE9, ',', '1', '\n'});
        assertThatThrownBy(() -> CsvSniffer.detect(p))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not UTF-8 text");
    }

    @Test
    void unclosedQuote(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("q.csv");
        java.nio.file.Files.writeString(p, "a,b\n1,\"open\n2,3\n");
        assertThatThrownBy(() -> TableLoader.load(p, CsvFormat.DEFAULT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("quoted field starting on line 2 that is never closed");
    }
}
