package dev.layerlab.cli;

import dev.layerlab.RuntimeOptions;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the workbench without the CLI depending on JavaFX classes at compile time, so headless
 * commands never load the toolkit.
 */
final class GuiBridge {
    private GuiBridge() {
    }

    /** @param csv a file to open, or null for the bundled sample */
    static void openWorkbench(Path csv) {
        Path home = RuntimeOptions.current().home();
        Path sample = csv != null ? csv.toAbsolutePath() : home.resolve("sample-data").resolve("california_housing.csv");
        try {
            Class<?> launcher = Class.forName("dev.layerlab.gui.WorkbenchLauncher");
            Method launch = launcher.getMethod("launch", Path.class);
            launch.invoke(null, Files.exists(sample) ? sample : null);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            System.out.println("The workbench is not part of this build; run 'layerlab --help' for the commands.");
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("could not open the workbench: " + cause.getMessage(), cause);
        }
    }
}
