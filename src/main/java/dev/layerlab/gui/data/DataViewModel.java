package dev.layerlab.gui.data;

import dev.layerlab.data.ColumnReport;
import dev.layerlab.data.ColumnSpec;
import dev.layerlab.data.CsvFormat;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.DatasetReport;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.Table;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.data.TaskType;
import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.gui.task.BackgroundTask;
import dev.layerlab.gui.task.LatestOnly;
import dev.layerlab.gui.task.TaskExecutor;
import dev.layerlab.model.NetworkShape;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The data screen's state: the open CSV and its detected format, the loaded table and its report, each
 * column's settings, target, task and split. After every change the data is prepared once in the
 * background (newest request only) to learn the network's input width, the task and any problems.
 */
public final class DataViewModel {
    /** Columns that are taken as the target when a file is opened, before the last column. */
    private static final Set<String> TARGET_NAMES = Set.of("median_house_value", "target", "label", "class", "y", "quality");

    private final TaskExecutor executor;
    private final StatusModel status;
    private final LatestOnly preparing;
    private final ObjectProperty<Path> csv = new SimpleObjectProperty<>();
    private final StringProperty delimiter = new SimpleStringProperty(",");
    private final BooleanProperty header = new SimpleBooleanProperty(true);
    private final StringProperty formatText = new SimpleStringProperty("");
    private final ObjectProperty<Table> table = new SimpleObjectProperty<>();
    private final ObservableList<ColumnRow> columns = FXCollections.observableArrayList(
            r -> new Observable[] {r.roleProperty(), r.imputeProperty(), r.scalingProperty(), r.constantProperty(), r.kindProperty(),
                r.log1pProperty(), r.encodingProperty(), r.zeroIndicatorProperty()});
    /** Classification: weigh the loss so rare classes count as much as frequent ones (the imbalance fix). */
    private final BooleanProperty balancedClassWeights = new SimpleBooleanProperty(false);
    /** Latitude/longitude pairs found in the file (projected onto other directions when {@link #rotateCoordinates}). */
    private List<dev.layerlab.data.CoordinateRotation> coordinatePairs = List.of();
    private final StringProperty coordinatePairsText = new SimpleStringProperty("");
    private final BooleanProperty rotateCoordinates = new SimpleBooleanProperty(false);
    private final ObservableList<String> columnNames = FXCollections.observableArrayList();
    private final StringProperty target = new SimpleStringProperty();
    private final ObjectProperty<TaskChoice> task = new SimpleObjectProperty<>(TaskChoice.AUTO);
    private final DoubleProperty trainFraction = new SimpleDoubleProperty(0.7);
    private final DoubleProperty validationFraction = new SimpleDoubleProperty(0.15);
    private final LongProperty seed = new SimpleLongProperty(42);
    private final BooleanProperty stratify = new SimpleBooleanProperty(true);
    private final ObjectProperty<NetworkShape> shape = new SimpleObjectProperty<>();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final StringProperty preparedSummary = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final BooleanProperty preparingData = new SimpleBooleanProperty(false);
    private boolean applying;
    private Runnable onChanged = () -> { };
    private Map<String, ColumnSpec> pendingColumnSpecs;

    public DataViewModel(TaskExecutor executor, StatusModel status) {
        this.executor = executor;
        this.status = status;
        this.preparing = new LatestOnly(executor);
        columns.addListener((javafx.collections.ListChangeListener<ColumnRow>) c -> settingsChanged());
        target.addListener((o, a, b) -> {
            boolean outer = applying;
            applying = true;
            for (ColumnRow r : columns) {
                if (r.name().equals(b)) {
                    r.roleProperty().set(ColumnRole.TARGET);
                } else if (r.roleProperty().get() == ColumnRole.TARGET) {
                    r.roleProperty().set(ColumnRole.FEATURE);
                }
            }
            applying = outer;
            settingsChanged();
        });
        task.addListener((o, a, b) -> settingsChanged());
        trainFraction.addListener((o, a, b) -> settingsChanged());
        validationFraction.addListener((o, a, b) -> settingsChanged());
        seed.addListener((o, a, b) -> settingsChanged());
        stratify.addListener((o, a, b) -> settingsChanged());
        balancedClassWeights.addListener((o, a, b) -> settingsChanged());
        rotateCoordinates.addListener((o, a, b) -> settingsChanged());
    }

