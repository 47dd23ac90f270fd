package dev.layerlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import dev.layerlab.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnTypeOverrideTest {
    @TempDir
    Path dir;

    @Test
    void aNumericColumnSetToCategoricalIsOneHotEncoded() {
        StringBuilder csv = new StringBuilder("rating,x,y\n");
        for (int i = 0; i < 60; i++) {
            // x steps by 3, so it is not a running index (which would be ignored by default)
            csv.append(i % 3 + 1).append(',').append(i * 3).append(',').append(i * 2).append('\n');
        }
        Path file = TestData.write(dir.resolve("ratings.csv"), csv.toString());
        DataSpec spec = DataSpec.of(file.toString(), "y");

        PreparedData asNumber = DataPipeline.prepare(spec, (Path) null);
        PreparedData asCategory = DataPipeline.prepare(
                spec.withColumn("rating", ColumnSpec.defaults().withType(ColumnKind.CATEGORICAL)), (Path) null);

        assertThat(asNumber.preprocessing().featureNames()).containsExactly("rating", "x");
        assertThat(asCategory.preprocessing().featureNames()).containsExactlyInAnyOrder("rating=1", "rating=2", "rating=3", "x");
        assertThat(asCategory.preprocessing().inputKinds()).containsEntry("rating", ColumnKind.CATEGORICAL);
    }

    @Test
    void aTextColumnCannotBeMadeNumeric() {
        Path file = TestData.write(dir.resolve("text.csv"), "colour,y\nred,1\nblue,2\nred,3\nblue,4\n");
        DataSpec spec = DataSpec.of(file.toString(), "y").withColumn("colour", ColumnSpec.defaults().withType(ColumnKind.NUMERIC));

        assertThatThrownBy(() -> DataPipeline.prepare(spec, (Path) null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Column 'colour' holds text").hasMessageContaining("cannot be treated as numeric");
    }
}
