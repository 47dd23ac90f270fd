package dev.layerlab.export.bundles;

/** A class a crafted bundle names: its static initializer records that it ran. */
public final class EvilLayer {
    static {
        Flags.EVIL_LAYER_INITIALISED = true;
    }
}
