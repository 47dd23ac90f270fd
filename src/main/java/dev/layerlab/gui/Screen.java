package dev.layerlab.gui;

/** The workbench's screens, in the order of the navigation. */
public enum Screen {
    DATA("Data", "mdi2t-table"),
    MODEL("Model", "mdi2g-graph-outline"),
    TRAINING("Training", "mdi2c-chart-line"),
    TUNING("Tuning", "mdi2t-tune-variant"),
    RUNS("Runs", "mdi2h-history"),
    EXPORT("Export", "mdi2p-package-variant-closed");

    private final String title;
    private final String icon;

    Screen(String title, String icon) {
        this.title = title;
        this.icon = icon;
    }

    public String title() {
        return title;
    }

    public String icon() {
        return icon;
    }
}
