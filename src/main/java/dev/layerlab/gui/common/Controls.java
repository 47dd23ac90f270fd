package dev.layerlab.gui.common;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/** The workbench's common controls, made one way on every screen: an icon button with a tooltip, a tooltip. */
public final class Controls {
    private Controls() {
    }

    public static Button button(String text, String icon, String tip, Runnable action) {
        Button b = new Button(text, Icons.glyph(icon));
        b.setTooltip(tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    public static Tooltip tooltip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(380);
        t.setShowDelay(Duration.millis(350));
        t.setShowDuration(Duration.seconds(30));
        return t;
    }
}
