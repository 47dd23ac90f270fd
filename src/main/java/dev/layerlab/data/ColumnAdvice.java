package dev.layerlab.data;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * What a careful analyst would do with a loaded column by default, and why, in plain words: dates become calendar
 * features; two-valued columns are binary; identifiers (a running integer index, or nearly every value
 * different), and long multi-word free text are ignored. The user can override every one of these per column.
 *
 * @param kind       what the column holds as shown to the user: numeric, categorical, binary, date, text or id
 * @param role       the default role: FEATURE, or IGNORE for identifiers and free text
 * @param reason     why (plain words), or null when nothing needs explaining
 * @param dateFormat for dates: how they are written
 * @param range      for dates: the first and last date, e.g. "2012-01-01 .. 2015-12-31"
 */
public record ColumnAdvice(String kind, Role role, String reason, DateFormat dateFormat, String range) {

    /** A text column is free text when its values average at least this many words ... */
    static final double TEXT_WORDS = 4;
    /** ... and an identifier when at least this share of its present values are different. */
    static final double ID_DISTINCT_SHARE = 0.9;
    /** Fewer present values than this and no column is called an identifier (too little to tell). */
    static final int MIN_ROWS = 20;
    /** Distinct text values sampled to recognise a date format. */
    static final int DATE_SAMPLES = 200;

    public static ColumnAdvice of(Column c) {
        int present = c.size() - c.missingCount();
        if (present == 0) {
            return new ColumnAdvice("empty", Role.IGNORE, "no values at all", null, null);
        }
        return c instanceof NumericColumn n ? numeric(n, present) : categorical((CategoricalColumn) c, present);
    }

    private static ColumnAdvice numeric(NumericColumn n, int present) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        boolean whole = true;
        float first = Float.NaN;
        boolean twoValued = true;
        float second = Float.NaN;
        for (int i = 0; i < n.size(); i++) {
            float v = n.value(i);
            if (Float.isNaN(v)) {
                continue;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            whole &= v == Math.rint(v);
            if (Float.isNaN(first) || v == first) {
                first = v;
            } else if (Float.isNaN(second) || v == second) {
                second = v;
            } else {
                twoValued = false;
            }
        }
        if (twoValued && !Float.isNaN(second)) {
            return new ColumnAdvice("binary", Role.FEATURE, null, null, null);
        }
        if (whole && present >= MIN_ROWS && (double) max - min + 1 == present && isPermutationOfRange(n, min, present)) {
            return new ColumnAdvice("id", Role.IGNORE, String.format(Locale.ROOT,
                    "running integer index (%s to %s, each once): an identifier, ignored",
                    NumericColumn.format(min), NumericColumn.format(max)), null, null);
        }
        return new ColumnAdvice("numeric", Role.FEATURE, null, null, null);
    }

    private static boolean isPermutationOfRange(NumericColumn n, float min, int present) {
        BitSet seen = new BitSet(present);
        for (int i = 0; i < n.size(); i++) {
            float v = n.value(i);
            if (!Float.isNaN(v)) {
                int at = (int) (v - min);
                if (seen.get(at)) {
                    return false;
                }
                seen.set(at);
            }
        }
        return true;
    }

    private static ColumnAdvice categorical(CategoricalColumn c, int present) {
        int[] counts = new int[c.levels().size()];
        for (int i = 0; i < c.size(); i++) {
            if (c.code(i) >= 0) {
                counts[c.code(i)]++;
            }
        }
        List<String> used = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                used.add(c.levels().get(i));
            }
        }
        int distinct = used.size();
        List<String> sample = used.subList(0, Math.min(DATE_SAMPLES, distinct));
        DateFormat date = DateFormat.detect(sample);
        if (date != null) {
            LocalDateTime lo = null;
            LocalDateTime hi = null;
            int unreadable = 0;
            for (String v : used) {
                LocalDateTime t = date.parse(v);
                if (t == null) {
                    unreadable++;
                    continue;
                }
                lo = lo == null || t.isBefore(lo) ? t : lo;
                hi = hi == null || t.isAfter(hi) ? t : hi;
            }
            if (unreadable <= InvalidNumbers.THRESHOLD * distinct) {
                boolean time = date.hasTime(sample);
                String range = text(lo, time) + " .. " + text(hi, time);
                String reason = "dates (" + date.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + (date.ambiguous(sample) ? "; every day is 12 or less, so read day-first" : "")
                        + "): calendar features (year, month, weekday, day of year" + (time ? ", hour" : "") + ")";
                return new ColumnAdvice("date", Role.FEATURE, reason, date, range);
            }
        }
        if (distinct == 2) {
            return new ColumnAdvice("binary", Role.FEATURE, null, null, null);
        }
        double words = 0;
        for (String v : sample) {
            words += v.strip().split("\\s+").length;
        }
        words /= Math.max(1, sample.size());
        if (present >= MIN_ROWS && words >= TEXT_WORDS && distinct >= 0.5 * present) {
            return new ColumnAdvice("text", Role.IGNORE, String.format(Locale.ROOT,
                    "free text (about %.0f words per value, %d different values): not used, ignored", words, distinct),
                    null, null);
        }
        if (present >= MIN_ROWS && distinct >= ID_DISTINCT_SHARE * present) {
            return new ColumnAdvice("id", Role.IGNORE, String.format(Locale.ROOT,
                    "nearly every value is different (%d of %d): looks like an identifier, ignored", distinct, present),
                    null, null);
        }
        return new ColumnAdvice("categorical", Role.FEATURE, null, null, null);
    }

    private static String text(LocalDateTime t, boolean time) {
        if (t == null) {
            return "?";
        }
        return time ? t.toLocalDate() + " " + t.toLocalTime() : t.toLocalDate().toString();
    }
}
