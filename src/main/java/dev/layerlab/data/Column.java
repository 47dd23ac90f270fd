package dev.layerlab.data;

/** One loaded column of a {@link Table}; rows are 0-based data rows (the header is not a row). */
public sealed interface Column permits NumericColumn, CategoricalColumn {
    String name();

    int size();

    boolean isMissing(int row);

    ColumnKind kind();

    /** Number of missing cells (empty, NA, N/A, NaN, null, ?). */
    int missingCount();

    /** The cell as text (numbers formatted without a trailing ".0" when whole), or null when missing. */
    String text(int row);
}
