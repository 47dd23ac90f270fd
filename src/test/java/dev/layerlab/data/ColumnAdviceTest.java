package dev.layerlab.data;

import static dev.layerlab.data.CsvFormatDetectionTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Default kinds and roles: dates, identifiers, free text, binary columns; and the calendar features of dates. */
class ColumnAdviceTest {

    @ParameterizedTest
    @CsvSource({
            "iso,       iso,       2021-10-11T00:00",
            "iso_time,  iso,       2021-10-11T05:47",
            "dmy,       dmy_slash, 2021-10-11T05:47",
            "mdy,       mdy_slash, 2021-10-11T00:00",
            "dmy_dots,  dmy_dot,   2021-10-11T00:00",
            "ymd_slash, ymd_slash, 2021-10-11T00:00",
    })
    void everyDateFormOfTheFixtureIsRecognisedWithItsRange(String column, String format, String last) {
        Table table = TableLoader.load(fixture("quality/date_formats.csv"));
        ColumnAdvice advice = ColumnAdvice.of(table.column(column));

        assertThat(advice.kind()).isEqualTo("date");
        assertThat(advice.dateFormat().name().toLowerCase()).isEqualTo(format);
        assertThat(advice.range()).startsWith("2020-01-01").endsWith(LocalDateTime.parse(last).toLocalDate().toString()
                + (column.equals("iso_time") || column.equals("dmy") ? " 05:47" : ""));
    }

    @Test
    void dayFirstWinsWhenEveryDayIsTwelveOrLessAndTheReasonSaysSo() {
        Column c = CategoricalColumn.of("d", "01/02/2020", "03/04/2020", "05/06/2020", "12/11/2020");
        ColumnAdvice advice = ColumnAdvice.of(c);

        assertThat(advice.dateFormat()).isEqualTo(DateFormat.DMY_SLASH);
        assertThat(advice.reason()).contains("read day-first");
        assertThat(DateFormat.DMY_SLASH.parse("03/04/2020")).isEqualTo(LocalDateTime.of(2020, 4, 3, 0, 0));
    }

    @Test
    void aDayAboveTwelveDecidesMonthFirst() {
        Column c = CategoricalColumn.of("d", "01/02/2020", "03/24/2020");
        assertThat(ColumnAdvice.of(c).dateFormat()).isEqualTo(DateFormat.MDY_SLASH);
        assertThat(ColumnAdvice.of(c).reason()).doesNotContain("day-first");
    }

    @Test
    void isoWithOffsetAndFractionKeepsTheLocalTime() {
        assertThat(DateFormat.ISO.parse("2021-03-04T13:45:10.250+02:00")).isEqualTo(LocalDateTime.of(2021, 3, 4, 13, 45, 10, 250_000_000));
        assertThat(DateFormat.ISO.parse("2021-02-30")).isNull();
        assertThat(DateFormat.ISO.parse("hello")).isNull();
    }

    @Test
    void identifiersTextAndTwoValuedColumns() {
        Table t = TableLoader.load(fixture("quality/messy.csv"));

        assertThat(ColumnAdvice.of(t.column("row"))).extracting(ColumnAdvice::kind, ColumnAdvice::role).containsExactly("id", Role.IGNORE);
        assertThat(ColumnAdvice.of(t.column("code"))).extracting(ColumnAdvice::kind, ColumnAdvice::role).containsExactly("id", Role.IGNORE);
        assertThat(ColumnAdvice.of(t.column("note"))).extracting(ColumnAdvice::kind, ColumnAdvice::role).containsExactly("text", Role.IGNORE);
        assertThat(ColumnAdvice.of(t.column("active")).kind()).isEqualTo("binary");
        assertThat(ColumnAdvice.of(t.column("shop"))).extracting(ColumnAdvice::kind, ColumnAdvice::role).containsExactly("categorical", Role.FEATURE);
        assertThat(ColumnAdvice.of(t.column("x")).role()).isEqualTo(Role.FEATURE);
        // a column of many different whole numbers that is not a running index is a feature
        assertThat(ColumnAdvice.of(NumericColumn.of("n", 3, 9, 4, 12, 40, 7, 1, 22, 5, 8, 13, 2, 17, 6, 30, 11, 19, 25, 31, 60))
                .role()).isEqualTo(Role.FEATURE);
    }