    /** Called after the user changed any data setting (marks the experiment dirty). */
    public void setOnChanged(Runnable r) {
        this.onChanged = r;
    }

    /** Opens a CSV: detects its format, loads it and reports on it, in the background. */
    public void open(Path file) {
        open(file, null, null, null);
    }

    /**
     * Opens a CSV with a given format (null = detect) and, optionally, a target and column settings to
     * apply when it is loaded (opening a saved experiment).
     */
    public void open(Path file, CsvFormat forced, String wantedTarget, Map<String, ColumnSpec> columnSpecs) {
        loading.set(true);
        status.beginBusy("Loading " + file.getFileName() + "…");
        executor.execute(BackgroundTask.of("Load CSV", c -> {
            CsvPreload.Loaded pre = forced == null ? CsvPreload.take(file) : null;
            CsvPreload.Loaded read = pre != null ? pre : CsvPreload.Loaded.read(file, forced);
            return new Loaded(file, read.format(), read.table(), read.report(),
                    dev.layerlab.data.CoordinateRotation.candidates(read.table(), null));
        }).onSuccess(l -> {
            pendingColumnSpecs = columnSpecs;
            apply(l, wantedTarget);
            status.info("Loaded " + file.getFileName() + ": " + String.format(Locale.ROOT, "%,d", l.table.rowCount())
                    + " rows, " + l.table.columnCount() + " columns");
        }).onFailure(e -> status.fail("Could not open " + file.getFileName(), e))
                .onFinally(() -> {
                    loading.set(false);
                    status.endBusy();
                }));
    }

    /** Reloads the file with the delimiter and header as edited. */
    public void reloadWithFormat() {
        Path f = csv.get();
        if (f == null) {
            return;
        }
        Table t = table.get();
        char quote = t != null ? t.format().quote() : '"';
        boolean bom = t != null && t.format().bom();
        open(f, new CsvFormat(delimiterChar(), header.get(), quote, bom), target.get(), currentColumnSpecs());
    }

    private record Loaded(Path file, CsvFormat format, Table table, DatasetReport report,
                          List<dev.layerlab.data.CoordinateRotation> coordinatePairs) {
    }

    private void apply(Loaded l, String wantedTarget) {
        applying = true;
        csv.set(l.file);
        delimiter.set(delimiterName(l.format.delimiter()));
        header.set(l.format.hasHeader());
        formatText.set(l.format.describe());
        table.set(l.table);
        List<ColumnRow> rows = l.report.columns().stream().map(ColumnRow::new).toList();
        columns.setAll(rows);
        columnNames.setAll(l.table.columnNames());
        coordinatePairs = l.coordinatePairs;
        coordinatePairsText.set(coordinatePairs.stream().map(r -> r.latitude() + " / " + r.longitude())
                .collect(java.util.stream.Collectors.joining(", ")));
        boolean sameFile = loaded != null && Path.of(loaded.path()).toAbsolutePath().equals(l.file.toAbsolutePath());
        rotateCoordinates.set(sameFile && !loaded.rotationsOrEmpty().isEmpty() && !coordinatePairs.isEmpty());
        if (pendingColumnSpecs != null) {
            for (ColumnRow r : rows) {
                r.apply(pendingColumnSpecs.get(r.name()));
            }
            pendingColumnSpecs = null;
        }
        String t = wantedTarget != null && l.table.columnNames().contains(wantedTarget) ? wantedTarget : guessTarget(l.table.columnNames());
        target.set(null);
        target.set(t);
        applying = false;
        recomputeShape();
    }

    static String guessTarget(List<String> names) {
        for (String n : names) {
            if (TARGET_NAMES.contains(n.toLowerCase(Locale.ROOT))) {
                return n;
            }
        }
        return names.isEmpty() ? null : names.get(names.size() - 1);
    }

