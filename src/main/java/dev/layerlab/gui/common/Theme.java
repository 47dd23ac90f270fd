package dev.layerlab.gui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

import java.util.prefs.Preferences;

/** Light / dark AtlantaFX themes, remembered between sessions. */
public final class Theme {
    private static final Preferences PREFS = Preferences.userRoot().node("dev/layerlab/gui");

    private Theme() {
    }

    public static boolean savedDark() {
        return PREFS.getBoolean("darkTheme", false);
    }

    public static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        PREFS.putBoolean("darkTheme", dark);
    }
}
