package dev.layerlab.gui.model;

import dev.layerlab.gui.common.Controls;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/** The Model screen's small form pieces, shared by the layer sheet and the training settings. */
final class Fields {
    /** A field whose text is not a valid value. */
    static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    private Fields() {
    }

    static Label label(String text, String tip) {
        Label l = new Label(text);
        if (tip != null) {
            l.setTooltip(Controls.tooltip(tip));
        }
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }


    static <E extends Enum<E>> StringConverter<E> jsonNames() {
        return new StringConverter<>() {
            @Override
            public String toString(E e) {
                return e == null ? "auto" : e.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public E fromString(String s) {
                return null;
            }
        };
    }
}