    /** Call after editing a row's role: keeps exactly one target. */
    public void roleEdited(ColumnRow row) {
        if (row.roleProperty().get() == ColumnRole.TARGET) {
            target.set(row.name());
        } else if (row.name().equals(target.get())) {
            target.set(null);
        }
    }

    private void settingsChanged() {
        if (applying) {
            return;
        }
        onChanged.run();
        recomputeShape();
    }

    /** Prepares the data in the background (newest settings only) to learn the network's shape. */
    public void recomputeShape() {
        Table t = table.get();
        if (t == null) {
            return;
        }
        if (target.get() == null) {
            shape.set(null);
            problems.setAll("Choose the column to predict (the target).");
            preparedSummary.set("");
            return;
        }
        DataSpec spec;
        try {
            spec = toSpec();
        } catch (RuntimeException e) {
            shape.set(null);
            problems.setAll(e.getMessage());
            return;
        }
        preparingData.set(true);
        preparing.submit("Prepare data", c -> new Prepared(DataPipeline.prepare(spec, t),
                DataPipeline.targetCandidates(spec, t)), p -> {
            prepared(p.data(), p.targetCandidates());
            preparingData.set(false);
        }, e -> {
            shape.set(null);
            problems.setAll(e.getMessage() == null ? e.toString() : e.getMessage());
            preparedSummary.set("");
            preparingData.set(false);
        });
    }

    /** The prepared data, and what every other column would be as a graph output's target. */
    private record Prepared(PreparedData data, List<dev.layerlab.data.FittedTarget> targetCandidates) {
    }

    private void prepared(PreparedData p, List<dev.layerlab.data.FittedTarget> targetCandidates) {
        TaskType tt = p.task();
        int classes = p.preprocessing().classes() == null ? 0 : p.preprocessing().classes().size();
        // The shape knows every column an output could predict, so the graph editor can offer them and size
        // their heads; a column an output picks leaves the features (the pipeline does the same when training).
        shape.set(dev.layerlab.training.Trainer.shapeOf(p.preprocessing()).withTargets(p.preprocessing().targetColumn(),
                dev.layerlab.training.Trainer.targetShapes(targetCandidates)));
        problems.setAll(p.warnings());
        preparedSummary.set(String.format(Locale.ROOT, "%s · %d input features · train %,d / validation %,d / test %,d rows%s",
                taskLabel(tt), p.preprocessing().featureCount(), p.train().rows(), p.validation().rows(), p.test().rows(),
                classes > 0 ? " · " + classes + " classes" : ""));
    }

    public static String taskLabel(TaskType t) {
        return switch (t) {
            case REGRESSION -> "Regression";
            case BINARY_CLASSIFICATION -> "Binary classification";
            case MULTICLASS_CLASSIFICATION -> "Multi-class classification";
        };
    }

    /** The engine's data spec for the current settings; the path is absolute. */
    public DataSpec toSpec() {
        Path f = csv.get();
        double tr = trainFraction.get();
        double va = validationFraction.get();
        double te = Math.max(0, 1 - tr - va);
        SplitSpec split = new SplitSpec(round(tr), round(va), round(1 - round(tr) - round(va)), seed.get(), stratify.get());
        if (te < -1e-9) {
            throw new dev.layerlab.InvalidInputException("Train and validation fractions add up to more than 1");
        }
        DataSpec spec = new DataSpec(f == null ? null : f.toAbsolutePath().toString(), delimiterChar(), header.get(), target.get(),
                task.get(), currentColumnSpecs(), split, null, null,
                balancedClassWeights.get() ? dev.layerlab.data.ClassWeights.BALANCED : null);
        // settings this screen has no field for (auto's ratio inputs, a log target) stay while the same file is open
        if (loaded != null && f != null && Path.of(loaded.path()).toAbsolutePath().equals(f.toAbsolutePath())) {
            spec = spec.withRatios(loaded.ratios()).withTargetTransform(loaded.targetTransform());
        }
        if (rotateCoordinates.get()) {
            String t = target.get();
            spec = spec.withRotations(coordinatePairs.stream()
                    .filter(r -> !r.latitude().equals(t) && !r.longitude().equals(t)).toList());
        }
        return spec;
    }

