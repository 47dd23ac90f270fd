package dev.layerlab.gui.data;

import dev.layerlab.data.CategoryCount;
import dev.layerlab.data.ColumnReport;
import dev.layerlab.data.Imputation;
import dev.layerlab.data.Scaling;
import dev.layerlab.data.Table;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.gui.common.Controls;
import dev.layerlab.gui.common.Formats;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.cell.ComboBoxTableCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;

import java.util.List;
import java.util.stream.IntStream;

/** The data screen: file and format, split, target and task on the left; the column report and a preview. */
public final class DataView {
    private static final int PREVIEW_ROWS = 1000;

    private final DataViewModel vm;
    private final SplitPane root;
    private final TableView<Integer> preview = new TableView<>();

    public DataView(DataViewModel vm) {
        this.vm = vm;
        ScrollPane side = new ScrollPane(settings());
        side.setFitToWidth(true);
        side.setMinWidth(280);
        side.setPrefWidth(285);
        SplitPane center = new SplitPane(columnTable(), previewPane());
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.58);
        root = new SplitPane(side, center);
        root.setDividerPositions(0.2);
        SplitPane.setResizableWithParent(side, false);
        vm.tableProperty().addListener((o, a, t) -> fillPreview(t));
    }

    public Node root() {
        return root;
    }

    private Node settings() {
        VBox box = new VBox(10);
        box.setPadding(new Insets(10));
        Label file = new Label("No file open: Open CSV (Ctrl+O) or drop a file on the window");
        file.setWrapText(true);
        file.setId("data-file");
        file.textProperty().bind(Bindings.createStringBinding(() -> vm.csvProperty().get() == null
                ? "No file open: Open CSV (Ctrl+O) or drop a file on the window"
                : vm.csvProperty().get().getFileName().toString(), vm.csvProperty()));
        file.getStyleClass().add("screen-title");
        Label format = new Label();
        format.setWrapText(true);
        format.getStyleClass().add("hint-label");
        format.textProperty().bind(Bindings.createStringBinding(() -> {
            Table t = vm.tableProperty().get();
            return t == null ? "" : "Detected: " + vm.formatTextProperty().get() + " · "
                    + Formats.count(t.rowCount()) + " rows × " + t.columnCount() + " columns";
        }, vm.tableProperty(), vm.formatTextProperty()));

        ComboBox<String> delim = new ComboBox<>(FXCollections.observableArrayList(",", ";", "Tab", "|", "Space"));
        delim.setEditable(true);
        delim.setPrefWidth(90);
        delim.valueProperty().bindBidirectional(vm.delimiterProperty());
        delim.setTooltip(Controls.tooltip("The character between fields. Detected from the file; change it and press Reload if the columns look wrong."));
        CheckBox header = new CheckBox("First row is a header");
        header.selectedProperty().bindBidirectional(vm.headerProperty());
        Button reload = new Button("Reload");
        reload.setOnAction(e -> vm.reloadWithFormat());
        reload.setTooltip(Controls.tooltip("Read the file again with this delimiter and header setting."));
        GridPane fmt = grid();
        fmt.addRow(0, new Label("Delimiter"), delim);
        fmt.add(header, 0, 1, 2, 1);
        fmt.add(reload, 0, 2);

        ComboBox<String> target = new ComboBox<>(vm.columnNames());
        target.setId("target-choice");
        target.setMaxWidth(Double.MAX_VALUE);
        target.valueProperty().bindBidirectional(vm.targetProperty());
        target.setTooltip(Controls.tooltip("The column the network learns to predict. Every other column is an input unless set to ignore."));
        ComboBox<TaskChoice> task = new ComboBox<>(FXCollections.observableArrayList(TaskChoice.values()));
        task.valueProperty().bindBidirectional(vm.taskProperty());
        task.setConverter(enumConverter());
        task.setMaxWidth(Double.MAX_VALUE);
        task.setTooltip(Controls.tooltip("Auto: text targets and two-valued numbers are classification, other numbers regression. Set Classification to treat a few whole numbers (ratings) as classes."));
        GridPane tg = grid();
        tg.addRow(0, new Label("Target"), target);
        tg.addRow(1, new Label("Task"), task);
        javafx.scene.control.CheckBox balanced = new javafx.scene.control.CheckBox("Balanced class weights");
        balanced.setId("balanced-class-weights");
        balanced.selectedProperty().bindBidirectional(vm.balancedClassWeightsProperty());
        balanced.setTooltip(Controls.tooltip("Classification: weigh each class's rows by rows / (classes x rows of the class), so rare classes count as much as frequent ones. Offered when the target is imbalanced."));
        tg.add(balanced, 0, 2, 2, 1);
        CheckBox rotate = new CheckBox("Rotated coordinates");
        rotate.setId("rotate-coordinates");
        rotate.selectedProperty().bindBidirectional(vm.rotateCoordinatesProperty());
        rotate.setTooltip(Controls.tooltip("Adds the position projected onto 10 directions between north and east (every 15 degrees) as inputs, so the network can follow diagonal boundaries on the map with one cut. Computed by predict and serve too."));
        Label rotateHint = new Label();
        rotateHint.textProperty().bind(Bindings.concat(vm.coordinatePairsTextProperty(), ": +",
                String.valueOf(dev.layerlab.data.CoordinateRotation.DEFAULT_DEGREES.size()), " inputs"));
        rotateHint.setWrapText(true);
        rotateHint.getStyleClass().add("hint-label");
        VBox rotateBox = new VBox(2, rotate, rotateHint);
        rotateBox.visibleProperty().bind(vm.coordinatePairsTextProperty().isNotEmpty());
        rotateBox.managedProperty().bind(rotateBox.visibleProperty());
        tg.add(rotateBox, 0, 3, 2, 1);

        Spinner<Double> train = fractionSpinner(vm.trainFractionProperty().get());
        train.getValueFactory().valueProperty().addListener((o, a, v) -> vm.trainFractionProperty().set(v));
        train.setTooltip(Controls.tooltip("Share of rows the network learns from. 0.7 is usual."));
        Spinner<Double> val = fractionSpinner(vm.validationFractionProperty().get());
        val.getValueFactory().valueProperty().addListener((o, a, v) -> vm.validationFractionProperty().set(v));
        val.setTooltip(Controls.tooltip("Rows held out during training to watch over-fitting and drive early stopping. 0.15 is usual."));
        vm.trainFractionProperty().addListener((o, a, v) -> train.getValueFactory().setValue(v.doubleValue()));
        vm.validationFractionProperty().addListener((o, a, v) -> val.getValueFactory().setValue(v.doubleValue()));
        Label test = new Label();
        test.textProperty().bind(Bindings.createStringBinding(() -> String.format(java.util.Locale.ROOT, "%.2f",
                Math.max(0, 1 - vm.trainFractionProperty().get() - vm.validationFractionProperty().get())),
                vm.trainFractionProperty(), vm.validationFractionProperty()));
        TextField seed = new TextField();
        seed.setPrefColumnCount(8);
        seed.setText(String.valueOf(vm.seedProperty().get()));
        vm.seedProperty().addListener((o, a, v) -> seed.setText(String.valueOf(v)));
        seed.textProperty().addListener((o, a, s) -> {
            try {
                vm.seedProperty().set(Long.parseLong(s.trim()));
                seed.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), false);
            } catch (NumberFormatException e) {
                seed.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), true);
            }
        });
        seed.setTooltip(Controls.tooltip("Seed of the shuffle that splits the rows: the same seed gives the same split, so runs compare fairly."));
        CheckBox strat = new CheckBox("Stratify (classification)");
        strat.selectedProperty().bindBidirectional(vm.stratifyProperty());
        strat.setTooltip(Controls.tooltip("Keep each class's share the same in train, validation and test."));
        GridPane sp = grid();
        sp.addRow(0, new Label("Train"), train);
        sp.addRow(1, new Label("Validation"), val);
        sp.addRow(2, new Label("Test"), test);
        sp.addRow(3, new Label("Seed"), seed);
        sp.add(strat, 0, 4, 2, 1);

        Label summary = new Label();
        summary.setId("data-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.preparedSummaryProperty());
        VBox problems = new VBox(4);
        problems.setId("data-problems");
        vm.problems().addListener((ListChangeListener<String>) c -> {
            problems.getChildren().clear();
            for (String p : vm.problems()) {
                Label l = new Label("⚠ " + p);
                l.setWrapText(true);
                l.getStyleClass().add("warning-label");
                problems.getChildren().add(l);
            }
        });
        box.getChildren().addAll(file, format, section("Format", fmt), new Separator(), section("What to predict", tg),
                new Separator(), section("Split", sp), new Separator(), summary, problems);
        return box;
    }

    private static Node section(String title, Node content) {
        Label l = new Label(title);
        l.getStyleClass().add("section-title");
        return new VBox(6, l, content);
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        return g;
    }

    private static Spinner<Double> fractionSpinner(double initial) {
        Spinner<Double> s = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(0, 1, initial, 0.05));
        s.setEditable(true);
        s.setPrefWidth(100);
        return s;
    }

    private Node columnTable() {
        TableView<ColumnRow> t = new TableView<>(vm.columns());
        vm.targetProperty().addListener((o, a, b) -> t.refresh()); // the target's row shows no imputation
        t.setId("column-table");
        t.setEditable(true);
        t.setPlaceholder(new Label("Open a CSV to see one row per column: type, missing values, distribution, and how it is used."));
        TableColumn<ColumnRow, ColumnRow> name = new TableColumn<>("Column");
        name.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        name.setCellFactory(c -> new ColumnNameCell());
        name.setComparator(java.util.Comparator.comparing(ColumnRow::name));
        // Wide enough for the longest column name of the open file (within reason), so names are not clipped.
        vm.columns().addListener((javafx.collections.ListChangeListener<ColumnRow>) ch ->
                name.setPrefWidth(nameColumnWidth(vm.columns())));
        name.setPrefWidth(150);
        TableColumn<ColumnRow, dev.layerlab.data.ColumnKind> type = new TableColumn<>("Type");
        type.setCellValueFactory(d -> d.getValue().kindProperty());
        type.setCellFactory(c -> new ComboBoxTableCell<>(enumConverter(), dev.layerlab.data.ColumnKind.values()) {
            @Override
            public void updateItem(dev.layerlab.data.ColumnKind item, boolean empty) {
                super.updateItem(item, empty);
                ColumnRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setEditable(row != null && row.canChangeType());
                if (row != null) {
                    getItems().setAll(row.kindChoices());
                }
                if (row != null && !row.canChangeType()) {
                    // text, constant and empty columns keep what the file holds
                    setText(row.report().type().name().toLowerCase(java.util.Locale.ROOT));
                }
            }
        });
        type.setPrefWidth(102);
        TableColumn<ColumnRow, String> why = new TableColumn<>("Kind / why");
        why.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().why()));
        why.setPrefWidth(340);
        why.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : Controls.tooltip(item));
            }
        });
        TableColumn<ColumnRow, Boolean> log1p = new TableColumn<>("log1p");
        log1p.setCellValueFactory(d -> d.getValue().log1pProperty());
        log1p.setCellFactory(javafx.scene.control.cell.CheckBoxTableCell.forTableColumn(log1p));
        log1p.setEditable(true);
        log1p.setPrefWidth(74);
        TableColumn<ColumnRow, Boolean> zero = new TableColumn<>("is 0");
        zero.setCellValueFactory(d -> d.getValue().zeroIndicatorProperty());
        zero.setCellFactory(c -> new javafx.scene.control.cell.CheckBoxTableCell<>(i -> zero.getCellObservableValue(i)) {
            @Override
            public void updateItem(Boolean item, boolean empty) {
                super.updateItem(item, empty);
                ColumnRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                boolean numeric = row != null && row.isNumeric() && row.roleProperty().get() == ColumnRole.FEATURE;
                setEditable(numeric);
                if (row != null && !numeric) {
                    setGraphic(null); // only numeric inputs have an "is 0" input
                }
            }
        });
        zero.setEditable(true);
        zero.setPrefWidth(64);
        TableColumn<ColumnRow, String> missing = new TableColumn<>("Missing");
        missing.setCellValueFactory(d -> new ReadOnlyStringWrapper(Formats.count(d.getValue().report().missing())));
        missing.setPrefWidth(84);
        TableColumn<ColumnRow, String> stats = new TableColumn<>("Statistics");
        stats.setCellValueFactory(d -> new ReadOnlyStringWrapper(statsText(d.getValue().report())));
        stats.setPrefWidth(204);
        stats.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null ? null : Controls.tooltip(item));
            }
        });
        TableColumn<ColumnRow, ColumnReport> dist = new TableColumn<>("Distribution");
        dist.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().report()));
        dist.setCellFactory(c -> new HistogramCell());
        dist.setPrefWidth(116);
        dist.setSortable(false);
        TableColumn<ColumnRow, ColumnRole> role = new TableColumn<>("Role");
        role.setCellValueFactory(d -> d.getValue().roleProperty());
        role.setCellFactory(ComboBoxTableCell.forTableColumn(ColumnRole.values()));
        role.setOnEditCommit(e -> {
            e.getRowValue().roleProperty().set(e.getNewValue());
            vm.roleEdited(e.getRowValue());
        });
        role.setPrefWidth(85);
        TableColumn<ColumnRow, Imputation> impute = new TableColumn<>("Impute");
        impute.setCellValueFactory(d -> d.getValue().imputeProperty());
        impute.setCellFactory(c -> new ComboBoxTableCell<>(enumConverter(), Imputation.values()) {
            @Override
            public void updateItem(Imputation item, boolean empty) {
                super.updateItem(item, empty);
                ColumnRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                boolean target = row != null && row.roleProperty().get() == ColumnRole.TARGET;
                setEditable(!target);
                if (target) {
                    setText("rows dropped"); // a row without the answer cannot teach or test anything
                }
            }
        });
        impute.setPrefWidth(122);
        TableColumn<ColumnRow, String> constant = new TableColumn<>("Fill");
        constant.setCellValueFactory(d -> d.getValue().constantProperty());
        constant.setCellFactory(javafx.scene.control.cell.TextFieldTableCell.forTableColumn());
        constant.setPrefWidth(55);
        TableColumn<ColumnRow, Scaling> scaling = new TableColumn<>("Scaling");
        scaling.setCellValueFactory(d -> d.getValue().scalingProperty());
        scaling.setCellFactory(c -> new ComboBoxTableCell<>(enumConverter(), Scaling.values()) {
            @Override
            public void updateItem(Scaling item, boolean empty) {
                super.updateItem(item, empty);
                ColumnRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                boolean numeric = row != null && row.isNumeric();
                setEditable(numeric);
                if (row != null && !numeric) {
                    setText("one-hot");
                }
            }
        });
        scaling.setPrefWidth(105);
        TableColumn<ColumnRow, dev.layerlab.data.Encoding> encoding = new TableColumn<>("Encoding");
        encoding.setCellValueFactory(d -> d.getValue().encodingProperty());
        encoding.setCellFactory(c -> new ComboBoxTableCell<>(enumConverter(), dev.layerlab.data.Encoding.values()) {
            @Override
            public void updateItem(dev.layerlab.data.Encoding item, boolean empty) {
                super.updateItem(item, empty);
                ColumnRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                boolean choice = row != null && row.hasEncodingChoice()
                        && row.roleProperty().get() == ColumnRole.FEATURE;
                setEditable(choice);
                if (row != null && !choice) {
                    setText(null);
                } else if (row != null && item != null && !isEditing()) {
                    // the number of categories is what the choice depends on
                    setText(DataView.<dev.layerlab.data.Encoding>enumConverter().toString(item) + " (" + Formats.count(row.report().distinct()) + ")");
                }
            }
        });
        encoding.setPrefWidth(150);
        headerTip(constant, "The value used when Impute is 'constant'.");
        t.getColumns().addAll(List.of(name, type, role, why, log1p, zero, encoding, missing, stats, dist, impute, constant, scaling));
        headerTip(encoding, "Categorical columns: one input per category (one-hot), or one learned vector per category"
                + " (embedding: the default above " + dev.layerlab.data.Embeddings.EMBED_ABOVE
                + " categories; rare ones share an 'other' vector). The number of categories is in brackets.");
        headerTip(why, "What the column holds (numeric, categorical, binary, date, id, text) and why it is used or ignored by default.");
        headerTip(zero, "Numeric columns: an extra 0/1 input that is 1 when the value is exactly 0 (rainfall, amounts)."
                + " Ticked by default where at least 10 % of the values are 0.");
        headerTip(log1p, "Scale a skewed positive column (counts, money) as log(1+x); offered where the column is flagged skewed.");
        t.setFixedCellSize(40);
        headerTip(role, "feature: an input; target: what to predict; ignore: left out (ids, free text, leaks of the answer).");
        headerTip(impute, "How missing cells are filled, from the training rows only: mean or median (numbers), most frequent, a constant, or drop the row.");
        headerTip(type, "numeric columns can be treated as categorical (codes, ratings): each value becomes its own one-hot feature.");
        headerTip(scaling, "standardize: zero mean, unit variance (usual); minmax: to [0, 1]; none: as is. Text columns are one-hot encoded.");
        return t;
    }

    private static <T> void headerTip(TableColumn<ColumnRow, T> c, String tip) {
        Label l = new Label(c.getText());
        l.setTooltip(Controls.tooltip(tip));
        c.setGraphic(l);
        c.setText("");
    }

    private static <E extends Enum<E>> StringConverter<E> enumConverter() {
        return new StringConverter<>() {
            @Override
            public String toString(E e) {
                return e == null ? "" : e.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            }

            @Override
            public E fromString(String s) {
                return null;
            }
        };
    }

    private static double nameColumnWidth(List<ColumnRow> rows) {
        double widest = 0;
        for (ColumnRow r : rows) {
            javafx.scene.text.Text t = new javafx.scene.text.Text("⚠ " + r.name());
            widest = Math.max(widest, t.getLayoutBounds().getWidth());
            if (!r.report().problems().isEmpty()) {
                // the problem line under the name (drawn at 0.85 of the theme's font size)
                javafx.scene.text.Text p = new javafx.scene.text.Text(String.join("; ", r.report().problems()));
                widest = Math.max(widest, p.getLayoutBounds().getWidth()); // measured at the default font: the theme's is larger
            }
        }
        return Math.max(120, Math.min(260, widest + 24));
    }

    private static String statsText(ColumnReport r) {
        if (r.mean() != null) {
            return "mean " + Formats.compact(r.mean()) + " ± " + Formats.compact(r.std() == null ? Double.NaN : r.std())
                    + "\n[" + Formats.compact(r.min()) + ", " + Formats.compact(r.max()) + "]";
        }
        StringBuilder sb = new StringBuilder(Formats.count(r.distinct()) + " distinct");
        if (!r.topCategories().isEmpty()) {
            CategoryCount c = r.topCategories().get(0);
            sb.append("\ntop: ").append(c.value()).append(" (").append(Formats.count(c.count())).append(")");
        }
        return sb.toString();
    }

    /**
     * The column's name and, under it in warning colour, its problems (constant, many missing, target with
     * missing values): shown beside the column they concern, the full text in the tooltip.
     */
    private static final class ColumnNameCell extends TableCell<ColumnRow, ColumnRow> {
        @Override
        protected void updateItem(ColumnRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            List<String> problems = row.report().problems();
            if (problems.isEmpty()) {
                setText(row.name());
                setGraphic(null);
                setTooltip(Controls.tooltip(row.name()));
                return;
            }
            Label title = new Label("⚠ " + row.name());
            Label problem = new Label(String.join("; ", problems));
            problem.getStyleClass().addAll("warning-label", "column-problem");
            problem.setStyle("-fx-font-size: 0.85em;");
            javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(0, title, problem);
            setText(null);
            setGraphic(box);
            setTooltip(Controls.tooltip(row.name() + ": " + String.join("; ", problems)));
        }
    }

    /** A small bar chart: the histogram of a numeric column or the top categories of a text column. */
    private static final class HistogramCell extends TableCell<ColumnRow, ColumnReport> {
        @Override
        protected void updateItem(ColumnReport r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                return;
            }
            int[] counts = r.histogram() != null && r.histogram().length > 0 ? r.histogram()
                    : r.topCategories().stream().mapToInt(CategoryCount::count).toArray();
            Pane p = new Pane();
            double w = 110;
            double h = 30;
            p.setPrefSize(w, h);
            p.setMinSize(w, h);
            int max = 1;
            for (int c : counts) {
                max = Math.max(max, c);
            }
            double bw = counts.length == 0 ? 0 : w / counts.length;
            for (int i = 0; i < counts.length; i++) {
                double bh = Math.max(1, h * counts[i] / max);
                Rectangle rect = new Rectangle(i * bw, h - bh, Math.max(1, bw - 1), bh);
                rect.setStyle("-fx-fill: -color-accent-emphasis;");
                p.getChildren().add(rect);
            }
            String tip = r.histogram() != null && r.histogram().length > 0
                    ? "Histogram over [" + Formats.num(r.histogramMin()) + ", " + Formats.num(r.histogramMax()) + "]"
                    : String.join("\n", r.topCategories().stream().map(c -> c.value() + ": " + Formats.count(c.count())).toList());
            setTooltip(Controls.tooltip(tip));
            setGraphic(p);
        }
    }

    private Node previewPane() {
        preview.setId("data-preview");
        preview.setPlaceholder(new Label("No data"));
        Label title = new Label("Preview (first " + PREVIEW_ROWS + " rows)");
        title.getStyleClass().add("section-title");
        VBox box = new VBox(4, title, preview);
        box.setPadding(new Insets(6, 6, 0, 6));
        javafx.scene.layout.VBox.setVgrow(preview, javafx.scene.layout.Priority.ALWAYS);
        return box;
    }

    private void fillPreview(Table t) {
        preview.getColumns().clear();
        if (t == null) {
            preview.getItems().clear();
            return;
        }
        for (int c = 0; c < t.columnCount(); c++) {
            final int ci = c;
            TableColumn<Integer, String> col = new TableColumn<>(t.columnNames().get(c));
            col.setCellValueFactory(d -> new ReadOnlyStringWrapper(t.column(ci).text(d.getValue())));
            col.setSortable(false);
            col.setPrefWidth(Math.max(80, Math.min(180, 9 * t.columnNames().get(c).length() + 20)));
            preview.getColumns().add(col);
        }
        ObservableList<Integer> rows = FXCollections.observableArrayList(
                IntStream.range(0, Math.min(PREVIEW_ROWS, t.rowCount())).boxed().toList());
        preview.setItems(rows);
    }
}
