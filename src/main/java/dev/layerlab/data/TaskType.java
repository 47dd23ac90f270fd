package dev.layerlab.data;

/** What the network predicts; decides the output layer, the default loss and the metrics. */
public enum TaskType {
    REGRESSION,
    BINARY_CLASSIFICATION,
    MULTICLASS_CLASSIFICATION;

    public boolean isClassification() {
        return this != REGRESSION;
    }
}
