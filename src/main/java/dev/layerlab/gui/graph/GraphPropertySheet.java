package dev.layerlab.gui.graph;

import atlantafx.base.theme.Styles;
import dev.layerlab.gui.graph.GraphEditorViewModel.NodeKind;
import dev.layerlab.model.Activation;
import dev.layerlab.model.ActivationLayer;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.Initializer;
import dev.layerlab.model.InputNode;
import dev.layerlab.model.LayerSpec;
import dev.layerlab.model.Loss;
import dev.layerlab.model.MergeLayer;
import dev.layerlab.model.MergeMode;
import dev.layerlab.model.OutputNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.controlsfx.control.CheckListView;
import org.controlsfx.control.PopOver;

/**
 * The graph editor's property sheet: the selected node's name and settings (an input's columns, a layer's units,
 * activation, initializer and penalties, a merge's mode, an output's loss weight, target, activation and loss),
 * each edit applied to {@link GraphEditorViewModel} as the user types, and the node's problems.
 */
public final class GraphPropertySheet extends VBox {
    private final GraphEditorViewModel vm;
    /** Set while this sheet's own edit changes the spec: the sheet is not rebuilt under the user's cursor. */
    private boolean committing;

    public GraphPropertySheet(GraphEditorViewModel vm) {
        this.vm = vm;
        getStyleClass().add("graph-properties");
        vm.selectedNodeProperty().addListener((obs, old, now) -> rebuild());
        vm.specProperty().addListener((obs, old, now) -> {
            if (!committing) {
                rebuild();
            }
        });
        vm.availableColumns().addListener((ListChangeListener<String>) c -> rebuild());
        rebuild();
    }

    // ------------------------------------------------------------------ columns

