package dev.layerlab.data;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CsvFormatDetectionTest {

    static Path fixture(String name) {
        try {
            return Path.of(CsvFormatDetectionTest.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "comma.csv     | ,   | true  | false | 2 | 3",
            "semicolon.csv | ;   | true  | false | 2 | 3",
            "tab.csv       | TAB | true  | false | 2 | 3",
            "no_header.csv | ,   | false | false | 3 | 3",
            "quoted.csv    | ,   | true  | false | 3 | 3",
            "bom.csv       | ,   | true  | true  | 2 | 2",
            "crlf.csv      | ,   | true  | false | 2 | 2",
            "mixed_eol.csv | ,   | true  | false | 3 | 2",
            "wine_slice.csv| ;   | true  | false | 5 | 12",
    })
    void detectsFormatAndLoads(String file, String delimiter, boolean header, boolean bom, int rows, int columns) {
        CsvFormat format = CsvSniffer.detect(fixture(file));
        char expected = delimiter.equals("TAB") ? '\t' : delimiter.charAt(0);
        assertThat(format.delimiter()).isEqualTo(expected);
        assertThat(format.hasHeader()).isEqualTo(header);
        assertThat(format.bom()).isEqualTo(bom);
        Table table = TableLoader.load(fixture(file), format);
        assertThat(table.rowCount()).isEqualTo(rows);
        assertThat(table.columnNames()).hasSize(columns);
    }

    @Test
    void bomIsNotPartOfTheFirstColumnName() {
        Table table = TableLoader.load(fixture("bom.csv"), CsvSniffer.detect(fixture("bom.csv")));
        assertThat(table.columnNames()).containsExactly("a", "b");
        assertThat(((NumericColumn) table.column("b")).value(1)).isEqualTo(4f);
    }

    @Test
    void quotedFieldsKeepDelimitersQuotesAndNewlines() {
        Table table = TableLoader.load(fixture("quoted.csv"), CsvSniffer.detect(fixture("quoted.csv")));
        CategoricalColumn text = (CategoricalColumn) table.column("text");
        assertThat(text.value(0)).isEqualTo("hello, world");
        assertThat(text.value(1)).isEqualTo("say \"hi\"");
        assertThat(text.value(2)).isEqualTo("two\nlines");
        assertThat(((NumericColumn) table.column("value")).value(2)).isEqualTo(3.5f);
    }

    @Test
    void wineQuotedHeaderIsUnquoted() {
        Table table = TableLoader.load(fixture("wine_slice.csv"), CsvSniffer.detect(fixture("wine_slice.csv")));
        assertThat(table.columnNames()).contains("fixed acidity", "quality");
        assertThat(((NumericColumn) table.column("fixed acidity")).value(0)).isEqualTo(7.4f);
    }

    @Test
    void detectionCanBeOverridden() {
        CsvFormat detected = CsvSniffer.detect(fixture("comma.csv"));
        Table noHeader = TableLoader.load(fixture("comma.csv"), detected.withHeader(false));
        assertThat(noHeader.rowCount()).isEqualTo(3);
        assertThat(noHeader.columnNames()).containsExactly("column_1", "column_2", "column_3");
        Table oneColumn = TableLoader.load(fixture("comma.csv"), detected.withDelimiter(';'));
        assertThat(oneColumn.columnNames()).containsExactly("a,b,c");
    }
}