    /** The data spec applied last (with its absolute path), for the settings the screen does not show. */
    private DataSpec loaded;

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    public Map<String, ColumnSpec> currentColumnSpecs() {
        Map<String, ColumnSpec> m = new LinkedHashMap<>();
        for (ColumnRow r : columns) {
            if (r.roleProperty().get() != ColumnRole.TARGET) {
                m.put(r.name(), r.toSpec());
            }
        }
        return m;
    }

    /** Applies a saved experiment's data part: opens its file with its settings. */
    public void applySpec(DataSpec spec, Path baseDir) {
        Path p = Path.of(spec.path());
        if (!p.isAbsolute() && baseDir != null) {
            p = baseDir.resolve(p);
        }
        SplitSpec s = spec.split() == null ? SplitSpec.defaults() : spec.split();
        loaded = spec.withPath(p.toAbsolutePath().toString());
        applying = true;
        trainFraction.set(s.train());
        validationFraction.set(s.validation());
        seed.set(s.seed());
        stratify.set(s.stratify());
        task.set(spec.task() == null ? TaskChoice.AUTO : spec.task());
        balancedClassWeights.set(spec.classWeights() != null && spec.classWeights().mode() == dev.layerlab.data.ClassWeights.Mode.BALANCED);
        applying = false;
        CsvFormat forced = spec.delimiter() != null && spec.header() != null
                ? new CsvFormat(spec.delimiter(), spec.header(), '"', false) : null;
        open(p, forced, spec.target(), spec.columns());
    }

    public char delimiterChar() {
        String d = delimiter.get();
        if (d == null || d.isEmpty()) {
            return ',';
        }
        return switch (d.toLowerCase(Locale.ROOT)) {
            case "tab", "\\t" -> '\t';
            case "space" -> ' ';
            default -> d.charAt(0);
        };
    }

    static String delimiterName(char c) {
        return switch (c) {
            case '\t' -> "Tab";
            case ' ' -> "Space";
            default -> String.valueOf(c);
        };
    }

    public ObjectProperty<Path> csvProperty() {
        return csv;
    }

    public StringProperty delimiterProperty() {
        return delimiter;
    }

    public BooleanProperty headerProperty() {
        return header;
    }

    public StringProperty formatTextProperty() {
        return formatText;
    }

    public ObjectProperty<Table> tableProperty() {
        return table;
    }

    public ObservableList<ColumnRow> columns() {
        return columns;
    }

    public ObservableList<String> columnNames() {
        return columnNames;
    }

    public StringProperty targetProperty() {
        return target;
    }

    public ObjectProperty<TaskChoice> taskProperty() {
        return task;
    }

    public DoubleProperty trainFractionProperty() {
        return trainFraction;
    }

    public DoubleProperty validationFractionProperty() {
        return validationFraction;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    /** Project the file's latitude/longitude pairs onto other directions (generated inputs). */
    public BooleanProperty rotateCoordinatesProperty() {
        return rotateCoordinates;
    }

    /** The latitude/longitude pairs found, e.g. "latitude / longitude"; empty when the file has none. */
    public StringProperty coordinatePairsTextProperty() {
        return coordinatePairsText;
    }

    public BooleanProperty balancedClassWeightsProperty() {
        return balancedClassWeights;
    }

    /** True when the prepared data's warnings include the imbalance flag (the view then offers the fix). */
    public boolean imbalanced() {
        return problems.stream().anyMatch(p -> p.startsWith("Imbalanced classes"));
    }

    public BooleanProperty stratifyProperty() {
        return stratify;
    }

    public ObjectProperty<NetworkShape> shapeProperty() {
        return shape;
    }

    public ObservableList<String> problems() {
        return problems;
    }

    public StringProperty preparedSummaryProperty() {
        return preparedSummary;
    }

    /** True while the data is being prepared in the background to learn its shape. */
    public BooleanProperty preparingProperty() {
        return preparingData;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public ColumnRow row(String name) {
        return columns.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    /** Report of one column, for tests. */
    public ColumnReport report(String name) {
        ColumnRow r = row(name);
        return r == null ? null : r.report();
    }
}