    @Test
    void reportShowsKindRoleReasonAndSkew() {
        DatasetReport report = DatasetReport.of(TableLoader.load(fixture("quality/messy.csv")));

        assertThat(report.column("signup")).extracting(ColumnReport::kind, ColumnReport::range)
                .containsExactly("date", "2019-01-02 .. 2022-10-30");
        assertThat(report.column("code").role()).isEqualTo(Role.IGNORE);
        assertThat(report.column("amount").flags()).containsExactly(ColumnReport.SKEWED);
        assertThat(report.column("x").flags()).isEmpty();
        assertThat(report.render()).contains("running integer index (0 to 1499, each once)");
        assertThat(DatasetReport.imbalance(report.table().column("segment"))).contains("the rarest, 'vip', has 127 rows against 1065 of 'basic'");
        assertThat(DatasetReport.imbalance(report.table().column("active"))).isNull();
    }

    @Test
    void dateFeaturesAreFittedOnTrainingRowsAndCyclic() {
        PreparedData data = DataPipeline.prepare(DataSpec.of(fixture("quality/weather_daily.csv").toString(), "weather"),
                (Path) null);
        FittedPreprocessing pre = data.preprocessing();

        assertThat(pre.featureNames()).startsWith("date:year", "date:month_sin", "date:month_cos", "date:weekday_sin",
                "date:weekday_cos", "date:yearday_sin", "date:yearday_cos").hasSize(12).contains("precipitation=0");
        FittedColumn date = pre.columns().get(0);
        assertThat(date.kind()).isEqualTo(ColumnKind.DATE);
        assertThat(date.center()).isBetween(2013.0, 2014.0);
        // 2012-01-01 (a Sunday): month angle 0, weekday 6/7 of a turn
        Table one = Table.fromRows(List.of("date", "temp_max", "temp_min", "precipitation", "wind"),
                List.<String[]>of(new String[] {"2012-01-01", "5", "1", "0", "3"}), pre.inputKinds());
        Matrix m = pre.transform(one, false);
        assertThat(m.feature(0, 1)).isEqualTo(0f);
        assertThat(m.feature(0, 2)).isEqualTo(1f);
        assertThat((double) m.feature(0, 3)).isCloseTo(Math.sin(2 * Math.PI * 6 / 7), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(FittedPreprocessing.fromJson(pre.toJson()).toJson()).isEqualTo(pre.toJson()).contains("\"dateFormat\" : \"iso\"");
    }

    @Test
    void aNumericColumnCannotBeADate() {
        DataSpec spec = DataSpec.of(fixture("quality/dirty_numbers.csv").toString(), "y")
                .withColumn("x1", ColumnSpec.defaults().withType(ColumnKind.DATE));
        assertThatThrownBy(() -> DataPipeline.prepare(spec, (Path) null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Column 'x1' holds numbers").hasMessageContaining("cannot be treated as a date");
    }

    @Test
    void log1pIsAppliedBeforeScaling() {
        DataSpec spec = DataSpec.of(fixture("quality/messy.csv").toString(), "segment")
                .withColumn("amount", ColumnSpec.defaults().withLog1p(true).withScaling(Scaling.NONE));
        PreparedData data = DataPipeline.prepare(spec, (Path) null);
        int at = data.preprocessing().featureNames().indexOf("log1p(amount)");
        int row = data.train().sourceRows()[0];
        float amount = ((NumericColumn) data.table().column("amount")).value(row);

        assertThat(at).isNotNegative();
        assertThat((double) data.train().feature(0, at)).isCloseTo(Math.log1p(amount), org.assertj.core.data.Offset.offset(1e-5));
    }
}
