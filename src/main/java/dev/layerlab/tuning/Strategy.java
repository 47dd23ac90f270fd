package dev.layerlab.tuning;

import java.util.List;
import java.util.Map;

/** Proposes the values of the next trial from the finished ones. Called from one thread at a time. */
public interface Strategy {

    /**
     * @param number   the trial's number (0-based; a resumed study asks again for numbers it lost)
     * @param finished the trials finished so far, in any order
     * @return the values to try, or null when the strategy has nothing left to propose
     */
    Map<String, Object> suggest(int number, List<TrialRecord> finished);

    /** How many trials this strategy will run when asked for {@code requested} (a grid stops at its size). */
    default int plannedTrials(int requested) {
        return requested;
    }
}
