package dev.layerlab.data;

/**
 * Model-ready rows. {@code features} is rows x featureCount row-major; {@code targets} rows x targetWidth
 * row-major, or null with targetWidth 0 when the table had no target column; {@code sourceRows[i]} is the
 * {@link Table} row that matrix row i came from (dropped rows are absent).
 */
public record Matrix(float[] features, int rows, int featureCount, float[] targets, int targetWidth, int[] sourceRows) {

    public float feature(int row, int column) {
        return features[row * featureCount + column];
    }

    public float target(int row, int column) {
        return targets[row * targetWidth + column];
    }

    public boolean hasTargets() {
        return targets != null;
    }
}
