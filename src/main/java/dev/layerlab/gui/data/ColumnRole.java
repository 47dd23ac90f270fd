package dev.layerlab.gui.data;

/** A column's part in the model, as the data screen edits it. */
public enum ColumnRole {
    FEATURE("feature"), TARGET("target"), IGNORE("ignore");

    private final String label;

    ColumnRole(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
