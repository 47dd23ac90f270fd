package dev.layerlab.export.bundles;

/** The same as {@link EvilLayer}, handed to DL4J directly to show the test can detect a class being loaded. */
public final class ControlLayer {
    static {
        Flags.CONTROL_LAYER_INITIALISED = true;
    }
}
