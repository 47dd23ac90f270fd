package dev.layerlab.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.training.EpochRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The epoch rules (over- and underfitting) on loss curves written out by hand. */
class HealthRulesTest {
    static List<HealthWarning> feed(double[] train, double[] val) {
        HealthRules rules = new HealthRules();
        List<HealthWarning> all = new ArrayList<>();
        for (int e = 0; e < train.length; e++) {
            all.addAll(rules.onEpoch(new EpochRecord(e + 1, train[e], val[e], Map.of(), Map.of(), 1e-3, e)));
        }
        return all;
    }

    @Test
    void validationRisingWhileTrainingFallsIsOverfitting() {
        List<HealthWarning> w = feed(new double[] {1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1},
                new double[] {1.0, 0.8, 0.7, 0.72, 0.75, 0.8, 0.9, 1.0});
        assertThat(w).extracting(HealthWarning::issue).containsExactly(HealthIssue.OVERFITTING);
        assertThat(w.get(0).epoch()).isEqualTo(7);
        assertThat(w.get(0).text()).contains("dropout");
    }

    @Test
    void aNoisyButImprovingValidationLossIsNotOverfitting() {
        List<HealthWarning> w = feed(new double[] {1.0, 0.8, 0.6, 0.5, 0.4, 0.35, 0.3, 0.28},
                new double[] {1.0, 0.8, 0.82, 0.7, 0.72, 0.65, 0.66, 0.6});
        assertThat(w).isEmpty();
    }

    @Test
    void aFlatTrainingLossIsUnderfitting() {
        List<HealthWarning> w = feed(new double[] {1.0, 0.99, 0.99, 0.985, 0.98, 0.98},
                new double[] {1.0, 1.0, 1.0, 1.0, 1.0, 1.0});
        assertThat(w).extracting(HealthWarning::issue).containsExactly(HealthIssue.UNDERFITTING);
    }
}
