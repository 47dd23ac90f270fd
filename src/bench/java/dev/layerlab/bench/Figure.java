package dev.layerlab.bench;

import java.util.Locale;

/**
 * One benchmark figure: a value, and (when it has one) the reference it is compared with, measured in the
 * same run. {@code ratio} is value / reference for rates ("x times faster"), as stated in {@code note}.
 *
 * @param value NaN when the figure was skipped (the note says why)
 */
public record Figure(String name, double value, String unit, String reference, double referenceValue, double ratio,
                     String target, String note) {

    public static Figure skipped(String name, String why) {
        return new Figure(name, Double.NaN, "", "", Double.NaN, Double.NaN, "", why);
    }

    public boolean isSkipped() {
        return Double.isNaN(value);
    }

    /** The console line: name, value, unit, ratio against the reference. */
    public String line() {
        if (isSkipped()) {
            return String.format(Locale.ROOT, "%-34s skipped: %s", name, note);
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-34s %12s %-10s", name, number(value), unit));
        if (!Double.isNaN(ratio)) {
            b.append(String.format(Locale.ROOT, "  %6.2fx vs %s (%s)", ratio, reference, number(referenceValue)));
        }
        if (!target.isEmpty()) {
            b.append("  target ").append(target);
        }
        if (!note.isEmpty()) {
            b.append("  [").append(note).append(']');
        }
        return b.toString();
    }

    public static final String CSV_HEADER = "name,value,unit,reference,reference_value,ratio,target,note";

    public String csvRow() {
        return String.join(",", quote(name), isSkipped() ? "" : number(value), quote(unit), quote(reference),
                Double.isNaN(referenceValue) ? "" : number(referenceValue), Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.3f", ratio),
                quote(target), quote(note));
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String quote(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
