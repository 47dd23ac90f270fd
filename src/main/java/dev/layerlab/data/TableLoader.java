package dev.layerlab.data;

import dev.layerlab.InvalidInputException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams a CSV file into a {@link Table}: one pass with {@link CsvRecordReader}, numbers parsed straight into float
 * arrays, text into int codes. Column kinds are inferred unless forced:
 * <ul>
 *   <li>only numbers (or empty) &rarr; numeric;</li>
 *   <li>only text &rarr; categorical;</li>
 *   <li>numbers with at most 1% cells that are not usable numbers (text, or beyond float range) &rarr; numeric,
 *       those cells missing (see {@link InvalidNumbers}); with {@link InvalidNumbers#ERROR}, at least 80% numbers
 *       plus some bad cells &rarr; refused, naming the first one (a typo is likelier than a category);</li>
 *   <li>otherwise mixed &rarr; categorical (the file is read a second time so numbers keep their exact spelling).</li>
 * </ul>
 * Missing cells: empty, NA, N/A, NaN, null, ? (case-insensitive), surrounding spaces ignored.
 */
public final class TableLoader {

    /** A column that is at least this share numbers is treated as numeric with bad cells. */
    static final double MOSTLY_NUMERIC = 0.8;

    private TableLoader() {
    }

    public static Table load(Path csv) {
        return load(csv, CsvSniffer.detect(csv));
    }

    public static Table load(Path csv, CsvFormat format) {
        return load(csv, format, Map.of());
    }

    /** @param forcedKinds kinds to use for the named columns (names not in the file are ignored) */
    public static Table load(Path csv, CsvFormat format, Map<String, ColumnKind> forcedKinds) {
        return load(csv, format, forcedKinds, InvalidNumbers.MISSING);
    }

    /**
     * @param forcedKinds    kinds to use for the named columns (names not in the file are ignored)
     * @param invalidNumbers what to do with cells of a numeric column that are not usable numbers
     */
    public static Table load(Path csv, CsvFormat format, Map<String, ColumnKind> forcedKinds,
                             InvalidNumbers invalidNumbers) {
        Map<String, ColumnKind> forced = forcedKinds == null ? Map.of() : forcedKinds;
        InvalidNumbers policy = invalidNumbers == null ? InvalidNumbers.MISSING : invalidNumbers;
        Loaded first = read(csv, format, forced);
        Map<String, ColumnKind> reread = new HashMap<>(forced);
        List<Column> columns = new ArrayList<>();
        boolean needsSecondPass = false;
        for (ColumnBuilder b : first.builders) {
            int bad = b.badCount();
            if (b.forced == ColumnKind.CATEGORICAL) {
                columns.add(b.buildCategorical());
            } else if (bad == 0) {
                columns.add(b.buildNumeric());
            } else if (policy == InvalidNumbers.MISSING && b.numericCount > 0
                    && bad <= InvalidNumbers.THRESHOLD * (b.numericCount + bad)) {
                // A few typos in a column of numbers: missing (imputed), reported in the column's problems.
                columns.add(b.buildNumeric());
            } else if (b.forced == ColumnKind.NUMERIC || (policy == InvalidNumbers.ERROR
                    && b.numericCount >= MOSTLY_NUMERIC * (b.numericCount + bad))) {
                throw new InvalidInputException(refusal(csv, b, policy));
            } else if (b.numericCount == 0) {
                columns.add(b.buildCategorical());
            } else {
                reread.put(b.name, ColumnKind.CATEGORICAL);
                needsSecondPass = true;
            }
        }
        if (needsSecondPass) {
            return load(csv, format, reread, policy);
        }
        return new Table(csv, format, columns, first.sha256);
    }

    private static String refusal(Path csv, ColumnBuilder b, InvalidNumbers policy) {
        String where = "Column '" + b.name + "' in " + csv.getFileName() + " holds numbers but ";
        String fix = policy == InvalidNumbers.ERROR
                ? "; fix or blank the value, treat the column as categorical, or allow a few bad cells (invalidNumbers: missing, no --strict)"
                : "; fix or blank the values, or treat the column as categorical";
        if (b.textCount == 0) {
            return where + "line " + b.firstOutOfRangeLine + " has a value out of float range (beyond 3.4e38)"
                    + (b.outOfRange > 1 ? " (and " + (b.outOfRange - 1) + " more)" : "") + fix;
        }
        return where + "line " + b.firstTextLine + " has text '" + abbreviate(b.firstText)
                + "'" + (b.badCount() > 1 ? " (and " + (b.badCount() - 1) + " more bad cells)" : "") + fix;
    }

    /**
     * The first {@code maxRows} data rows as text, keyed by column name, read the way {@link #load} reads the file
     * (missing cells stay as written: "" or "NA"). For showing a real row (an example request), not for training.
     */
    public static List<Map<String, String>> head(Path csv, CsvFormat format, int maxRows) {
        FileChecks.readCheckedHead(csv);
        String file = csv.getFileName().toString();
        try (InputStream in = skipBom(new BufferedInputStream(Files.newInputStream(csv), 1 << 16));
             InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            CsvRecordReader records = new CsvRecordReader(reader, format, file);
            List<String> first = records.next();
            if (first == null) {
                return List.of();
            }
            List<String> names = format.hasHeader() ? headerNames(new ArrayList<>(first)) : generatedNames(first.size());
            List<Map<String, String>> rows = new ArrayList<>();
            List<String> fields = format.hasHeader() ? records.next() : first;
            while (fields != null && rows.size() < maxRows) {
                Map<String, String> row = new java.util.LinkedHashMap<>();
                for (int c = 0; c < Math.min(names.size(), fields.size()); c++) {
                    row.put(names.get(c), fields.get(c));
                }
                rows.add(row);
                fields = records.next();
            }
            return rows;
        } catch (IOException e) {
            throw readError(file, 1, e);
        }
    }

    private record Loaded(List<ColumnBuilder> builders, String sha256) {
    }

    /**
     * Receives a file's rows a chunk at a time. Must be idempotent: a read that finds a quote past the sniffed
     * head starts over with the general reader and hands the first chunks over again.
     */
    interface ChunkConsumer {
        /** @param firstRow the file row (0-based, data rows only) of the chunk's first row */
        void accept(int firstRow, Table chunk);
    }

    /**
     * Reads the file as {@link #load(Path, CsvFormat, Map)} does with every column's kind given ({@code kinds}:
     * the kinds a previous load found), handing it over in tables of at most {@code chunkRows} rows, so the
     * whole table is never in memory. Returns the file's SHA-256.
     */
    static String loadChunks(Path csv, CsvFormat format, Map<String, ColumnKind> kinds, int chunkRows,
                             ChunkConsumer consumer) {
        return read(csv, format, kinds, chunkRows, consumer).sha256;
    }

    private static Loaded read(Path csv, CsvFormat format, Map<String, ColumnKind> forced) {
        return read(csv, format, forced, 0, null);
    }

    private static Loaded read(Path csv, CsvFormat format, Map<String, ColumnKind> forced, int chunkRows,
                               ChunkConsumer consumer) {
        byte[] head = FileChecks.readCheckedHead(csv);
        if (PlainCsvReader.canRead(format, head)) {
            try {
                return read(csv, format, forced, head, true, chunkRows, consumer);
            } catch (PlainCsvReader.NotPlain e) {
                // a quote or a non-ASCII byte past the head: the general reader handles it (a chunk consumer
                // then sees the first rows again, which is why it must be idempotent)
            }
        }
        return read(csv, format, forced, head, false, chunkRows, consumer);
    }

    private static Loaded read(Path csv, CsvFormat format, Map<String, ColumnKind> forced, byte[] head, boolean plain,
                               int chunkRows, ChunkConsumer consumer) {
        int initialCapacity = consumer == null ? estimateRows(csv, head) : Math.min(chunkRows, estimateRows(csv, head));
        MessageDigest digest = sha256();
        String file = csv.getFileName().toString();
        long lastLine = 0;
        try (InputStream raw = new DigestInputStream(Files.newInputStream(csv), digest)) {
            CsvRecordSource records;
            InputStreamReader reader = null;
            if (plain) {
                records = new PlainCsvReader(raw, format);
            } else {
                InputStream in = skipBom(new BufferedInputStream(raw, 1 << 16));
                reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
                records = new CsvRecordReader(reader, format, file);
            }
            List<String> first = records.next();
            if (first == null) {
                throw new InvalidInputException(file + " is empty");
            }
            int width = first.size();
            lastLine = records.recordLine();
            List<String> names = format.hasHeader() ? headerNames(first) : generatedNames(width);
            List<ColumnBuilder> builders = new ArrayList<>(width);
            for (String name : names) {
                builders.add(new ColumnBuilder(name, forced.get(name), initialCapacity));
            }
            if (!format.hasHeader()) {
                for (int c = 0; c < width; c++) {
                    builders.get(c).add(first.get(c), lastLine);
                }
            }
            RowSink sink = new RowSink(builders.toArray(new ColumnBuilder[0]), records);
            int fieldCount;
            int delivered = 0;
            while ((fieldCount = records.nextRecord(sink)) >= 0) {
                lastLine = records.recordLine();
                if (fieldCount != width) {
                    throw new InvalidInputException(file + " line " + lastLine + " has " + fieldCount
                            + " fields but " + (format.hasHeader() ? "the header has " : "the first line has ")
                            + width + " (ragged rows; check the delimiter and quoting)");
                }
                if (consumer != null && sink.builders[0].size() == chunkRows) {
                    delivered = deliver(csv, format, sink, delivered, consumer, names, forced, initialCapacity);
                }
            }
            if (consumer != null) {
                if (sink.builders[0].size() > 0) {
                    deliver(csv, format, sink, delivered, consumer, names, forced, initialCapacity);
                }
                if (reader != null) {
                    reader.close();
                }
                return new Loaded(List.of(), HexFormat.of().formatHex(digest.digest()));
            }
            if (builders.get(0).size() == 0) {
                throw new InvalidInputException(file + " has a header row but no data rows");
            }
            if (reader != null) {
                reader.close();
            }
            return new Loaded(builders, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw readError(file, lastLine + 1, e);
        }
    }

    /** Hands the rows built so far to the consumer and starts new builders; returns the rows delivered in all. */
    private static int deliver(Path csv, CsvFormat format, RowSink sink, int delivered, ChunkConsumer consumer,
                               List<String> names, Map<String, ColumnKind> kinds, int capacity) {
        List<Column> columns = new ArrayList<>(names.size());
        for (ColumnBuilder b : sink.builders) {
            if (b.forced == ColumnKind.CATEGORICAL) {
                columns.add(b.buildCategorical());
            } else if (b.badCount() == 0 || b.forced == ColumnKind.NUMERIC) {
                // The first read decided: a numeric column's bad cells (within the policy) are missing.
                columns.add(b.buildNumeric());
            } else {
                throw new InvalidInputException("Column '" + b.name + "' in " + csv.getFileName()
                        + " holds numbers but line " + b.firstTextLine + " has text '" + abbreviate(b.firstText)
                        + "': the file changed while it was being read");
            }
        }
        int rows = sink.builders[0].size();
        consumer.accept(delivered, new Table(csv, format, columns, null));
        for (int c = 0; c < sink.builders.length; c++) {
            sink.builders[c] = new ColumnBuilder(names.get(c), kinds.get(names.get(c)), capacity);
        }
        return delivered + rows;
    }

    /** Feeds streamed fields to the column builders; extra fields of a ragged row are counted, then refused. */
    private static final class RowSink implements CsvRecordReader.FieldSink {
        private final ColumnBuilder[] builders;
        private final CsvRecordSource records;

        RowSink(ColumnBuilder[] builders, CsvRecordSource records) {
            this.builders = builders;
            this.records = records;
        }

        @Override
        public void text(int column, String value) {
            if (column < builders.length) {
                builders[column].add(value, records.recordLine());
            }
        }

        @Override
        public void ascii(int column, byte[] bytes, int from, int to) {
            if (column < builders.length) {
                builders[column].addAscii(bytes, from, to, records.recordLine());
            }
        }

    }

    private static InvalidInputException readError(String file, long line, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new InvalidInputException(file + " is not valid UTF-8 text (near line " + line + "); save it as UTF-8 CSV", e);
        }
        String msg = String.valueOf(e.getMessage());
        return new InvalidInputException("Cannot read " + file + " near line " + line + ": " + msg, e);
    }

    /**
     * What reading the header renamed: each name given to more than one column (the later ones get "_2", "_3",
     * ...), e.g. {@code header name 'price' is repeated: columns 2 and 5 are read as 'price' and 'price_2'}.
     * Empty when the file has no header or its names are distinct.
     */
    public static List<String> headerNotes(Path csv, CsvFormat format) {
        if (!format.hasHeader()) {
            return List.of();
        }
        FileChecks.readCheckedHead(csv);
        List<String> header;
        try (InputStream in = skipBom(new BufferedInputStream(Files.newInputStream(csv), 1 << 16));
             InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            header = new CsvRecordReader(reader, format, csv.getFileName().toString()).next();
        } catch (IOException e) {
            return List.of();
        }
        if (header == null) {
            return List.of();
        }
        header = new ArrayList<>(header);
        List<String> names = headerNames(header);
        Map<String, List<Integer>> byName = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            byName.computeIfAbsent(header.get(i).strip(), k -> new ArrayList<>()).add(i);
        }
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byName.entrySet()) {
            if (e.getValue().size() < 2 || e.getKey().isEmpty()) {
                continue;
            }
            List<String> columns = e.getValue().stream().map(i -> Integer.toString(i + 1)).toList();
            List<String> readAs = e.getValue().stream().map(i -> "'" + names.get(i) + "'").toList();
            notes.add("header name '" + e.getKey() + "' is repeated: columns " + String.join(" and ", columns)
                    + " are read as " + String.join(" and ", readAs));
        }
        return notes;
    }

    private static List<String> headerNames(List<String> header) {
        List<String> names = new ArrayList<>(header.size());
        Set<String> used = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            // Duplicate names would make name lookups ambiguous: keep them apart with a suffix.
            String unique = name;
            for (int k = 2; !used.add(unique); k++) {
                unique = name + "_" + k;
            }
            names.add(unique);
        }
        return names;
    }

    private static List<String> generatedNames(int width) {
        List<String> names = new ArrayList<>(width);
        for (int i = 1; i <= width; i++) {
            names.add("column_" + i);
        }
        return names;
    }

    /** Rows ~ file size / bytes per sample line, so the float arrays rarely need to grow. */
    private static int estimateRows(Path csv, byte[] head) {
        try {
            long size = Files.size(csv);
            int lines = 0;
            for (byte b : head) {
                if (b == '\n') {
                    lines++;
                }
            }
            long estimate = lines == 0 ? 16 : size / Math.max(1, head.length / lines) + 16;
            return (int) Math.min(estimate, 50_000_000L);
        } catch (IOException e) {
            return 1024;
        }
    }

    private static InputStream skipBom(InputStream in) throws IOException {
        in.mark(3);
        byte[] b = in.readNBytes(3);
        if (!FileChecks.hasBom(b)) {
            in.reset();
        }
        return in;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
