package dev.layerlab.data;

/** Fast, allocation-free number parsing for the hot loading loop; NaN means "not a number". */
final class NumberParsing {

    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private NumberParsing() {
    }

    /** Empty cells and the usual spellings of "no value" (NA, N/A, NaN, null, ?), case-insensitive. */
    static boolean isMissingToken(String s) {
        int n = s.length();
        if (n == 0) {
            return true;
        }
        if (n > 4) {
            return false;
        }
        return s.equalsIgnoreCase("na") || s.equalsIgnoreCase("n/a") || s.equalsIgnoreCase("nan")
                || s.equalsIgnoreCase("null") || s.equals("?");
    }

    /**
     * Parses plain decimal notation ({@code -12}, {@code 3.5}, {@code .5}, {@code 1e-3}); anything else,
     * including infinities and hex, gives NaN. Common cases avoid {@link Double#parseDouble} (which is slow
     * and throws on text) by building the value from a long mantissa and an exact power of ten.
     */
    static double parse(String s) {
        return parse(s, 0, s.length());
    }

    /** As {@link #parse(String)} over {@code a[from, to)}; reads the string in place (no copy per cell). */
    static double parse(String a, int from, int to) {
        int n = to;
        if (from >= to) {
            return Double.NaN;
        }
        int i = from;
        boolean negative = false;
        char c = a.charAt(from);
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int scale = 0;
        boolean anyDigit = false;
        while (i < n) {
            c = a.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            if (significant < 18) {
                mantissa = mantissa * 10 + (c - '0');
                if (mantissa != 0) {
                    significant++;
                }
            } else {
                scale++;
            }
            anyDigit = true;
            i++;
        }
        if (i < n && a.charAt(i) == '.') {
            i++;
            while (i < n) {
                c = a.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                if (significant < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    if (mantissa != 0) {
                        significant++;
                    }
                    scale--;
                }
                anyDigit = true;
                i++;
            }
        }
        if (!anyDigit) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < n && (a.charAt(i) == 'e' || a.charAt(i) == 'E')) {
            i++;
            boolean negExp = false;
            if (i < n && (a.charAt(i) == '-' || a.charAt(i) == '+')) {
                negExp = a.charAt(i) == '-';
                i++;
            }
            int expDigits = 0;
            while (i < n && a.charAt(i) >= '0' && a.charAt(i) <= '9') {
                if (exponent < 10_000) {
                    exponent = exponent * 10 + (a.charAt(i) - '0');
                }
                expDigits++;
                i++;
            }
            if (expDigits == 0) {
                return Double.NaN;
            }
            if (negExp) {
                exponent = -exponent;
            }
        }
        if (i != n) {
            return Double.NaN;
        }
        double value = exact(mantissa, scale + exponent);
        if (Double.isNaN(value)) {
            try {
                value = Math.abs(Double.parseDouble(a.substring(from, to)));
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return negative ? -value : value;
    }

    /**
     * {@code mantissa * 10^e10} when both fit a double exactly (so the result is the correctly rounded value),
     * else NaN: then the caller asks {@link Double#parseDouble}. Shared by the String and byte readers, whose
     * scanning loops stay separate because they sit in the loading loop's innermost path.
     */
    private static double exact(long mantissa, int e10) {
        if (e10 == 0) {
            return mantissa;
        }
        if (mantissa < (1L << 53) && e10 < 0 && e10 >= -22) {
            return mantissa / POW10[-e10];
        }
        if (mantissa < (1L << 53) && e10 > 0 && e10 <= 22) {
            return mantissa * POW10[e10];
        }
        return Double.NaN;
    }

    /** As {@link #parse(String, int, int)} over ASCII bytes {@code a[from, to)} (the plain-CSV loader's cells, no String made). */
    static double parse(byte[] a, int from, int to) {
        int n = to;
        if (from >= to) {
            return Double.NaN;
        }
        int i = from;
        boolean negative = false;
        char c = (char) a[from];
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int scale = 0;
        boolean anyDigit = false;
        while (i < n) {
            c = (char) a[i];
            if (c < '0' || c > '9') {
                break;
            }
            if (significant < 18) {
                mantissa = mantissa * 10 + (c - '0');
                if (mantissa != 0) {
                    significant++;
                }
            } else {
                scale++;
            }
            anyDigit = true;
            i++;
        }
        if (i < n && (char) a[i] == '.') {
            i++;
            while (i < n) {
                c = (char) a[i];
                if (c < '0' || c > '9') {
                    break;
                }
                if (significant < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    if (mantissa != 0) {
                        significant++;
                    }
                    scale--;
                }
                anyDigit = true;
                i++;
            }
        }
        if (!anyDigit) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < n && ((char) a[i] == 'e' || (char) a[i] == 'E')) {
            i++;
            boolean negExp = false;
            if (i < n && ((char) a[i] == '-' || (char) a[i] == '+')) {
                negExp = (char) a[i] == '-';
                i++;
            }
            int expDigits = 0;
            while (i < n && (char) a[i] >= '0' && (char) a[i] <= '9') {
                if (exponent < 10_000) {
                    exponent = exponent * 10 + ((char) a[i] - '0');
                }
                expDigits++;
                i++;
            }
            if (expDigits == 0) {
                return Double.NaN;
            }
            if (negExp) {
                exponent = -exponent;
            }
        }
        if (i != n) {
            return Double.NaN;
        }
        double value = exact(mantissa, scale + exponent);
        if (Double.isNaN(value)) {
            try {
                value = Math.abs(Double.parseDouble(PlainCsvReader.text(a, from, to)));
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return negative ? -value : value;
    }
}
