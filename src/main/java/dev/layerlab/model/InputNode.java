package dev.layerlab.model;

import java.util.List;

/**
 * An input of a graph network: the data columns it takes (before one-hot encoding; a categorical column
 * brings all its one-hot features). A column may feed more than one input.
 *
 * @param columns empty = every feature column
 */
public record InputNode(String name, List<String> columns) {
    public InputNode {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public static InputNode allColumns(String name) {
        return new InputNode(name, List.of());
    }
}
