package dev.layerlab.export.codegen;

import dev.layerlab.experiment.Experiment;

/**
 * What the generated code cannot reproduce yet, refused up front with one line rather than exported wrongly.
 * Everything an experiment can set is exported today: this is where a new setting the generators do not write
 * yet is refused until they do.
 */
final class ExportLimits {
    private ExportLimits() {
    }

    static void require(Experiment experiment) {
        // nothing is refused at present
    }
}
