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
}
