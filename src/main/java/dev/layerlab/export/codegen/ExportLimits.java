package dev.layerlab.export.codegen;

import dev.layerlab.InvalidInputException;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.training.GradientClipping;

/** What the generated code cannot reproduce, refused up front with one line rather than exported wrongly. */
final class ExportLimits {
    private ExportLimits() {
    }

    /** Settings no generated program reproduces (none at present). */
    static void require(Experiment experiment) {
        // every setting is exported by the DL4J class; the Keras script's limits are below
    }

    /**
     * Keras clips a gradient's norm per weight tensor (clipnorm) or over all of them (global_clipnorm), never per
     * layer as LayerLab (DL4J's ClipL2PerLayer) does: norm clipping would train differently, so it is refused.
     */
    static void requireKeras(Experiment experiment) {
        require(experiment);
        GradientClipping clipping = experiment.training() == null ? null : experiment.training().clipping();
        if (clipping != null && clipping.mode() == GradientClipping.Mode.NORM) {
            throw new InvalidInputException("the Keras script cannot clip gradients per layer as LayerLab does (--clip norm:"
                    + clipping.threshold() + "); export it with --lang dl4j, or clip by value (--clip value:X)");
        }
    }
}
