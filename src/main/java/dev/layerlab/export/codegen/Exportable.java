package dev.layerlab.export.codegen;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.ColumnSpec;
import dev.layerlab.data.Scaling;
import dev.layerlab.experiment.Experiment;
import java.util.Map;

/** What the generated code cannot reproduce yet, refused up front with one line rather than exported wrongly. */
final class Exportable {
    private Exportable() {
    }

    static void require(Experiment experiment) {
        requireTraining(experiment.training());
        if (experiment.network() != null && experiment.network().layers().stream()
                .anyMatch(l -> l instanceof dev.layerlab.model.DropoutLayer d && d.isAlpha())) {
            throw new InvalidInputException("code export does not support alpha dropout yet; use plain dropout to export");
        }
        if (experiment.data() != null && !experiment.data().ratiosOrEmpty().isEmpty()) {
            throw new InvalidInputException("code export does not support generated ratio inputs yet ('"
                    + experiment.data().ratiosOrEmpty().get(0).name() + "'); remove them to export");
        }
        if (experiment.data() != null && experiment.data().targetTransform() != null) {
            throw new InvalidInputException("code export does not support a log target yet; remove the target transform to export");
        }
        Map<String, ColumnSpec> columns = experiment.data() == null ? null : experiment.data().columns();
        if (columns != null) {
            for (Map.Entry<String, ColumnSpec> e : columns.entrySet()) {
                if (e.getValue() != null && e.getValue().scaling() == Scaling.QUANTILE) {
                    throw new InvalidInputException("code export does not support quantile scaling yet (column '"
                            + e.getKey() + "'); set it to standardize or minmax to export");
                }
            }
        }
    }

    /** Schedules, warm-up and weight decay the generated training loop does not have yet. */
    private static void requireTraining(dev.layerlab.training.TrainingSpec training) {
        if (training == null) {
            return;
        }
        dev.layerlab.training.OptimizerSpec o = training.optimizer();
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
}
