package dev.layerlab.model;

import java.util.Locale;

/** Shared lenient parsing of the lower-case JSON names used by the model enums. */
final class JsonNames {
    private JsonNames() {
    }

    static String jsonName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Accepts "he_normal", "HE_NORMAL" and "he-normal" alike (hand-written JSON); null stays null. */
    static String normalize(String text) {
        if (text == null) {
            return null;
        }
        return text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }

    static IllegalArgumentException unknown(String what, String text, Enum<?>[] values) {
        StringBuilder known = new StringBuilder();
        for (Enum<?> v : values) {
            if (known.length() > 0) {
                known.append(", ");
            }
            known.append(jsonName(v));
        }
        return new IllegalArgumentException("unknown " + what + " '" + text + "': expected one of " + known);
    }
}
