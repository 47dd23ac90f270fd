package dev.layerlab.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ParamDomain;
import dev.layerlab.experiment.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Strategies on synthetic objectives (no training): fast and deterministic. */
class StrategyTest {
    static final Objective MIN = new Objective("val_rmse", false);

    static ResolvedSpace space() {
        return ResolvedSpace.of(SearchSpace.of(Map.of()).with(SearchSpace.LEARNING_RATE, new ParamDomain.LogUniform(1e-5, 1))
                .with(SearchSpace.DROPOUT, new ParamDomain.Uniform(0, 1))
                .with(SearchSpace.OPTIMIZER, ParamDomain.Choice.of("adam", "sgd", "rmsprop", "nadam")), (Experiment) null);
    }

    /** Optimum at lr = 1e-3, dropout = 0.3, optimizer nadam. */
    static double objective(Map<String, Object> a) {
        double lr = Math.log10((Double) a.get(SearchSpace.LEARNING_RATE)) + 3;
        double d = (Double) a.get(SearchSpace.DROPOUT) - 0.3;
        double opt = "nadam".equals(a.get(SearchSpace.OPTIMIZER)) ? 0 : 0.5;
        return lr * lr / 4 + 4 * d * d + opt;
    }

    static double bestOf(Strategy s, int budget, ToDoubleFunction<Map<String, Object>> f) {
        List<TrialRecord> done = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int n = 0; n < budget; n++) {
            Map<String, Object> a = s.suggest(n, done);
            double v = f.applyAsDouble(a);
            best = Math.min(best, v);
            done.add(new TrialRecord(n, a, TrialStatus.COMPLETE, v, 1, 1, 0, 0, List.of(v), null));
        }
        return best;
    }

    @Test
    void tpeBeatsRandomOnAKnownFunctionInMostSeeds() {
        int wins = 0;
        int seeds = 12;
        for (long seed = 1; seed <= seeds; seed++) {
            double tpe = bestOf(new TpeStrategy(space(), MIN, seed, 10), 40, StrategyTest::objective);
            double random = bestOf(new RandomStrategy(space(), seed), 40, StrategyTest::objective);
            if (tpe < random) {
                wins++;
            }
        }
        assertThat(wins).as("TPE wins out of " + seeds).isGreaterThanOrEqualTo(9);
    }

    @Test
    void tpeMaximizesToo() {
        Objective max = new Objective("val_accuracy", true);
        // a maximizing TPE on -f must find large -f: check directly
        List<TrialRecord> done = new ArrayList<>();
        TpeStrategy s = new TpeStrategy(space(), max, 5, 8);
        double best = Double.NEGATIVE_INFINITY;
        for (int n = 0; n < 40; n++) {
            Map<String, Object> a = s.suggest(n, done);
            double v = -objective(a);
            best = Math.max(best, v);
            done.add(new TrialRecord(n, a, TrialStatus.COMPLETE, v, 1, 1, 0, 0, List.of(), null));
        }
        assertThat(best).isGreaterThan(-0.15);
    }

    @Test
    void randomIsReproduciblePerTrialNumber() {
        RandomStrategy a = new RandomStrategy(space(), 7);
        RandomStrategy b = new RandomStrategy(space(), 7);
        assertThat(a.suggest(5, List.of())).isEqualTo(b.suggest(5, List.of()));
        assertThat(a.suggest(5, List.of())).isNotEqualTo(a.suggest(6, List.of()));
        // TPE's startup trials are exactly random search's
        assertThat(new TpeStrategy(space(), MIN, 7, 5).suggest(3, List.of())).isEqualTo(a.suggest(3, List.of()));
    }

    @Test
    void tpeRespectsConditionalParameters() {
        ResolvedSpace r = ResolvedSpace.of(SearchSpace.defaults(), (Experiment) null);
        TpeStrategy s = new TpeStrategy(r, MIN, 3, 4);
        List<TrialRecord> done = new ArrayList<>();
        for (int n = 0; n < 25; n++) {
            Map<String, Object> a = s.suggest(n, done);
            int layers = (Integer) a.get(SearchSpace.HIDDEN_LAYERS);
            for (int l = 0; l < 3; l++) {
                assertThat(a.containsKey(SearchSpace.unitsName(l))).isEqualTo(l < layers);
            }
            double v = layers + Math.abs(Math.log10((Double) a.get(SearchSpace.LEARNING_RATE)) + 3);
            done.add(new TrialRecord(n, a, n % 5 == 4 ? TrialStatus.PRUNED : TrialStatus.COMPLETE, v, 1, 1, 0, 0, List.of(), null));
        }
    }
}
