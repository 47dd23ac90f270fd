package dev.layerlab.tuning;

import dev.layerlab.experiment.SearchSpace;
import java.util.List;
import java.util.Map;

/** Every grid point in order (continuous ranges cut into the space's grid points); stops when the grid is done. */
public final class GridStrategy implements Strategy {
    private final List<Map<String, Object>> grid;

    public GridStrategy(ResolvedSpace space) {
        long size = space.gridSize();
        if (size > 1_000_000) {
            throw new dev.layerlab.InvalidInputException("the grid has " + size
                    + " points: fix some parameters, use fewer grid points, or use random or bayes search");
        }
        this.grid = space.grid();
    }

    public int size() {
        return grid.size();
    }

    @Override
    public Map<String, Object> suggest(int number, List<TrialRecord> finished) {
        return number < grid.size() ? grid.get(number) : null;
    }

    @Override
    public int plannedTrials(int requested) {
        return requested <= 0 ? grid.size() : Math.min(requested, grid.size());
    }
}
