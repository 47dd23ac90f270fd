package dev.layerlab.gui.data;

import dev.layerlab.data.ColumnReport;
import dev.layerlab.data.ColumnSpec;
import dev.layerlab.data.ColumnType;
import dev.layerlab.data.Imputation;
import dev.layerlab.data.Role;
import dev.layerlab.data.Scaling;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One column on the data screen: its report (read-only) and the user's settings (properties). */
public final class ColumnRow {
    private final ColumnReport report;
    private final ObjectProperty<ColumnRole> role = new SimpleObjectProperty<>(ColumnRole.FEATURE);
    private final ObjectProperty<Imputation> impute = new SimpleObjectProperty<>();
    private final StringProperty constant = new SimpleStringProperty("");
    private final ObjectProperty<Scaling> scaling = new SimpleObjectProperty<>(Scaling.STANDARDIZE);
    /** How the column is treated: as read, or a numeric column taken as categories (codes, ratings). */
    private final ObjectProperty<dev.layerlab.data.ColumnKind> kind = new SimpleObjectProperty<>();

    public ColumnRow(ColumnReport report) {
        this.report = report;
        kind.set(report.type() == ColumnType.NUMERIC ? dev.layerlab.data.ColumnKind.NUMERIC : dev.layerlab.data.ColumnKind.CATEGORICAL);
        impute.set(isNumeric() ? Imputation.MEAN : Imputation.MOST_FREQUENT);
        kind.addListener((o, a, b) -> {
            // one-hot columns cannot take a mean or median: fall back to the most frequent value
            if (b == dev.layerlab.data.ColumnKind.CATEGORICAL
                    && (impute.get() == Imputation.MEAN || impute.get() == Imputation.MEDIAN)) {
                impute.set(Imputation.MOST_FREQUENT);
            }
        });
        if (report.type() == ColumnType.EMPTY || report.type() == ColumnType.CONSTANT) {
            role.set(ColumnRole.IGNORE);
        }
    }

    public String name() {
        return report.name();
    }

    public ColumnReport report() {
        return report;
    }

    /** Numeric as read from the file and not switched to categorical by the user. */
    public boolean isNumeric() {
        return report.type() == ColumnType.NUMERIC && kind.get() != dev.layerlab.data.ColumnKind.CATEGORICAL;
    }

    /** Only numeric columns can change type (to categorical); text cannot become numbers. */
    public boolean canChangeType() {
        return report.type() == ColumnType.NUMERIC;
    }

    public ObjectProperty<dev.layerlab.data.ColumnKind> kindProperty() {
        return kind;
    }

    public ObjectProperty<ColumnRole> roleProperty() {
        return role;
    }

    public ObjectProperty<Imputation> imputeProperty() {
        return impute;
    }

    public StringProperty constantProperty() {
        return constant;
    }

    public ObjectProperty<Scaling> scalingProperty() {
        return scaling;
    }

    /** The engine's per-column setting (the target's row is not turned into one). */
    public ColumnSpec toSpec() {
        Role r = role.get() == ColumnRole.IGNORE ? Role.IGNORE : Role.FEATURE;
        String c = impute.get() == Imputation.CONSTANT ? constant.get() : null;
        dev.layerlab.data.ColumnKind override = canChangeType() && !isNumeric() ? dev.layerlab.data.ColumnKind.CATEGORICAL : null;
        return new ColumnSpec(r, impute.get(), c, isNumeric() ? scaling.get() : null, override);
    }

    /** Applies a saved setting. */
    public void apply(ColumnSpec spec) {
        if (spec == null) {
            return;
        }
        if (spec.role() != null && role.get() != ColumnRole.TARGET) {
            role.set(spec.role() == Role.IGNORE ? ColumnRole.IGNORE : ColumnRole.FEATURE);
        }
        if (spec.type() == dev.layerlab.data.ColumnKind.CATEGORICAL && canChangeType()) {
            kind.set(dev.layerlab.data.ColumnKind.CATEGORICAL);
        }
        if (spec.impute() != null) {
            impute.set(spec.impute());
        }
        if (spec.constant() != null) {
            constant.set(spec.constant());
        }
        if (spec.scaling() != null) {
            scaling.set(spec.scaling());
        }
    }
}
