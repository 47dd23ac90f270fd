package dev.layerlab.export.codegen;

/** Python literals and identifiers for generated Keras scripts. */
final class PythonLiteral {
    private PythonLiteral() {
    }

    static String str(String s) {
        if (s == null) {
            return "None";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> b.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v) + ".0";
        }
        return Double.toString(v).replace("E", "e");
    }

    static String identifier(String name) {
        String id = name.replaceAll("[^A-Za-z0-9_]", "_");
        return id.isEmpty() || Character.isDigit(id.charAt(0)) ? "model_" + id : id;
    }
}
