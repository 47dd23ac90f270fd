package dev.layerlab.model;

/**
 * A categorical column the data feeds as one integer index (feature {@code column + ":index"}) into a learned
 * embedding table: its own network input and embedding layer, joined with the other features before the first
 * layer that reads them.
 *
 * @param vocabulary rows of the table (every index the data can hold)
 * @param dimension  width of each row's vector
 */
public record EmbeddedColumn(String column, int vocabulary, int dimension) {

    /** The name of the feature that holds this column's index. */
    public String featureName() {
        return column + dev.layerlab.data.FittedPreprocessing.EMBEDDING_SUFFIX;
    }

    /** The network input that takes the index. */
    public String inputName() {
        return column + "_index";
    }

    /** The embedding layer. */
    public String layerName() {
        return column + "_embedding";
    }

    public long params() {
        return (long) vocabulary * dimension;
    }
}
