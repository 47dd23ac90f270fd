package dev.layerlab.gui.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.data.ColumnKind;
import dev.layerlab.data.ColumnReport;
import dev.layerlab.data.ColumnType;
import dev.layerlab.data.Imputation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnRowTest {
    static ColumnReport report(ColumnType type) {
        return new ColumnReport("rating", type, 0, 3, 1.0, 3.0, 2.0, 0.8, List.of(), new int[] {1, 1, 1}, 1.0, 3.0, List.of());
    }

    @Test
    void aNumericColumnSwitchedToCategoricalIsSavedAsSuchAndLosesItsMeanImputation() {
        ColumnRow row = new ColumnRow(report(ColumnType.NUMERIC));
        assertThat(row.toSpec().type()).isNull();

        row.kindProperty().set(ColumnKind.CATEGORICAL);

        assertThat(row.isNumeric()).isFalse();
        assertThat(row.toSpec().type()).isEqualTo(ColumnKind.CATEGORICAL);
        assertThat(row.toSpec().scaling()).isNull();
        assertThat(row.imputeProperty().get()).isEqualTo(Imputation.MOST_FREQUENT);

        ColumnRow reopened = new ColumnRow(report(ColumnType.NUMERIC));
        reopened.apply(row.toSpec());
        assertThat(reopened.kindProperty().get()).isEqualTo(ColumnKind.CATEGORICAL);
    }

    @Test
    void aColumnOfManyZerosStartsWithItsIsZeroInputAndSavesOnlyAChange() throws Exception {
        dev.layerlab.data.DatasetReport report = dev.layerlab.data.DatasetReport.of(dev.layerlab.data.TableLoader.load(
                java.nio.file.Path.of(ColumnRowTest.class.getResource("/data/quality/rainfall.csv").toURI())));
        ColumnRow rain = new ColumnRow(report.columns().get(0));
        ColumnRow temp = new ColumnRow(report.columns().get(1));
        assertThat(rain.zeroIndicatorProperty().get()).isTrue();
        assertThat(rain.why()).contains("many exact zeros");
        assertThat(temp.zeroIndicatorProperty().get()).isFalse();
        assertThat(rain.toSpec().zeroIndicator()).isNull(); // the default: the engine decides on the training rows
        assertThat(temp.toSpec().zeroIndicator()).isNull();

        rain.zeroIndicatorProperty().set(false);
        temp.zeroIndicatorProperty().set(true);
        assertThat(rain.toSpec().zeroIndicator()).isFalse();
        assertThat(temp.toSpec().zeroIndicator()).isTrue();
        ColumnRow reopened = new ColumnRow(report.columns().get(0));
        reopened.apply(rain.toSpec());
        assertThat(reopened.zeroIndicatorProperty().get()).isFalse();

        rain.kindProperty().set(ColumnKind.CATEGORICAL); // categories have no "is 0" input
        assertThat(rain.toSpec().zeroIndicator()).isNull();
    }

    @Test
    void aTextColumnCanBeReadAsDatesButNotAsNumbers() {
        ColumnRow row = new ColumnRow(report(ColumnType.CATEGORICAL));

        assertThat(row.canChangeType()).isTrue();
        assertThat(row.kindChoices()).containsExactly(ColumnKind.CATEGORICAL, ColumnKind.DATE);
        assertThat(row.toSpec().type()).isNull();
        row.kindProperty().set(ColumnKind.DATE);
        assertThat(row.toSpec().type()).isEqualTo(ColumnKind.DATE);
    }

    @Test
    void aColumnWithManyCategoriesStartsEmbeddedAndTheUserCanPickOneHot() {
        ColumnReport shops = new ColumnReport("shop", ColumnType.CATEGORICAL, 0, 481, null, null, null, null, List.of(),
                new int[0], Double.NaN, Double.NaN, List.of());
        ColumnRow row = new ColumnRow(shops);
        assertThat(row.hasEncodingChoice()).isTrue();
        assertThat(row.encodingProperty().get()).isEqualTo(dev.layerlab.data.Encoding.EMBEDDING);
        assertThat(row.toSpec().encoding()).isNull(); // the default: the engine decides on the training rows

        row.encodingProperty().set(dev.layerlab.data.Encoding.ONE_HOT);
        assertThat(row.toSpec().encoding()).isEqualTo(dev.layerlab.data.Encoding.ONE_HOT);
        ColumnRow reopened = new ColumnRow(shops);
        reopened.apply(row.toSpec());
        assertThat(reopened.encodingProperty().get()).isEqualTo(dev.layerlab.data.Encoding.ONE_HOT);

        ColumnRow few = new ColumnRow(report(ColumnType.CATEGORICAL));
        assertThat(few.encodingProperty().get()).isEqualTo(dev.layerlab.data.Encoding.ONE_HOT);
        few.encodingProperty().set(dev.layerlab.data.Encoding.EMBEDDING);
        assertThat(few.toSpec().encoding()).isEqualTo(dev.layerlab.data.Encoding.EMBEDDING);
        assertThat(new ColumnRow(report(ColumnType.NUMERIC)).hasEncodingChoice()).isFalse();
    }
}
