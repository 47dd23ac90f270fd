package dev.layerlab.data;

import static dev.layerlab.data.CsvFormatDetectionTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A few unusable cells in a numeric column are missing (imputed, reported); more make it text; strict refuses. */
class DirtyNumbersTest {

    @Test
    void aTypoAndAValueBeyondFloatRangeAreMissingAndReported() {
        Table table = TableLoader.load(fixture("quality/dirty_numbers.csv"));
        NumericColumn x2 = (NumericColumn) table.column("x2");

        assertThat(x2.missingCount()).isEqualTo(2);
        assertThat(x2.problems().invalid()).isEqualTo(1);
        assertThat(x2.problems().outOfRange()).isEqualTo(1);
        assertThat(x2.problems().firstLines()).containsExactly(42L, 172L);
        ColumnReport report = DatasetReport.of(table).column("x2");
        assertThat(report.type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(String.join("; ", report.problems()))
                .contains("1 cell is not a number (e.g. '100.333.333.333')")
                .contains("1 value is out of float range").contains("lines 42, 172");
    }

    @Test
    void preparingWarnsWithColumnCountAndLinesAndImputes() {
        PreparedData data = DataPipeline.prepare(DataSpec.of(fixture("quality/dirty_numbers.csv").toString(), "y"),
                (Path) null);

        assertThat(data.warnings()).anyMatch(w -> w.startsWith("Column 'x2': 1 cell is not a number")
                && w.contains("lines 42, 172"));
        for (Matrix m : new Matrix[] {data.train(), data.validation(), data.test()}) {
            for (float v : m.features()) {
                assertThat(v).isFinite();
            }
        }
    }

    @Test
    void strictRefusesNamingTheLine() {
        DataSpec strict = DataSpec.of(fixture("quality/dirty_numbers.csv").toString(), "y")
                .withInvalidNumbers(InvalidNumbers.ERROR);

        assertThatThrownBy(() -> DataPipeline.prepare(strict, (Path) null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Column 'x2' in dirty_numbers.csv holds numbers but line 42 has text '100.333.333.333'")
                .hasMessageContaining("(and 1 more bad cells)");
    }

    @Test
    void strictRefusesAValueBeyondFloatRange(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("big.csv");
        StringBuilder s = new StringBuilder("a,y\n");
        for (int i = 0; i < 200; i++) {
            s.append(i == 7 ? "1e308" : Integer.toString(i % 13)).append(',').append(i % 2).append('\n');
        }
        Files.writeString(csv, s);

        assertThatThrownBy(() -> TableLoader.load(csv, CsvSniffer.detect(csv), java.util.Map.of(), InvalidNumbers.ERROR))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 9 has a value out of float range");
        assertThat(TableLoader.load(csv).column("a").missingCount()).isEqualTo(1);
    }

    @Test
    void aboveTheThresholdTheColumnIsText() {
        // text_in_numeric.csv: 1 text cell of 20 (5 %), above the 1 % threshold.
        Table table = TableLoader.load(fixture("text_in_numeric.csv"));

        assertThat(table.column("x")).isInstanceOf(CategoricalColumn.class);
    }
}
