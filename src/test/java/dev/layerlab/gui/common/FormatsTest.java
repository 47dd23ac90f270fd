package dev.layerlab.gui.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {
    @Test
    void ticksDropTrailingZerosButKeepSignificantDigits() {
        assertThat(Formats.tick(0.8)).isEqualTo("0.8");
        assertThat(Formats.tick(1.5)).isEqualTo("1.5");
        assertThat(Formats.tick(0.25)).isEqualTo("0.25");
        assertThat(Formats.tick(2)).isEqualTo("2");
        assertThat(Formats.tick(70_000)).isEqualTo("70,000");
        assertThat(Formats.tick(1234.5)).isEqualTo("1,234.5");
        assertThat(Formats.tick(1500.0)).isEqualTo("1,500");
        assertThat(Formats.tick(2e-5)).isEqualTo("2.000e-05");
    }

    @Test
    void compactDropsDecimalsFromAThousandUp() {
        assertThat(Formats.compact(2636.4)).isEqualTo("2,636");
        assertThat(Formats.compact(537.9)).isEqualTo("537.9");
    }
}
