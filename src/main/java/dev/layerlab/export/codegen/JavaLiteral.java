package dev.layerlab.export.codegen;

/** Java literals for generated DL4J classes: strings and chars escaped to ASCII. */
final class JavaLiteral {
    private JavaLiteral() {
    }

    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static String chr(char c) {
        return c == '\'' || c == '\\' ? "'\\" + c + "'" : c < 0x20 || c > 0x7e ? String.format("'\\u%04x'", (int) c) : "'" + c + "'";
    }
}
