package dev.layerlab.data;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The calendar features a date column becomes (instead of one one-hot input per distinct date): the year with
 * its fraction (2021.5 = early July 2021), standardized on the training rows, so a trend across years is one
 * input; then month, day of week and day of year as sin/cos pairs, so December sits next to January and Sunday
 * next to Monday; and the hour of day as a sin/cos pair when the values have times. 7 inputs, 9 with the hour.
 */
public final class DateFeatures {
    private static final double TWO_PI = 2 * Math.PI;

    private DateFeatures() {
    }

    static int width(boolean hour) {
        return hour ? 9 : 7;
    }

    /** Feature names, in order, e.g. {@code date:year}, {@code date:month_sin}. */
    static List<String> names(String column, boolean hour) {
        List<String> names = new ArrayList<>(List.of("year", "month_sin", "month_cos", "weekday_sin", "weekday_cos",
                "yearday_sin", "yearday_cos"));
        if (hour) {
            names.add("hour_sin");
            names.add("hour_cos");
        }
        return names.stream().map(n -> column + ":" + n).toList();
    }

    /** The year with its fraction: 2021-01-01 is 2021.0, 2021-07-02 about 2021.5. */
    public static double fractionalYear(LocalDateTime t) {
        int days = t.toLocalDate().lengthOfYear();
        double day = t.getDayOfYear() - 1 + (t.getHour() * 60 + t.getMinute()) / 1440.0;
        return t.getYear() + day / days;
    }

    /**
     * Writes the features of {@code t} (null = missing: mean year, zero pairs) at {@code out[at ...]}; the year is
     * standardized with {@code center} and {@code scale}.
     */
    static void write(LocalDateTime t, boolean hour, double center, double scale, float[] out, int at) {
        if (t == null) {
            java.util.Arrays.fill(out, at, at + width(hour), 0f);
            return;
        }
        out[at] = (float) ((fractionalYear(t) - center) / scale);
        pair(out, at + 1, (t.getMonthValue() - 1) / 12.0);
        pair(out, at + 3, (t.getDayOfWeek().getValue() - 1) / 7.0);
        pair(out, at + 5, (t.getDayOfYear() - 1) / 365.25);
        if (hour) {
            pair(out, at + 7, (t.getHour() + t.getMinute() / 60.0) / 24.0);
        }
    }

    private static void pair(float[] out, int at, double turns) {
        out[at] = (float) Math.sin(TWO_PI * turns);
        out[at + 1] = (float) Math.cos(TWO_PI * turns);
    }
}
