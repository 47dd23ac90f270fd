package dev.layerlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LargeLoadTest {

    @Test
    void loads200kRowsBy20ColumnsQuicklyIntoFloats(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("big.csv");
        int rows = 200_000;
        int cols = 20;
        Random random = new Random(1);
        float[] lastColumn = new float[rows];
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            for (int c = 0; c < cols; c++) {
                w.write((c == 0 ? "" : ",") + "f" + c);
            }
            w.write('\n');
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                for (int c = 0; c < cols; c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    String value = Double.toString(Math.round(random.nextGaussian() * 1e5) / 1e4);
                    line.append(value);
                    if (c == cols - 1) {
                        lastColumn[r] = Float.parseFloat(value);
                    }
                }
                w.append(line).append('\n');
            }
        }
        long start = System.nanoTime();
        Table table = TableLoader.load(csv, CsvSniffer.detect(csv));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(table.rowCount()).isEqualTo(rows);
        assertThat(table.columnNames()).hasSize(cols);
        assertThat(table.column(0)).isInstanceOf(NumericColumn.class);
        NumericColumn last = (NumericColumn) table.column(cols - 1);
        float[] loaded = new float[rows];
        for (int r = 0; r < rows; r++) {
            loaded[r] = last.value(r);
        }
        // Every value, including fields that straddle the reader's buffer boundary, reads back exactly.
        assertThat(loaded).isEqualTo(lastColumn);
        assertThat(millis).as("load time in ms").isLessThan(5_000);
        System.out.println("Loaded 200k x 20 in " + millis + " ms");
    }
}
