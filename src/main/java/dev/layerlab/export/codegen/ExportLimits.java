package dev.layerlab.export.codegen;

import dev.layerlab.InvalidInputException;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.training.OptimizerSpec;

/**
 * What the generated code cannot reproduce yet (the newer training and data settings), refused up front with one
 * line rather than exported wrongly.
 */
final class ExportLimits {
    private ExportLimits() {
    }

    static void require(Experiment experiment) {
        if (experiment.training() != null) {
            OptimizerSpec o = experiment.training().optimizer();
            switch (o.schedule()) {
                case COSINE, ONE_CYCLE, PLATEAU -> throw new InvalidInputException("code export does not support the "
                        + o.schedule().id() + " learning-rate schedule yet; set it to constant, step or exponential to export");
                default -> { }
            }
            if (o.warmupOrZero() > 0) {
                throw new InvalidInputException("code export does not support learning-rate warm-up yet; set warm-up to 0 to export");
            }
            if (o.weightDecayOrZero() > 0) {
                throw new InvalidInputException("code export does not support decoupled weight decay yet; set it to 0 to export");
            }
        }
        if (experiment.network() != null && experiment.network().layers().stream()
                .anyMatch(l -> l instanceof DropoutLayer d && d.isAlpha())) {
            throw new InvalidInputException("code export does not support alpha dropout yet; use plain dropout to export");
        }
        if (experiment.data() != null && !experiment.data().ratiosOrEmpty().isEmpty()) {
            throw new InvalidInputException("code export does not support generated ratio inputs yet ('"
                    + experiment.data().ratiosOrEmpty().get(0).name() + "'); remove them to export");
        }
        if (experiment.data() != null && !experiment.data().rotationsOrEmpty().isEmpty()) {
            throw new InvalidInputException("code export does not support rotated coordinates yet ('"
                    + experiment.data().rotationsOrEmpty().get(0).names().get(0) + "'); remove them to export");
        }
        if (experiment.data() != null && experiment.data().columns() != null) {
            experiment.data().columns().forEach((column, setting) -> {
                if (setting != null && Boolean.TRUE.equals(setting.zeroIndicator()) && setting.role() != dev.layerlab.data.Role.IGNORE) {
                    throw new InvalidInputException("code export does not compute the 'is 0' input yet (column '" + column
                            + "'); turn it off (--no-zero-indicator " + column + ", \"zeroIndicator\": false) to export");
                }
            });
        }
        if (experiment.data() != null && experiment.data().targetTransform() != null) {
            throw new InvalidInputException("code export does not support a log target yet; remove the target transform to export");
        }
    }
}
