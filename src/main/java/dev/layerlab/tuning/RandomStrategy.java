package dev.layerlab.tuning;

import dev.layerlab.experiment.SearchSpace;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Independent uniform draws; trial n always gets the same values for the same seed (so resuming repeats it). */
public final class RandomStrategy implements Strategy {
    private final ResolvedSpace space;
    private final long seed;

    public RandomStrategy(ResolvedSpace space, long seed) {
        this.space = space;
        this.seed = seed;
    }

    static SplittableRandom randomFor(long seed, int number) {
        // two rounds of SplittableRandom's mixing, so neighbouring trial numbers get unrelated streams
        return new SplittableRandom(new SplittableRandom(seed * 1_000_003L + number).nextLong());
    }

    @Override
    public Map<String, Object> suggest(int number, List<TrialRecord> finished) {
        return space.sample(randomFor(seed, number));
    }
}
