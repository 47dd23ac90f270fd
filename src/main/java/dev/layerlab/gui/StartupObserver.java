package dev.layerlab.gui;

import javafx.stage.Stage;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches the workbench come up: a milestone at each step, then the shown window. An extension point for tools
 * outside the application (the benchmark's start-up probe); the workbench itself needs none.
 * {@code -Dlayerlab.startupObserver=<class name>} names one (a public class with a no-argument constructor).
 */
public interface StartupObserver {
    String PROPERTY = "layerlab.startupObserver";

    StartupObserver NONE = what -> { };

    /** Start-up reached {@code what} (any thread; must be cheap). */
    void milestone(String what);

    /** The window is shown (FX thread). */
    default void windowShown(Stage stage, WorkbenchViewModel viewModel) {
    }

    /** The observer named by {@value #PROPERTY}, or {@link #NONE} (logging why when it cannot be made). */
    static StartupObserver fromSystemProperty() {
        String name = System.getProperty(PROPERTY);
        if (name == null || name.isBlank()) {
            return NONE;
        }
        try {
            return (StartupObserver) Class.forName(name.strip()).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            Logger.getLogger(StartupObserver.class.getName()).log(Level.WARNING,
                    "start-up observer " + name + " not used: " + e, e);
            return NONE;
        }
    }
}
