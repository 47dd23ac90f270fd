package dev.layerlab.data;

import dev.layerlab.InvalidInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A loaded CSV: typed columns of equal length. Immutable. */
public final class Table {
    private final Path source;
    private final CsvFormat format;
    private final int rowCount;
    private final List<Column> columns;
    private final List<String> names;
    private final Map<String, Integer> indexByName;
    private final String sha256;

    /**
     * @param source may be null for in-memory tables
     * @param sha256 hex SHA-256 of the file bytes, or null when not known
     */
    public Table(Path source, CsvFormat format, List<Column> columns, String sha256) {
        this.source = source;
        this.format = format;
        this.columns = List.copyOf(columns);
        this.rowCount = columns.isEmpty() ? 0 : columns.get(0).size();
        List<String> n = new ArrayList<>();
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c.size() != rowCount) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, expected " + rowCount);
            }
            if (idx.putIfAbsent(c.name(), i) != null) {
                throw new IllegalArgumentException("duplicate column name " + c.name());
            }
            n.add(c.name());
        }
        this.names = Collections.unmodifiableList(n);
        this.indexByName = idx;
        this.sha256 = sha256;
    }

    public Path source() {
        return source;
    }

    public CsvFormat format() {
        return format;
    }

    public int rowCount() {
        return rowCount;
    }

    public int columnCount() {
        return columns.size();
    }

    public List<String> columnNames() {
        return names;
    }

    /** @throws InvalidInputException naming the available columns when absent */
    public Column column(String name) {
        int i = columnIndex(name);
        if (i < 0) {
            throw new InvalidInputException("Column '" + name + "' not found in " + displayName()
                    + "; available columns: " + String.join(", ", names));
        }
        return columns.get(i);
    }

    public Column column(int i) {
        return columns.get(i);
    }

    /** -1 if absent. */
    public int columnIndex(String name) {
        Integer i = indexByName.get(name);
        return i == null ? -1 : i;
    }

    /** Hex SHA-256 of the source file's bytes as read, or null for in-memory tables. */
    public String sha256() {
        return sha256;
    }

    /** The kind of every column, e.g. to force the same kinds when loading a prediction file. */
    public Map<String, ColumnKind> kinds() {
        Map<String, ColumnKind> kinds = new java.util.LinkedHashMap<>();
        for (Column c : columns) {
            kinds.put(c.name(), c.kind());
        }
        return kinds;
    }

    /**
     * An in-memory table from text cells (null or a missing token such as "" or "NA" = missing), parsed exactly
     * as {@link TableLoader} parses a CSV's fields. {@code kinds} forces the kind of the columns it names; the
     * others are numeric when every present cell is a number, else categorical.
     *
     * @throws InvalidInputException naming the column and row when a forced-numeric column gets text
     */
    public static Table fromRows(List<String> names, List<String[]> rows, Map<String, ColumnKind> kinds) {
        List<Column> columns = new ArrayList<>(names.size());
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            ColumnKind forced = kinds == null ? null : kinds.get(name);
            ColumnBuilder b = fill(new ColumnBuilder(name, forced, Math.max(rows.size(), 1)), rows, c);
            if (b.outOfRange > 0 && forced != ColumnKind.CATEGORICAL && b.textCount == 0) {
                throw new InvalidInputException("Column '" + name + "': row " + b.firstOutOfRangeLine
                        + " has a value out of float range (beyond 3.4e38)");
            }
            if (b.textCount > 0 && forced == ColumnKind.NUMERIC) {
                throw new InvalidInputException("Column '" + name + "' should hold numbers but row " + b.firstTextLine
                        + " has text '" + b.firstText + "'");
            }
            if (b.textCount > 0 && forced == null) {
                b = fill(new ColumnBuilder(name, ColumnKind.CATEGORICAL, Math.max(rows.size(), 1)), rows, c);
            }
            columns.add(b.forced == ColumnKind.CATEGORICAL ? b.buildCategorical() : b.buildNumeric());
        }
        return new Table(null, null, columns, null);
    }

    private static ColumnBuilder fill(ColumnBuilder b, List<String[]> rows, int column) {
        for (int r = 0; r < rows.size(); r++) {
            String cell = rows.get(r)[column];
            b.add(cell == null ? "" : cell, r + 1);
        }
        return b;
    }

    String displayName() {
        return source == null ? "the table" : source.getFileName().toString();
    }
}
