package dev.layerlab.gui.data;

import dev.layerlab.data.ColumnReport;
import dev.layerlab.data.ColumnSpec;
import dev.layerlab.data.ColumnType;
import dev.layerlab.data.Embeddings;
import dev.layerlab.data.Imputation;
import dev.layerlab.data.Role;
import dev.layerlab.data.Scaling;
import java.util.List;
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
    /** sign(x)·ln(1+|x|) before scaling: the one-click fix for a skewed positive column. */
    private final javafx.beans.property.BooleanProperty log1p = new javafx.beans.property.SimpleBooleanProperty();
    /** Numeric columns: an extra 0/1 "is exactly 0" input; starts at the engine's rule (many zeros in the column). */
    private final javafx.beans.property.BooleanProperty zeroIndicator = new javafx.beans.property.SimpleBooleanProperty();

    /** Categorical columns: one-hot or a learned embedding; starts at the engine's default for its categories. */
    private final ObjectProperty<dev.layerlab.data.Encoding> encoding = new SimpleObjectProperty<>();

    public ColumnRow(ColumnReport report) {
        this.report = report;
        encoding.set(defaultEncoding());
        zeroIndicator.set(defaultZeroIndicator());
        kind.set(report.type() == ColumnType.NUMERIC ? dev.layerlab.data.ColumnKind.NUMERIC
                : "date".equals(report.kind()) ? dev.layerlab.data.ColumnKind.DATE : dev.layerlab.data.ColumnKind.CATEGORICAL);
        impute.set(isNumeric() ? Imputation.MEAN : Imputation.MOST_FREQUENT);
        kind.addListener((o, a, b) -> {
            // one-hot columns cannot take a mean or median: fall back to the most frequent value
            if (b == dev.layerlab.data.ColumnKind.CATEGORICAL
                    && (impute.get() == Imputation.MEAN || impute.get() == Imputation.MEDIAN)) {
                impute.set(Imputation.MOST_FREQUENT);
            }
        });
        if (report.type() == ColumnType.EMPTY || report.type() == ColumnType.CONSTANT || report.role() == Role.IGNORE) {
            role.set(ColumnRole.IGNORE); // identifiers and free text too: the report's reason says why
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

    /** Numeric columns can become categorical, text columns categorical or date; text cannot become numbers. */
    public boolean canChangeType() {
        return report.type() == ColumnType.NUMERIC || report.type() == ColumnType.CATEGORICAL;
    }

    /** The kinds this column can be set to. */
    public List<dev.layerlab.data.ColumnKind> kindChoices() {
        return report.type() == ColumnType.NUMERIC
                ? List.of(dev.layerlab.data.ColumnKind.NUMERIC, dev.layerlab.data.ColumnKind.CATEGORICAL)
                : List.of(dev.layerlab.data.ColumnKind.CATEGORICAL, dev.layerlab.data.ColumnKind.DATE);
    }

    /** What the engine picks when the user does not: embedding above {@link Embeddings#EMBED_ABOVE} categories. */
    private dev.layerlab.data.Encoding defaultEncoding() {
        return report.distinct() > dev.layerlab.data.Embeddings.EMBED_ABOVE ? dev.layerlab.data.Encoding.EMBEDDING
                : dev.layerlab.data.Encoding.ONE_HOT;
    }

    /** Categorical (not date) columns choose their encoding; a numeric column does once set to categorical. */
    public boolean hasEncodingChoice() {
        // two categories are one 0/1 input: nothing to choose
        return !isNumeric() && kind.get() == dev.layerlab.data.ColumnKind.CATEGORICAL && report.distinct() > 2
                && report.type() != ColumnType.EMPTY && report.type() != ColumnType.CONSTANT;
    }

    public ObjectProperty<dev.layerlab.data.Encoding> encodingProperty() {
        return encoding;
    }

    public javafx.beans.property.BooleanProperty log1pProperty() {
        return log1p;
    }

    public javafx.beans.property.BooleanProperty zeroIndicatorProperty() {
        return zeroIndicator;
    }

    /** What the engine does when the user does not choose: an "is 0" input where the column has many zeros. */
    private boolean defaultZeroIndicator() {
        return report.flags().contains(ColumnReport.ZERO_INFLATED);
    }

    /** What the column holds and why it is used so, with the report's flags, for the "Kind / why" column. */
    public String why() {
        StringBuilder s = new StringBuilder(report.kind() == null ? "" : report.kind());
        if (report.reason() != null) {
            s.append(": ").append(report.reason());
        }
        if (report.range() != null) {
            s.append(" (").append(report.range()).append(')');
        }
        if (report.flags().contains(ColumnReport.SKEWED)) {
            s.append(s.length() > 0 ? "; " : "").append("skewed: tick log1p");
        }
        if (report.flags().contains(ColumnReport.ZERO_INFLATED)) {
            s.append(s.length() > 0 ? "; " : "").append("many exact zeros: an extra 'is 0' input");
        }
        return s.toString();
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
        dev.layerlab.data.ColumnKind override = null;
        if (report.type() == ColumnType.NUMERIC && !isNumeric()) {
            override = dev.layerlab.data.ColumnKind.CATEGORICAL;
        } else if (report.type() == ColumnType.CATEGORICAL && (kind.get() == dev.layerlab.data.ColumnKind.DATE)
                != "date".equals(report.kind())) {
            override = kind.get(); // a text column read as dates, or dates kept as categories
        }
        Imputation imp = kind.get() == dev.layerlab.data.ColumnKind.DATE ? null : impute.get();
        // The encoding is saved only when it differs from the default, so the engine's rule applies otherwise.
        dev.layerlab.data.Encoding enc = hasEncodingChoice() && encoding.get() != null
                && encoding.get() != defaultEncoding() ? encoding.get() : null;
        // Saved only when it differs from the rule, so the engine decides on the training rows otherwise.
        Boolean zero = isNumeric() && zeroIndicator.get() != defaultZeroIndicator() ? zeroIndicator.get() : null;
        return new ColumnSpec(r, imp, c, isNumeric() ? scaling.get() : null, override,
                isNumeric() && log1p.get() ? Boolean.TRUE : null, enc, zero);
    }

    /** Applies a saved setting. */
    public void apply(ColumnSpec spec) {
        if (spec == null) {
            return;
        }
        if (spec.role() != null && role.get() != ColumnRole.TARGET) {
            role.set(spec.role() == Role.IGNORE ? ColumnRole.IGNORE : ColumnRole.FEATURE);
        }
        if (spec.type() != null && kindChoices().contains(spec.type())) {
            kind.set(spec.type());
        }
        if (spec.log1p() != null) {
            log1p.set(spec.log1p());
        }
        if (spec.encoding() != null) {
            encoding.set(spec.encoding());
        }
        if (spec.zeroIndicator() != null) {
            zeroIndicator.set(spec.zeroIndicator());
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
