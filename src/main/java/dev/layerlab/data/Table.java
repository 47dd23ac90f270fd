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

    String displayName() {
        return source == null ? "the table" : source.getFileName().toString();
    }
}
