package dev.layerlab.export.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layerlab.InvalidInputException;
import dev.layerlab.data.ColumnKind;
import dev.layerlab.data.FittedPreprocessing;
import dev.layerlab.data.Table;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns the JSON rows of a request into a {@link Table} with the model's input columns, read the way
 * {@code layerlab predict} reads a CSV: a field's text goes through the same cell parsing (numbers, missing
 * tokens), and each column keeps its training kind.
 *
 * <p>Rules: every input column must be present as a field (a missing field is an error naming it); a JSON
 * {@code null} (or "", "NA", ...) is a missing value, filled the way training filled it; numbers and strings
 * are accepted for any column (a numeric column refuses text that is not a number); booleans only for
 * categorical columns; objects and arrays never. Unknown fields are ignored and listed back to the caller;
 * the target columns (the main one, and those other outputs predict) are ignored silently.
 */
final class RowDecoder {
    /** The decoded rows and the names of the fields that were ignored. */
    record Decoded(Table table, boolean single, List<String> ignoredFields) {
    }

    private final FittedPreprocessing prep;
    private final List<String> inputs;
    private final Map<String, ColumnKind> kinds;
    /** The columns the model predicts: present in a request, they are ignored without a note. */
    private final List<String> targets;

    RowDecoder(FittedPreprocessing prep) {
        this.prep = prep;
        this.inputs = prep.rawInputColumns();
        this.kinds = prep.inputKinds();
        this.targets = prep.labelColumns();
    }

    Decoded decode(JsonNode body) {
        List<JsonNode> rows = new ArrayList<>();
        boolean single = body != null && body.isObject();
        if (single) {
            rows.add(body);
        } else if (body != null && body.isArray()) {
            body.forEach(rows::add);
            if (rows.isEmpty()) {
                throw new InvalidInputException("the request has no rows: send one JSON object or a non-empty array of them");
            }
        } else {
            throw new InvalidInputException("the body must be a JSON object (one row) or an array of objects, keyed by column name");
        }
        TreeSet<String> ignored = new TreeSet<>();
        List<String[]> cells = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            String where = single ? "" : "row " + (r + 1) + ": ";
            if (!row.isObject()) {
                throw new InvalidInputException(where + "expected a JSON object keyed by column name, got " + row.getNodeType().name().toLowerCase());
            }
            String[] values = new String[inputs.size()];
            for (int c = 0; c < inputs.size(); c++) {
                String name = inputs.get(c);
                JsonNode value = row.get(name);
                if (value == null) {
                    throw new InvalidInputException(where + "missing field '" + name + "' (the model needs: "
                            + String.join(", ", inputs) + ")");
                }
                values[c] = text(value, name, kinds.get(name), where);
            }
            Iterator<String> fields = row.fieldNames();
            while (fields.hasNext()) {
                String field = fields.next();
                if (!kinds.containsKey(field) && !targets.contains(field)) {
                    ignored.add(field);
                }
            }
            cells.add(values);
        }
        Table table;
        try {
            table = Table.fromRows(inputs, cells, kinds);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(single ? e.getMessage().replaceFirst(" but row 1 has", " but got") : e.getMessage());
        }
        return new Decoded(table, single, List.copyOf(ignored));
    }

    private static String text(JsonNode value, String name, ColumnKind kind, String where) {
        if (value.isNull()) {
            return "";
        }
        if (value.isNumber()) {
            // Range first, on the parsed value: a plain-digit expansion of 1e-999999999 would be a billion digits.
            java.math.BigDecimal number = value.decimalValue();
            if (!inFloatRange(number)) {
                throw new InvalidInputException(where + "field '" + name + "' is out of range: " + abbreviate(value.toString())
                        + " (the model computes in 32-bit floats, about +-3.4e38, smallest 1.4e-45)");
            }
            return value.isIntegralNumber() ? value.bigIntegerValue().toString() : number.toPlainString();
        }
        if (value.isTextual()) {
            String text = value.textValue();
            if (kind == ColumnKind.NUMERIC && outOfFloatRange(text)) {
                throw new InvalidInputException(where + "field '" + name + "' is out of range: " + abbreviate(text)
                        + " (the model computes in 32-bit floats, about +-3.4e38)");
            }
            return text;
        }
        if (value.isBoolean() && kind == ColumnKind.CATEGORICAL) {
            return value.asText();
        }
        throw new InvalidInputException(where + "field '" + name + "' must be "
                + (kind == ColumnKind.NUMERIC ? "a number" : "a string") + ", got " + value.getNodeType().name().toLowerCase()
                + " " + abbreviate(value.toString()));
    }

    /** Zero, or a magnitude a float holds without overflowing to infinity or underflowing to zero. */
    static boolean inFloatRange(java.math.BigDecimal number) {
        if (number.signum() == 0) {
            return true;
        }
        // The decimal exponent (precision - scale - 1) bounds the magnitude without expanding it.
        long exponent = (long) number.precision() - number.scale() - 1;
        if (exponent > 39 || exponent < -46) {
            return false;
        }
        double magnitude = Math.abs(number.doubleValue());
        return magnitude <= Float.MAX_VALUE && magnitude >= Float.MIN_VALUE;
    }

    /** A numeric cell's text that parses as a number beyond float range (text that is no number is left to the table). */
    private static boolean outOfFloatRange(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 64) {
            return false;
        }
        try {
            return !inFloatRange(new java.math.BigDecimal(t));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
