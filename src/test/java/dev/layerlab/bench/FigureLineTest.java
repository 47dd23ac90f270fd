package dev.layerlab.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FigureLineTest {

    @Test
    void aFigureSurvivesTheTripThroughAChildsOutput() {
        Figure f = new Figure("gui.pulse_gap.max", 23.5, "ms", "idle window", 17.1, 23.5 / 17.1, "< 50 ms",
                "a note, with commas\tand a tab");
        Figure back = FigureLine.parse(FigureLine.encode(f)).orElseThrow();
        assertThat(back.name()).isEqualTo(f.name());
        assertThat(back.value()).isEqualTo(23.5);
        assertThat(back.referenceValue()).isEqualTo(17.1);
        assertThat(back.ratio()).isEqualTo(f.ratio());
        assertThat(back.note()).isEqualTo("a note, with commas and a tab");
        assertThat(FigureLine.parse(FigureLine.encode(Figure.skipped("x", "why"))).orElseThrow().isSkipped()).isTrue();
        assertThat(FigureLine.parse("14:02 INFO training")).isEmpty();
    }

    @Test
    void readyLineFields() {
        String line = "LAYERLAB_READY jvm_ms=2890 milestones=launch 410, fx-start 700, ready 2890";
        assertThat(GuiGroups.field(line, "jvm_ms")).isEqualTo("2890");
        assertThat(GuiGroups.field(line, "milestones")).isEqualTo("launch 410, fx-start 700, ready 2890");
        assertThat(GuiGroups.field(line, "missing")).isEmpty();
    }
}
