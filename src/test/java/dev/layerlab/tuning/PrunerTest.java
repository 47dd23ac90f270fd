package dev.layerlab.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrunerTest {
    static final Objective MIN = new Objective("val_rmse", false);

    @Test
    void medianPrunerStopsTrialsWorseThanTheMedianAfterWarmup() {
        MedianPruner p = new MedianPruner(MIN, 3, 2);
        // three finished reference trials with curves 1.0, 0.8, 0.6 ... (values at epoch e: base - 0.1 e)
        for (int t = 0; t < 3; t++) {
            for (int e = 1; e <= 5; e++) {
                assertThat(p.report(t, e, 1.0 + 0.2 * t - 0.1 * e)).isFalse(); // not enough finished trials yet
            }
            p.finished(t);
        }
        // warmup: never pruned at epochs 1..2 even when bad
        assertThat(p.report(10, 1, 9.0)).isFalse();
        assertThat(p.report(10, 2, 9.0)).isFalse();
        // epoch 3: median of others' best at epoch 3 = 1.2 - 0.3 = 0.9; 9.0 is worse -> prune
        assertThat(p.report(10, 3, 9.0)).isTrue();
        // a good trial goes on
        assertThat(p.report(11, 3, 0.5)).isFalse();
        // a trial whose best so far (not its current value) beats the median goes on
        p.report(12, 1, 0.1);
        p.report(12, 2, 0.1);
        assertThat(p.report(12, 3, 5.0)).isFalse();
    }

    @Test
    void medianPrunerMaximizes() {
        MedianPruner p = new MedianPruner(new Objective("val_accuracy", true), 1, 0);
        p.report(0, 1, 0.9);
        p.finished(0);
        assertThat(p.report(1, 1, 0.5)).isTrue();
        assertThat(p.report(2, 1, 0.95)).isFalse();
    }

    @Test
    void ashaKeepsTheTopThirdAtEachRung() {
        AshaPruner p = new AshaPruner(MIN, 1, 3, 1, 27);
        assertThat(p.rungEpochs(0)).containsExactly(1, 3, 9);
        // first trial at a rung always continues
        assertThat(p.report(0, 1, 0.5)).isFalse();
        // second trial worse: top floor(2/3)=max(1,0)=1 -> only the best continues
        assertThat(p.report(1, 1, 0.9)).isTrue();
        // a better one continues
        assertThat(p.report(2, 1, 0.3)).isFalse();
        // off-rung epochs never prune
        assertThat(p.report(1, 2, 99)).isFalse();
        // with 6 values at rung 1, the top 2 continue
        p.report(3, 1, 0.6);
        p.report(4, 1, 0.7);
        assertThat(p.report(5, 1, 0.45)).isFalse(); // 0.3, 0.45 are the top 2
        assertThat(p.report(6, 1, 0.55)).isTrue();
        // rung 3 uses the best value so far of the trial
        assertThat(p.report(0, 2, 0.4)).isFalse();
        assertThat(p.report(0, 3, 0.45)).isFalse();
    }

    @Test
    void hyperbandBracketsHaveDifferentFirstRungs() {
        AshaPruner p = AshaPruner.hyperband(MIN, 27);
        assertThat(p.rungEpochs(0)).containsExactly(1, 3, 9);
        assertThat(p.rungEpochs(1)).containsExactly(3, 9);
        assertThat(p.rungEpochs(2)).containsExactly(9);
        assertThat(List.of(p.bracketOf(0), p.bracketOf(1), p.bracketOf(2), p.bracketOf(3))).containsExactly(0, 1, 2, 0);
        // trials in different brackets do not compete
        assertThat(p.report(0, 1, 0.1)).isFalse();
        assertThat(p.report(3, 1, 0.9)).isTrue();
        assertThat(p.report(1, 1, 0.9)).isFalse(); // bracket 1 has no rung at epoch 1
    }

    @Test
    void restoreReplaysJournaledCurves() {
        MedianPruner p = new MedianPruner(MIN, 1, 0);
        p.restore(new TrialRecord(0, java.util.Map.of(), TrialStatus.COMPLETE, 0.2, 3, 3, 0, 0, List.of(0.5, 0.3, 0.2), null));
        assertThat(p.report(1, 2, 0.9)).isTrue();
    }
}
