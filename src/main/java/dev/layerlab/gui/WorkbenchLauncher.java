package dev.layerlab.gui;

import dev.layerlab.RuntimeOptions;
import javafx.application.Application;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the workbench window. A plain class (not the {@link Application}) so that launching from the
 * class path works; the CLI calls {@link #launch(Path)} when run without a command.
 */
public final class WorkbenchLauncher {
    private static volatile StartupObserver observer = StartupObserver.NONE;

    private WorkbenchLauncher() {
    }

    /** The observer of this start-up (see {@link StartupObserver}). */
    static StartupObserver observer() {
        return observer;
    }

    /**
     * Opens the window and blocks until it closes. {@code initialCsvOrNull} is the CSV to open; without
     * one the California-housing sample is opened (if it is found under {@code -Dlayerlab.home}).
     */
    public static void launch(Path initialCsvOrNull) {
        observer = StartupObserver.fromSystemProperty();
        observer.milestone("launch");
        Path csv = initialCsvOrNull != null ? initialCsvOrNull : defaultSample();
        if (csv != null) {
            dev.layerlab.gui.data.CsvPreload.start(csv); // read while the toolkit starts and the window is built
        }
        String[] args = csv == null ? new String[0] : new String[] {csv.toAbsolutePath().toString()};
        Application.launch(WorkbenchApp.class, args);
    }

    /** The bundled sample, or null if it is not there. */
    public static Path defaultSample() {
        Path home = RuntimeOptions.current().home();
        Path sample = home.resolve("sample-data").resolve("california_housing.csv");
        return Files.isRegularFile(sample) ? sample : null;
    }

    /** For running the window on its own during development: {@code java ... WorkbenchLauncher [csv]}. */
    public static void main(String[] args) {
        launch(args.length > 0 ? Path.of(args[0]) : null);
    }
}