    private CheckListView<String> columnChecklist(String inputName) {
        CheckListView<String> list = new CheckListView<>(javafx.collections.FXCollections.observableArrayList(vm.availableColumns()));
        list.setId("columns-" + inputName);
        InputNode input = vm.input(inputName);
        if (input != null) {
            for (String column : input.columns()) {
                list.getCheckModel().check(column);
            }
        }
        list.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> {
            List<String> checked = new ArrayList<>(vm.availableColumns());
            checked.retainAll(list.getCheckModel().getCheckedItems());
            commitFromPanel(() -> vm.setInputColumns(inputName, checked));
        });
        list.setPrefHeight(Math.min(260, 26 * vm.availableColumns().size() + 6));
        return list;
    }

    /** The input's column checklist in a pop-over beside {@code owner} (the node on the canvas). */
    void showColumnsPopOver(String inputName, Node owner) {
        if (vm.availableColumns().isEmpty()) {
            return;
        }
        VBox box = new VBox(6, new Label("Columns taken by '" + inputName + "'"), columnChecklist(inputName),
                mutedLabel("None checked = every column."));
        box.setPadding(new Insets(10));
        PopOver pop = new PopOver(box);
        pop.setArrowLocation(PopOver.ArrowLocation.LEFT_TOP);
        pop.setOnHidden(e -> rebuild());
        pop.show(owner);
    }

    // ------------------------------------------------------------------ property panel

    private void commitFromPanel(Runnable edit) {
        committing = true;
        try {
            edit.run();
        } finally {
            committing = false;
        }
    }

    static Label mutedLabel(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    /** Shows the selected node's settings (or what to do when none is selected). */
    public void rebuild() {
        getChildren().clear();
        String name = vm.selectedNodeProperty().get();
        NodeKind kind = name == null ? null : vm.kindOf(name);
        Label heading = new Label(kind == null ? "Properties" : "Properties of '" + name + "'");
        heading.getStyleClass().add("graph-section");
        heading.setWrapText(true);
        getChildren().add(heading);
        if (kind == null) {
            getChildren().add(mutedLabel("Select a node to edit it. Selecting a wire and pressing Delete removes it."));
            return;
        }
        TextField nameField = new TextField(name);
        nameField.setId("prop-name");
        Label nameError = errorLabel();
        Runnable rename = () -> {
            String problem = vm.rename(name, nameField.getText());
            nameError.setText(problem == null ? "" : problem);
            nameField.pseudoClassStateChanged(Styles.STATE_DANGER, problem != null);
        };
        nameField.setOnAction(e -> rename.run());
        nameField.focusedProperty().addListener((obs, was, is) -> {
            if (!is && !nameField.getText().equals(name) && vm.kindOf(name) != null) {
                rename.run();
            }
        });
        getChildren().addAll(new Label("Name"), nameField, nameError);

        switch (kind) {
            case INPUT -> {
                getChildren().add(new Label("Columns"));
                if (vm.availableColumns().isEmpty()) {
                    getChildren().add(mutedLabel("No data loaded: the input takes every column."));
                } else {
                    getChildren().addAll(columnChecklist(name), mutedLabel("None checked = every column."));
                }
            }
            case LAYER, MERGE -> layerProperties(name, vm.layer(name));
            case OUTPUT -> outputProperties(name, vm.output(name));
        }
        List<String> problems = vm.problemsOf(name);
        if (!problems.isEmpty()) {
            Label p = new Label(String.join("\n", problems));
            p.setWrapText(true);
            p.getStyleClass().add("graph-error");
            getChildren().addAll(new Separator(), p);
        }
    }

    private Label errorLabel() {
        Label l = new Label();
        l.setWrapText(true);
        l.getStyleClass().add("graph-error");
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }

    private void layerProperties(String name, LayerSpec layer) {
        if (layer instanceof DenseLayer d) {
            numberField("Units", "prop-units", String.valueOf(d.units()), text -> {
                int units = Integer.parseInt(text.strip());
                if (units < 1) {
                    throw new IllegalArgumentException("at least 1 unit");
                }
                return units;
            }, units -> vm.updateLayer(name, ((DenseLayer) vm.layer(name)).withUnits(units), "units:" + name));
            combo("Activation", "prop-activation", List.of(Activation.values()), d.activation(), Activation::jsonName,
                    a -> vm.updateLayer(name, ((DenseLayer) vm.layer(name)).withActivation(a), null));
            List<Initializer> inits = new ArrayList<>();
            inits.add(null);
            inits.addAll(List.of(Initializer.values()));
            combo("Weight init", "prop-weight-init", inits, d.weightInit(),
                    i -> i == null ? "auto (from the activation)" : i.jsonName(),
                    i -> vm.updateLayer(name, ((DenseLayer) vm.layer(name)).withWeightInit(i), null));
            numberField("L1 (weight penalty)", "prop-l1", GraphEditorViewModel.trim(d.l1()), GraphPropertySheet::penalty,
                    l1 -> vm.updateLayer(name, withL1((DenseLayer) vm.layer(name), l1), "l1:" + name));
            numberField("L2 (weight penalty, Keras meaning)", "prop-l2", GraphEditorViewModel.trim(d.l2()), GraphPropertySheet::penalty,
                    l2 -> vm.updateLayer(name, withL2((DenseLayer) vm.layer(name), l2), "l2:" + name));
        } else if (layer instanceof DropoutLayer d) {
            numberField("Rate (fraction dropped)", "prop-rate", GraphEditorViewModel.trim(d.rate()), text -> {
                double rate = Double.parseDouble(text.strip());
                if (!(rate >= 0 && rate < 1)) {
                    throw new IllegalArgumentException("a rate in [0, 1)");
                }
                return rate;
            }, rate -> vm.updateLayer(name, new DropoutLayer(name, rate, d.alpha()), "rate:" + name));
        } else if (layer instanceof ActivationLayer a) {
            combo("Activation", "prop-activation", List.of(Activation.values()), a.activation(), Activation::jsonName,
                    act -> vm.updateLayer(name, new ActivationLayer(name, act), null));
        } else if (layer instanceof MergeLayer m) {
            combo("Merge mode", "prop-merge-mode", List.of(MergeMode.values()), m.mode(), MergeMode::jsonName,
                    mode -> vm.updateLayer(name, new MergeLayer(name, mode), null));
            getChildren().add(mutedLabel("Inputs, in order: " + String.join(", ",
                    vm.getSpec().connections().getOrDefault(name, List.of()))));
        } else {
            getChildren().add(mutedLabel("No settings: normalizes the previous layer's features."));
        }
    }

    private static double penalty(String text) {
        double v = Double.parseDouble(text.strip());
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("0 or more (0.01 is strong, 0.0001 mild)");
        }
        return v;
    }

    private static DenseLayer withL1(DenseLayer d, double l1) {
        return d.withRegularization(l1, d.l2());
    }

    private static DenseLayer withL2(DenseLayer d, double l2) {
        return d.withRegularization(d.l1(), l2);
    }

    private void outputProperties(String name, OutputNode output) {
        numberField("Loss weight", "prop-loss-weight", GraphEditorViewModel.trim(output.lossWeight()), text -> {
            double w = Double.parseDouble(text.strip());
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("a weight above 0");
            }
            return w;
        }, w -> vm.updateOutput(name, o -> o.withLossWeight(w), "weight:" + name));
        List<String> targets = new ArrayList<>();
        targets.add(null);
        targets.addAll(vm.targetChoices());
        combo("Target", "prop-target", targets, output.target(),
                t -> t == null ? "experiment target" : t,
                t -> vm.setOutputTarget(name, t));
        List<Activation> activations = new ArrayList<>();
        activations.add(null);
        activations.addAll(List.of(Activation.values()));
        combo("Activation", "prop-activation", activations, output.settings().activation(),
                a -> a == null ? "auto (from the target's task)" : a.jsonName(),
                a -> vm.updateOutput(name, o -> o.withSettings(o.settings().withActivation(a)), null));
        List<Loss> losses = new ArrayList<>();
        losses.add(null);
        losses.addAll(List.of(Loss.values()));
        combo("Loss", "prop-loss", losses, output.settings().loss(),
                l -> l == null ? "auto (from the target's task)" : l.jsonName(),
                l -> vm.updateOutput(name, o -> o.withSettings(o.settings().withLoss(l)), null));
        String from = output.from() == null || output.from().isEmpty() ? "nothing yet" : "'" + output.from() + "'";
        getChildren().add(mutedLabel("Reads " + from + ": drag a wire into it to change."));
    }

    private <T> void numberField(String label, String id, String value, Function<String, T> parse, Consumer<T> apply) {
        TextField field = new TextField(value);
        field.setId(id);
        Label error = errorLabel();
        field.textProperty().addListener((obs, old, text) -> {
            T parsed;
            try {
                parsed = parse.apply(text);
            } catch (IllegalArgumentException e) {
                String hint = e instanceof NumberFormatException ? "a number" : e.getMessage();
                error.setText("Enter " + hint + ".");
                field.pseudoClassStateChanged(Styles.STATE_DANGER, true);
                return;
            }
            error.setText("");
            field.pseudoClassStateChanged(Styles.STATE_DANGER, false);
            commitFromPanel(() -> apply.accept(parsed));
        });
        getChildren().addAll(new Label(label), field, error);
    }

    private <T> void combo(String label, String id, List<T> values, T value, Function<T, String> text, Consumer<T> apply) {
        ComboBox<T> box = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(values));
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(T t) {
                return text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        box.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : text.apply(item));
            }
        });
        box.setCellFactory(lv -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : text.apply(item));
            }
        });
        box.setValue(value);
        box.valueProperty().addListener((obs, old, now) -> commitFromPanel(() -> apply.accept(now)));
        getChildren().addAll(new Label(label), box);
    }
}
