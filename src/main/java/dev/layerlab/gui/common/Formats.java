package dev.layerlab.gui.common;

import java.time.Duration;
import java.util.Locale;

/** Number and duration formatting for labels. */
public final class Formats {
    private Formats() {
    }

    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** Four significant digits, switching to scientific notation for very large or small values. */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e6) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        if (a != 0 && (a >= 1e6 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.1f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** As {@link #num} but without decimals from 1,000 up: for tight table cells ("2,636 ± 2,182"). */
    public static String compact(double v) {
        double a = Math.abs(v);
        if (!Double.isNaN(v) && !Double.isInfinite(v) && a >= 1000 && a < 1e6) {
            return String.format(Locale.ROOT, "%,d", Math.round(v));
        }
        return num(v);
    }

    /** As {@link #num} without trailing zeros, for axis ticks: "0.8" and "1.5", not "0.8000" and "1.500". */
    public static String tick(double v) {
        String s = num(v);
        if (s.indexOf('.') < 0 || s.indexOf('e') >= 0) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
