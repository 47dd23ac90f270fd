package dev.layerlab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Guesses a CSV file's {@link CsvFormat} from its first 64 KB: delimiter (comma, semicolon, tab, pipe), header
 * presence, BOM. Line endings need no detection: the loader accepts CRLF, LF and CR, mixed. The quote is
 * always {@code "}; every guess can be overridden with the {@code with...} methods of {@link CsvFormat}.
 */
public final class CsvSniffer {

    private static final char[] CANDIDATE_DELIMITERS = {',', ';', '\t', '|'};
    private static final int MAX_SAMPLE_RECORDS = 100;

    private CsvSniffer() {
    }

    /** @throws dev.layerlab.InvalidInputException for missing, unreadable, empty or binary files */
    public static CsvFormat detect(Path csv) {
        byte[] head = FileChecks.readCheckedHead(csv);
        boolean bom = FileChecks.hasBom(head);
        String text = FileChecks.decodeSample(head);
        if (head.length == FileChecks.SAMPLE_BYTES) {
            // The sample may end mid-record: drop the incomplete last line so it does not look ragged.
            int lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
            if (lastBreak > 0) {
                text = text.substring(0, lastBreak);
            }
        }
        char quote = '"';
        char delimiter = detectDelimiter(text, quote);
        List<List<String>> records = splitRecords(text, delimiter, quote, MAX_SAMPLE_RECORDS);
        return new CsvFormat(delimiter, detectHeader(records), quote, bom);
    }

    /** The candidate giving the most consistent field count above one; comma when nothing splits. */
    private static char detectDelimiter(String text, char quote) {
        char best = ',';
        double bestConsistency = 0;
        int bestFields = 1;
        for (char candidate : CANDIDATE_DELIMITERS) {
            List<List<String>> records = splitRecords(text, candidate, quote, MAX_SAMPLE_RECORDS);
            if (records.isEmpty()) {
                continue;
            }
            int mode = modeFieldCount(records);
            if (mode <= 1) {
                continue;
            }
            long matching = records.stream().filter(r -> r.size() == mode).count();
            double consistency = (double) matching / records.size();
            if (consistency > bestConsistency + 1e-9
                    || (Math.abs(consistency - bestConsistency) <= 1e-9 && mode > bestFields)) {
                best = candidate;
                bestConsistency = consistency;
                bestFields = mode;
            }
        }
        return best;
    }

    private static int modeFieldCount(List<List<String>> records) {
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (List<String> r : records) {
            counts.merge(r.size(), 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .max(java.util.Map.Entry.<Integer, Integer>comparingByValue()
                        .thenComparing(java.util.Map.Entry.comparingByKey()))
                .map(java.util.Map.Entry::getKey).orElse(1);
    }

    /**
     * A header is assumed when no first-row field is a number and either some column below it is numeric,
     * or the first-row fields are all distinct and non-empty (an all-text file is usually named).
     */
    private static boolean detectHeader(List<List<String>> records) {
        if (records.isEmpty()) {
            return true;
        }
        List<String> first = records.get(0);
        for (String f : first) {
            if (!Double.isNaN(NumberParsing.parse(f.trim()))) {
                return false;
            }
        }
        if (records.size() == 1) {
            return true;
        }
        for (int c = 0; c < first.size(); c++) {
            if (first.get(c).isBlank()) {
                continue;
            }
            boolean numericBelow = false;
            boolean allNumeric = true;
            for (int r = 1; r < records.size(); r++) {
                List<String> rec = records.get(r);
                if (c >= rec.size()) {
                    continue;
                }
                String v = rec.get(c).trim();
                if (NumberParsing.isMissingToken(v)) {
                    continue;
                }
                if (Double.isNaN(NumberParsing.parse(v))) {
                    allNumeric = false;
                    break;
                }
                numericBelow = true;
            }
            if (numericBelow && allNumeric) {
                return true;
            }
        }
        Set<String> seen = new HashSet<>();
        for (String f : first) {
            if (f.isBlank() || !seen.add(f.trim())) {
                return false;
            }
        }
        return true;
    }

    /** Minimal quote-aware record splitter for sniffing (handles "" escapes, embedded breaks, CR/LF/CRLF). */
    static List<List<String>> splitRecords(String text, char delimiter, char quote, int maxRecords) {
        List<List<String>> records = new ArrayList<>();
        List<String> current = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        boolean lineHasContent = false;
        int n = text.length();
        for (int i = 0; i < n && records.size() < maxRecords; i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == quote) {
                    if (i + 1 < n && text.charAt(i + 1) == quote) {
                        field.append(quote);
                        i++;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == quote) {
                inQuotes = true;
                lineHasContent = true;
            } else if (c == delimiter) {
                current.add(field.toString());
                field.setLength(0);
                lineHasContent = true;
            } else if (c == '\n' || c == '\r') {
                if (lineHasContent || field.length() > 0) {
                    current.add(field.toString());
                    records.add(current);
                    current = new ArrayList<>();
                }
                field.setLength(0);
                lineHasContent = false;
            } else {
                field.append(c);
                lineHasContent = true;
            }
        }
        if ((lineHasContent || field.length() > 0) && records.size() < maxRecords) {
            current.add(field.toString());
            records.add(current);
        }
        return records;
    }
}
