package dev.layerlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class NumberParsingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0|0", "-12|-12", "+3.5|3.5", ".5|0.5", "1.|1", "1e3|1000", "-2.5E-3|-0.0025",
            "000123.4500|123.45", "12345678901234567890|1.2345678901234567E19"})
    void parsesPlainDecimals(String text, double expected) {
        assertThat(NumberParsing.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"abc", "1,5", "1e", "-", ".", "1.2.3", "Infinity", "0x10", "12abc"})
    void rejectsAnythingElse(String text) {
        assertThat(NumberParsing.parse(text)).isNaN();
    }

    @Test
    void agreesWithFloatParseFloatOnRandomValues() {
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            String s = Float.toString((float) (random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6)));
            assertThat((float) NumberParsing.parse(s)).as(s).isEqualTo(Float.parseFloat(s));
        }
    }

    @Test
    void missingTokens() {
        for (String s : new String[]{"", "NA", "n/a", "NaN", "null", "?"}) {
            assertThat(NumberParsing.isMissingToken(s)).as(s).isTrue();
        }
        assertThat(NumberParsing.isMissingToken("none")).isFalse();
    }
}
