package dev.layerlab.gui.model;

import static dev.layerlab.gui.model.Fields.DANGER;
import static dev.layerlab.gui.model.Fields.jsonNames;
import static dev.layerlab.gui.model.Fields.label;

import atlantafx.base.theme.Styles;
import dev.layerlab.gui.common.Controls;
import dev.layerlab.gui.common.Formats;
import dev.layerlab.gui.common.Icons;
import dev.layerlab.model.Activation;
import dev.layerlab.model.ActivationLayer;
import dev.layerlab.model.BatchNormLayer;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.Initializer;
import dev.layerlab.model.LayerSpec;
import dev.layerlab.model.ModelSummary;
import dev.layerlab.model.NetworkShape;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/** The model screen: palette, the network as blocks, the selected layer's properties, training settings, summary. */
public final class ModelView {
    private static final String PALETTE_PREFIX = "palette:";
    private static final String LAYER_PREFIX = "layer:";

    private final ModelViewModel vm;
    private final SplitPane root;
    private final VBox canvas = new VBox(0);
    private final VBox properties = new VBox(8);
    private int formIndex = -2;
    /** The graph editor's property sheet, shown in the right panel while the Graph tab is. */
    private Node graphProperties;
    /** The training settings (loss, optimizer, schedule, epochs, early stopping, checkpoints). */
    private final TrainingSettingsPane trainingSettings;
    /** True while the Graph tab is shown. */
    private final javafx.beans.property.BooleanProperty graphMode = new javafx.beans.property.SimpleBooleanProperty(false);
    private Class<?> formType;

