package dev.layerlab.export.bundles;

/** Set by the crafted classes' static initializers (a separate class, so reading a flag loads neither). */
public final class Flags {
    public static volatile boolean EVIL_LAYER_INITIALISED;
    public static volatile boolean CONTROL_LAYER_INITIALISED;

    private Flags() {
    }
}
