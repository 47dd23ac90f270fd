package dev.layerlab.app;

import dev.layerlab.cli.LayerLabCommand;

/**
 * Entry point. Kept apart from any JavaFX {@code Application} subclass: launching such a class
 * straight from the class path fails with "JavaFX runtime components are missing".
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Before any ND4J class loads: pick the native build for this CPU, JavaCPP memory checks off.
        dev.layerlab.training.nd4j.NativeRuntime.selectBinary();
        System.exit(LayerLabCommand.run(args));
    }
}
