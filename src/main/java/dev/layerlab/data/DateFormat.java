package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * The date and date-time spellings LayerLab recognises: ISO 8601 (2021-03-04, 2021-03-04T13:45[:00[.123]],
 * with an optional trailing Z or offset, which is dropped: the local time is what the features describe),
 * year/month/day with slashes, and day/month/year or month/day/year with '/', '-' or '.' and an optional
 * H:mm[:ss] time. Months and days may be written with or without a leading zero. Each constant also carries
 * the equivalent Python {@code strptime} format, so generated Keras code reads dates the same way.
 */
public enum DateFormat {
    @JsonProperty("iso") ISO("uuuu-M-d", "%Y-%m-%d", true),
    @JsonProperty("ymd_slash") YMD_SLASH("uuuu/M/d", "%Y/%m/%d", true),
    @JsonProperty("dmy_slash") DMY_SLASH("d/M/uuuu", "%d/%m/%Y", false),
    @JsonProperty("mdy_slash") MDY_SLASH("M/d/uuuu", "%m/%d/%Y", false),
    @JsonProperty("dmy_dash") DMY_DASH("d-M-uuuu", "%d-%m-%Y", false),
    @JsonProperty("mdy_dash") MDY_DASH("M-d-uuuu", "%m-%d-%Y", false),
    @JsonProperty("dmy_dot") DMY_DOT("d.M.uuuu", "%d.%m.%Y", false),
    @JsonProperty("mdy_dot") MDY_DOT("M.d.uuuu", "%m.%d.%Y", false);

    /** The java.time pattern of the date part. */
    public final String datePattern;
    /** The Python strptime format of the date part. */
    public final String pythonFormat;
    private final boolean isoTime;
    private final DateTimeFormatter date;

    DateFormat(String datePattern, String pythonFormat, boolean isoTime) {
        this.datePattern = datePattern;
        this.pythonFormat = pythonFormat;
        this.isoTime = isoTime;
        this.date = DateTimeFormatter.ofPattern(datePattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    /** Which forms to try, ambiguous pairs day-first before month-first (see {@link #detect}). */
    static final List<DateFormat> CANDIDATES = List.of(values());

    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.HOUR_OF_DAY, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
            .appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    /**
     * The value as a local date-time, or null when it is not a date in this form. A value may add a time after
     * a space (or 'T' for the ISO forms); a trailing 'Z' or +hh:mm offset is dropped.
     */
    public LocalDateTime parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.length() < 6 || s.length() > 40) {
            return null;
        }
        int cut = s.indexOf(' ');
        if (cut < 0 && isoTime) {
            cut = s.indexOf('T');
        }
        String datePart = cut < 0 ? s : s.substring(0, cut);
        try {
            LocalDate d = LocalDate.parse(datePart, date);
            if (cut < 0) {
                return d.atStartOfDay();
            }
            String timePart = stripZone(s.substring(cut + 1).strip());
            return d.atTime(LocalTime.parse(timePart, TIME));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String stripZone(String t) {
        if (t.endsWith("Z") || t.endsWith("z")) {
            return t.substring(0, t.length() - 1);
        }
        int sign = Math.max(t.lastIndexOf('+'), t.lastIndexOf('-'));
        return sign > 0 ? t.substring(0, sign) : t;
    }

    /**
     * The form every one of {@code samples} (non-missing text values) is written in, or null. When the values fit
     * both day-first and month-first (every day number is 12 or less), day-first wins, and
     * {@link #ambiguous(List)} says so.
     */
    static DateFormat detect(List<String> samples) {
        if (samples.isEmpty()) {
            return null;
        }
        for (DateFormat f : CANDIDATES) {
            boolean all = true;
            for (String s : samples) {
                if (f.parse(s) == null) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return f;
            }
        }
        return null;
    }

    /** True when this day-first form could also be read month-first for every sample. */
    boolean ambiguous(List<String> samples) {
        DateFormat other = switch (this) {
            case DMY_SLASH -> MDY_SLASH;
            case DMY_DASH -> MDY_DASH;
            case DMY_DOT -> MDY_DOT;
            default -> null;
        };
        if (other == null) {
            return false;
        }
        for (String s : samples) {
            if (other.parse(s) == null) {
                return false;
            }
        }
        return true;
    }

    /** Whether any sample has a time of day other than midnight (then the hour becomes a feature too). */
    boolean hasTime(List<String> samples) {
        for (String s : samples) {
            LocalDateTime t = parse(s);
            if (t != null && !t.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                return true;
            }
        }
        return false;
    }
}
