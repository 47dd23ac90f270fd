package dev.layerlab;

import dev.layerlab.cli.LayerLabCommand;

/**
 * Entry point. Kept apart from any JavaFX {@code Application} subclass: launching such a class
 * straight from the class path fails with "JavaFX runtime components are missing".
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(LayerLabCommand.run(args));
    }
}