    public ModelView(ModelViewModel vm) {
        this.vm = vm;
        this.trainingSettings = new TrainingSettingsPane(vm);
        ScrollPane canvasScroll = new ScrollPane(canvas);
        canvasScroll.setFitToWidth(true);
        canvas.setId("network-canvas");
        canvas.setAlignment(Pos.TOP_CENTER);
        canvas.setPadding(new Insets(16));
        canvas.setFillWidth(false);
        canvas.setOnDragOver(e -> {
            if (e.getDragboard().hasString()) {
                e.acceptTransferModes(TransferMode.MOVE, TransferMode.COPY);
            }
        });
        canvas.setOnDragDropped(e -> {
            e.setDropCompleted(drop(e.getDragboard().getString(), vm.layers().size()));
            e.consume();
        });
        VBox center = new VBox(canvasToolbar(), canvasScroll);
        VBox.setVgrow(canvasScroll, Priority.ALWAYS);
        Node layerPane = layerPane();
        ScrollPane right = new ScrollPane(new VBox(10, layerPane, trainingSettings.root()));
        right.setFitToWidth(true);
        SplitPane middle = new SplitPane(layersOrGraph(center), summaryPane());
        middle.setOrientation(javafx.geometry.Orientation.VERTICAL);
        middle.setDividerPositions(0.66);
        Node palette = palette();
        root = new SplitPane(palette, middle, right);
        root.setDividerPositions(0.15, 0.66);
        // The graph editor brings its own node palette and property sheet: give its canvas the room instead.
        if (graphProperties instanceof ScrollPane sheet) {
            sheet.setPrefViewportHeight(260); // room for a node's fields without scrolling
        }
        TitledPane nodePane = new TitledPane("Selected node", graphProperties);
        nodePane.setCollapsible(false);
        nodePane.setVisible(false);
        nodePane.setManaged(false);
        ((VBox) right.getContent()).getChildren().add(0, nodePane);
        graphMode.addListener((o, wasGraph, graph) -> {
            layerPane.setVisible(!graph);
            layerPane.setManaged(!graph);
            nodePane.setVisible(graph);
            nodePane.setManaged(graph);
            if (graph) {
                root.getItems().remove(palette);
                root.setDividerPositions(0.74);
            } else if (!root.getItems().contains(palette)) {
                root.getItems().add(0, palette);
                root.setDividerPositions(0.15, 0.66);
            }
        });
        root.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE && !(e.getTarget() instanceof TextField)) {
                vm.remove(vm.selectedProperty().get());
            }
        });
        vm.networkProperty().addListener((o, a, b) -> rebuild());
        vm.shapeProperty().addListener((o, a, b) -> rebuild());
        vm.selectedProperty().addListener((o, a, b) -> rebuild());
        vm.problems().addListener((ListChangeListener<String>) c -> rebuild());
        rebuild();
    }

    public Node root() {
        return root;
    }

    /**
     * The quick sequential block view and the node-graph editor (several inputs and outputs, merges) over the
     * same network: whichever tab the user edits in writes the network, the other follows.
     */
    private Node layersOrGraph(Node layers) {
        dev.layerlab.gui.graph.GraphEditorViewModel graphVm = vm.graph(); // shares the layer list's undo history
        dev.layerlab.gui.graph.GraphEditor editor = new dev.layerlab.gui.graph.GraphEditor(graphVm);
        graphProperties = editor.takePropertySheet();
        javafx.scene.control.Tab layersTab = new javafx.scene.control.Tab("Layers", layers);
        javafx.scene.control.Tab graphTab = new javafx.scene.control.Tab("Graph", editor);
        layersTab.setId("model-tab-layers");
        graphTab.setId("model-tab-graph");
        layersTab.setTooltip(new javafx.scene.control.Tooltip("A chain of layers from the input to the output: the quick path."));
        graphTab.setTooltip(new javafx.scene.control.Tooltip(
                "A node graph: several inputs on chosen columns, merges, auxiliary outputs (wide & deep)."));
        javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane(layersTab, graphTab);
        tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("model-view-tabs");
        graphTab.setOnSelectionChanged(e -> {
            vm.setGraphShown(graphTab.isSelected());
            graphMode.set(graphTab.isSelected());
            if (graphTab.isSelected()) {
                javafx.application.Platform.runLater(editor::fitToView); // after the wider layout is applied
            }
        });
        return tabs;
    }

    // ---- palette -----------------------------------------------------------------------------------

    private Node palette() {
        VBox box = new VBox(8);
        box.setPadding(new Insets(10));
        box.setMinWidth(170);
        Label title = new Label("Layers");
        title.getStyleClass().add("section-title");
        Label hint = new Label("Double-click to add after the selected layer, or drag onto the network.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint-label");
        box.getChildren().addAll(title, hint);
        for (ModelViewModel.LayerKind k : ModelViewModel.LayerKind.values()) {
            Label item = new Label(k.title(), Icons.glyph(switch (k) {
                case DENSE -> "mdi2v-vector-polyline";
                case DROPOUT -> "mdi2d-dots-grid";
                case BATCH_NORM -> "mdi2s-scale-balance";
                case ACTIVATION -> "mdi2f-function-variant";
            }));
            item.setId("palette-" + k.name().toLowerCase(Locale.ROOT));
            item.getStyleClass().add("palette-item");
            item.setMaxWidth(Double.MAX_VALUE);
            item.setTooltip(Controls.tooltip(k.help()));
            item.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2) {
                    vm.add(k);
                }
            });
            item.setOnDragDetected(e -> {
                var db = item.startDragAndDrop(TransferMode.COPY);
                ClipboardContent cc = new ClipboardContent();
                cc.putString(PALETTE_PREFIX + k.name());
                db.setContent(cc);
                e.consume();
            });
            box.getChildren().add(item);
        }
        Label t2 = new Label("Start from");
        t2.getStyleClass().add("section-title");
        Button suggest = new Button("Suggest", Icons.glyph("mdi2a-auto-fix"));
        suggest.setId("suggest-network");
        suggest.setMaxWidth(Double.MAX_VALUE);
        suggest.setTooltip(Controls.tooltip("Replace the network with a sensible starting point sized for this data (relu layers, halving in width)."));
        suggest.setOnAction(e -> vm.suggest());
        suggest.disableProperty().bind(vm.shapeProperty().isNull());
        MenuButton templates = new MenuButton("Templates", Icons.glyph("mdi2v-view-grid-plus-outline"));
        templates.setMaxWidth(Double.MAX_VALUE);
        for (String n : vm.templateNames()) {
            MenuItem mi = new MenuItem(n);
            mi.setOnAction(e -> vm.applyTemplate(n));
            templates.getItems().add(mi);
        }
        box.getChildren().addAll(new Region(), t2, suggest, templates);
        return box;
    }

    private Node canvasToolbar() {
        Button undo = iconButton("mdi2u-undo", "Undo (Ctrl+Z)", vm::undo);
        undo.setId("undo");
        undo.disableProperty().bind(vm.canUndoProperty().not());
        Button redo = iconButton("mdi2r-redo", "Redo (Ctrl+Y)", vm::redo);
        redo.setId("redo");
        redo.disableProperty().bind(vm.canRedoProperty().not());
        Button dup = iconButton("mdi2c-content-copy", "Duplicate the selected layer (Ctrl+D)", () -> vm.duplicate(vm.selectedProperty().get()));
        dup.setId("duplicate-layer");
        Button del = iconButton("mdi2d-delete-outline", "Delete the selected layer (Delete)", () -> vm.remove(vm.selectedProperty().get()));
        del.setId("delete-layer");
        Button up = iconButton("mdi2a-arrow-up", "Move the selected layer up (Alt+Up)", () -> vm.move(vm.selectedProperty().get(), vm.selectedProperty().get() - 1));
        up.setId("move-up");
        Button down = iconButton("mdi2a-arrow-down", "Move the selected layer down (Alt+Down)", () -> vm.move(vm.selectedProperty().get(), vm.selectedProperty().get() + 2));
        down.setId("move-down");
        for (Button b : List.of(dup, del, up, down)) {
            b.disableProperty().bind(vm.selectedProperty().lessThan(0));
        }
        Label params = new Label();
        params.setId("total-params");
        params.textProperty().bind(vm.totalParamsProperty().asString("%,d parameters"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(4, undo, redo, new Label("  "), dup, del, up, down, spacer, params);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        return bar;
    }

    /** Installs Ctrl+Z / Ctrl+Y / Ctrl+D on the scene (called by the window). */
    public void installShortcuts(javafx.scene.Scene scene, java.util.function.BooleanSupplier active) {
        scene.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (!active.getAsBoolean() || e.getTarget() instanceof javafx.scene.control.TextInputControl) {
                return;
            }
            if (e.isShortcutDown() && e.getCode() == KeyCode.Z) {
                vm.undo();
                e.consume();
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.Y) {
                vm.redo();
                e.consume();
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.D) {
                vm.duplicate(vm.selectedProperty().get());
                e.consume();
            } else if (e.isAltDown() && e.getCode() == KeyCode.UP) {
                vm.move(vm.selectedProperty().get(), vm.selectedProperty().get() - 1);
                e.consume();
            } else if (e.isAltDown() && e.getCode() == KeyCode.DOWN) {
                vm.move(vm.selectedProperty().get(), vm.selectedProperty().get() + 2);
                e.consume();
            }
        });
    }

    private static Button iconButton(String icon, String tip, Runnable action) {
        Button b = new Button(null, Icons.glyph(icon));
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        b.setTooltip(Controls.tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    // ---- canvas ------------------------------------------------------------------------------------

    private void rebuild() {
        canvas.getChildren().clear();
        NetworkShape shape = vm.shapeProperty().get();
        List<ModelSummary.Row> rows = vm.summaryRows();
        canvas.getChildren().add(ioBlock("Input", shape == null ? "load data and choose a target"
                : shape.inputs() + " features", shape == null ? "" : "(None, " + shape.inputs() + ")"));
        List<LayerSpec> layers = vm.layers();
        for (int i = 0; i < layers.size(); i++) {
            canvas.getChildren().add(arrow());
            ModelSummary.Row row = i < rows.size() ? rows.get(i) : null;
            canvas.getChildren().add(layerBlock(i, layers.get(i), row));
        }
        canvas.getChildren().add(arrow());
        ModelSummary.Row out = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        String outDetail = shape == null ? "automatic for the task"
                : shape.outputs() + " unit" + (shape.outputs() == 1 ? "" : "s") + " · " + vm.toNetworkSpec().resolvedOutputActivation(shape.task()).jsonName()
                + " · loss " + vm.toNetworkSpec().resolvedLoss(shape.task()).jsonName();
        Node outBlock = ioBlock("Output", outDetail, out == null ? "" : out.outputShape() + " · " + Formats.count(out.params()) + " params");
        outBlock.setOnDragOver(e -> e.acceptTransferModes(TransferMode.MOVE, TransferMode.COPY));
        outBlock.setOnDragDropped(e -> {
            e.setDropCompleted(drop(e.getDragboard().getString(), vm.layers().size()));
            e.consume();
        });
        canvas.getChildren().add(outBlock);
        rebuildForm();
    }

    private static Node arrow() {
        Label l = new Label(null, Icons.glyph("mdi2a-arrow-down"));
        l.setPadding(new Insets(1));
        return l;
    }

    private Node ioBlock(String title, String detail, String shapeText) {
        Label t = new Label(title);
        t.getStyleClass().add("layer-type");
        Label d = new Label(detail);
        d.getStyleClass().add("layer-detail");
        Label s = new Label(shapeText);
        s.getStyleClass().add("layer-detail");
        VBox b = new VBox(2, t, d, s);
        b.getStyleClass().addAll("layer-block", "io-block");
        b.setPrefWidth(300);
        b.setAlignment(Pos.CENTER);
        return b;
    }

    private Node layerBlock(int index, LayerSpec layer, ModelSummary.Row row) {
        Label type = new Label(layer.displayType() + "  ·  " + layer.name());
        type.getStyleClass().add("layer-type");
        Label detail = new Label(describe(layer));
        detail.getStyleClass().add("layer-detail");
        Label shape = new Label(row == null ? "" : "output " + row.outputShape() + "  ·  " + Formats.count(row.params()) + " params");
        shape.getStyleClass().add("layer-detail");
        VBox b = new VBox(2, type, detail, shape);
        b.setId("layer-block-" + index);
        b.getStyleClass().add("layer-block");
        b.setPrefWidth(300);
        b.setAlignment(Pos.CENTER);
        if (index == vm.selectedProperty().get()) {
            b.getStyleClass().add("selected");
        }
        List<String> problems = vm.problemsOf(index);
        if (!problems.isEmpty()) {
            b.getStyleClass().add("invalid");
            Label p = new Label(String.join("\n", problems));
            p.setWrapText(true);
            p.getStyleClass().add("problem-label");
            b.getChildren().add(p);
        }
        b.setOnMouseClicked(e -> {
            vm.selectedProperty().set(index);
            b.requestFocus();
        });
        b.setOnDragDetected(e -> {
            var db = b.startDragAndDrop(TransferMode.MOVE);
            ClipboardContent cc = new ClipboardContent();
            cc.putString(LAYER_PREFIX + index);
            db.setContent(cc);
            e.consume();
        });
        b.setOnDragOver(e -> {
            if (e.getDragboard().hasString()) {
                e.acceptTransferModes(TransferMode.MOVE, TransferMode.COPY);
                if (!b.getStyleClass().contains("drop-target")) {
                    b.getStyleClass().add("drop-target");
                }
            }
            e.consume();
        });
        b.setOnDragExited(e -> b.getStyleClass().remove("drop-target"));
        b.setOnDragDropped(e -> {
            // Dropping on the upper half inserts before the block, on the lower half after it.
            int at = e.getY() < b.getHeight() / 2 ? index : index + 1;
            e.setDropCompleted(drop(e.getDragboard().getString(), at));
            e.consume();
        });
        return b;
    }

    private boolean drop(String payload, int at) {
        if (payload == null) {
            return false;
        }
        if (payload.startsWith(PALETTE_PREFIX)) {
            vm.insert(at, ModelViewModel.LayerKind.valueOf(payload.substring(PALETTE_PREFIX.length())));
            return true;
        }
        if (payload.startsWith(LAYER_PREFIX)) {
            vm.move(Integer.parseInt(payload.substring(LAYER_PREFIX.length())), at);
            return true;
        }
        return false;
    }

    static String describe(LayerSpec l) {
        if (l instanceof DenseLayer d) {
            String reg = (d.l1() > 0 ? " · l1 " + d.l1() : "") + (d.l2() > 0 ? " · l2 " + d.l2() : "");
            return d.units() + " units · " + d.activation().jsonName() + " · " + d.weightInit().jsonName() + reg;
        }
        if (l instanceof DropoutLayer d) {
            return "rate " + d.rate();
        }
        if (l instanceof ActivationLayer a) {
            return a.activation().jsonName();
        }
        if (l instanceof BatchNormLayer) {
            return "normalizes each feature over the batch";
        }
        return "";
    }

    // ---- property sheet ---------------------------------------------------------------------------

    private Node layerPane() {
        TitledPane t = new TitledPane("Selected layer", properties);
        t.setCollapsible(false);
        properties.setPadding(new Insets(8));
        properties.setId("layer-properties");
        return t;
    }

    private void rebuildForm() {
        int i = vm.selectedProperty().get();
        LayerSpec l = vm.selectedLayer();
        Class<?> type = l == null ? null : l.getClass();
        if (i == formIndex && type == formType) {
            return; // keep the form (and the caret) while the user types
        }
        formIndex = i;
        formType = type;
        properties.getChildren().clear();
        if (l == null) {
            Label none = new Label("Select a layer in the network to edit it.");
            none.getStyleClass().add("hint-label");
            none.setWrapText(true);
            properties.getChildren().add(none);
            return;
        }
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        Label error = new Label();
        error.setWrapText(true);
        error.getStyleClass().add("problem-label");
        int r = 0;
        g.addRow(r++, label("Type", null), new Label(l.displayType()));
        TextField name = text(l.name(), Hints.NAME);
        name.setId("prop-name");
        name.textProperty().addListener((o, a, s) -> update(i, cur -> s.isBlank() ? null : cur.withName(s.trim()), name, error, "name must not be blank"));
        g.addRow(r++, label("Name", Hints.NAME), name);
        if (l instanceof DenseLayer d) {
            TextField units = text(String.valueOf(d.units()), Hints.UNITS);
            units.setId("prop-units");
            units.textProperty().addListener((o, a, s) -> update(i, cur -> {
                int u = Integer.parseInt(s.trim());
                return u >= 1 ? ((DenseLayer) cur).withUnits(u) : null;
            }, units, error, "units must be a whole number of at least 1"));
            g.addRow(r++, label("Units", Hints.UNITS), units);
            ComboBox<Activation> act = combo(Activation.values(), d.activation(), Hints.ACTIVATION);
            act.valueProperty().addListener((o, a, v) -> update(i, cur -> ((DenseLayer) cur).withActivation(v), act, error, ""));
            g.addRow(r++, label("Activation", Hints.ACTIVATION), act);
            ComboBox<Initializer> init = combo(Initializer.values(), d.weightInit(), Hints.WEIGHT_INIT);
            init.valueProperty().addListener((o, a, v) -> update(i, cur -> ((DenseLayer) cur).withWeightInit(v), init, error, ""));
            g.addRow(r++, label("Weight init", Hints.WEIGHT_INIT), init);
            TextField bias = text(String.valueOf(d.biasInit()), Hints.BIAS_INIT);
            bias.textProperty().addListener((o, a, s) -> update(i, cur -> ((DenseLayer) cur).withBiasInit(Double.parseDouble(s.trim())), bias, error, "bias init must be a number"));
            g.addRow(r++, label("Bias init", Hints.BIAS_INIT), bias);
            TextField l1 = text(String.valueOf(d.l1()), Hints.L1);
            TextField l2 = text(String.valueOf(d.l2()), Hints.L2);
            l1.textProperty().addListener((o, a, s) -> update(i, cur -> {
                double v = Double.parseDouble(s.trim());
                return v >= 0 ? ((DenseLayer) cur).withRegularization(v, ((DenseLayer) cur).l2()) : null;
            }, l1, error, "l1 must be a number ≥ 0"));
            l2.textProperty().addListener((o, a, s) -> update(i, cur -> {
                double v = Double.parseDouble(s.trim());
                return v >= 0 ? ((DenseLayer) cur).withRegularization(((DenseLayer) cur).l1(), v) : null;
            }, l2, error, "l2 must be a number ≥ 0"));
            g.addRow(r++, label("L1", Hints.L1), l1);
            g.addRow(r++, label("L2", Hints.L2), l2);
        } else if (l instanceof DropoutLayer d) {
            TextField rate = text(String.valueOf(d.rate()), Hints.DROPOUT);
            rate.setId("prop-rate");
            rate.textProperty().addListener((o, a, s) -> update(i, cur -> {
                double v = Double.parseDouble(s.trim());
                return v >= 0 && v < 1 ? new DropoutLayer(cur.name(), v, d.alpha()) : null;
            }, rate, error, "rate must be a number in [0, 1)"));
            g.addRow(r++, label("Rate", Hints.DROPOUT), rate);
        } else if (l instanceof ActivationLayer a) {
            ComboBox<Activation> act = combo(Activation.values(), a.activation(), Hints.ACTIVATION);
            act.valueProperty().addListener((o, x, v) -> update(i, cur -> new ActivationLayer(cur.name(), v), act, error, ""));
            g.addRow(r++, label("Activation", Hints.ACTIVATION), act);
        } else if (l instanceof BatchNormLayer) {
            Label n = new Label("No settings: learns a scale and shift per feature.");
            n.setWrapText(true);
            g.add(n, 0, r++, 2, 1);
        }
        properties.getChildren().addAll(g, error);
    }

    /** Applies an edit if the text parses and the result is valid; otherwise marks the field. */
    private void update(int index, Function<LayerSpec, LayerSpec> change, Control field, Label error, String message) {
        if (index >= vm.layers().size()) {
            return;
        }
        LayerSpec next;
        try {
            next = change.apply(vm.layers().get(index));
        } catch (RuntimeException e) {
            next = null;
        }
        if (next == null) {
            field.pseudoClassStateChanged(DANGER, true);
            error.setText(message);
            return;
        }
        field.pseudoClassStateChanged(DANGER, false);
        error.setText("");
        vm.replace(index, next);
    }

    private static TextField text(String value, String tip) {
        TextField t = new TextField(value);
        t.setPrefColumnCount(10);
        t.setTooltip(Controls.tooltip(tip));
        return t;
    }

    private static <E extends Enum<E>> ComboBox<E> combo(E[] values, E value, String tip) {
        ComboBox<E> c = new ComboBox<>(FXCollections.observableArrayList(values));
        c.setValue(value);
        c.setConverter(jsonNames());
        c.setTooltip(Controls.tooltip(tip));
        c.setMaxWidth(Double.MAX_VALUE);
        return c;
    }


    /** Enables "Find…" beside the learning rate. */
    public void setLrFinder(LrFindViewModel finder) {
        trainingSettings.setLrFinder(finder);
    }

    private Node summaryPane() {
        TextArea summary = new TextArea();
        summary.setId("model-summary");
        summary.setEditable(false);
        summary.getStyleClass().add("summary-text");
        summary.textProperty().bind(vm.summaryTextProperty());
        VBox problems = new VBox(3);
        problems.setId("model-problems");
        Consumer<Void> fill = x -> {
            problems.getChildren().clear();
            for (String p : vm.problems()) {
                Label l = new Label("⚠ " + p);
                l.setWrapText(true);
                l.getStyleClass().add("problem-label");
                problems.getChildren().add(l);
            }
        };
        vm.problems().addListener((ListChangeListener<String>) c -> fill.accept(null));
        fill.accept(null);
        VBox box = new VBox(4, problems, summary);
        box.setPadding(new Insets(4, 8, 4, 8));
        VBox.setVgrow(summary, Priority.ALWAYS);
        return box;
    }
}
