package dev.layerlab.gui.model;

import static dev.layerlab.gui.model.Fields.DANGER;
import static dev.layerlab.gui.model.Fields.jsonNames;
import static dev.layerlab.gui.model.Fields.label;

import dev.layerlab.gui.common.Controls;
import dev.layerlab.model.Loss;
import dev.layerlab.training.OptimizerKind;
import java.util.function.Function;
import javafx.beans.property.Property;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/**
 * The Model screen's training settings: loss, optimizer and learning rate (with the learning-rate finder), gradient
 * clipping, batch size, epochs, seed, early stopping and checkpoints, each bound to {@link ModelViewModel}.
 */
public final class TrainingSettingsPane {
    private final ModelViewModel vm;
    private final Node root;

    public TrainingSettingsPane(ModelViewModel vm) {
        this.vm = vm;
        this.root = build();
    }

    public Node root() {
        return root;
    }

    private static final String SCHEDULE_HINT = "How the learning rate changes over the epochs: constant; step and exponential "
            + "(multiply by the decay factor); cosine (down to zero over the epochs); one-cycle (up to the rate over the first "
            + "30 %, then down); plateau (halve it when the validation loss stalls for 5 epochs).";
    private static final String WARMUP_HINT = "Linear warm-up: the rate rises to its value over this many epochs before the schedule starts (0 = none).";
    private static final String WEIGHT_DECAY_HINT = "Decoupled weight decay (with Adam: AdamW), e.g. 0.01; 0 = none. Separate from the layers' L2.";
    private static final String CLIP_HINT = "Gradient clipping: 'norm' rescales each layer's gradient to an L2 norm of at most "
            + "the threshold; 'value' clips each element to [-threshold, threshold]. Try norm 1.0 when the loss jumps or "
            + "becomes NaN (exploding gradients).";

    private LrFindViewModel lrFinder;
    private javafx.scene.control.Button findRateButton;
    private javafx.stage.Stage lrFinderWindow;

    /** Enables "Find…" beside the learning rate. */
    public void setLrFinder(LrFindViewModel finder) {
        this.lrFinder = finder;
        if (findRateButton != null) {
            findRateButton.setDisable(false);
        }
    }

    private void openLrFinder(Node owner) {
        if (lrFinder == null) {
            return;
        }
        if (lrFinderWindow == null) {
            lrFinderWindow = new javafx.stage.Stage();
            lrFinderWindow.setTitle("Find learning rate");
            if (owner.getScene() != null) {
                lrFinderWindow.initOwner(owner.getScene().getWindow());
            }
            javafx.scene.Scene scene = new javafx.scene.Scene((javafx.scene.Parent) new LrFindPane(lrFinder).root(), 760, 480);
            if (owner.getScene() != null) {
                scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            }
            lrFinderWindow.setScene(scene);
        }
        lrFinderWindow.show();
        lrFinderWindow.toFront();
        lrFinder.find();
    }

    /** Clipping mode (none, norm, value) and threshold, bound to the view model. */
    private Node clippingRow() {
        ComboBox<String> mode = new ComboBox<>(FXCollections.observableArrayList("none", "norm", "value"));
        mode.setId("setting-clip-mode");
        mode.valueProperty().bindBidirectional(vm.clipModeProperty());
        mode.setTooltip(Controls.tooltip(CLIP_HINT));
        TextField threshold = number(vm.clipThresholdProperty(), Double::parseDouble, v -> v > 0, CLIP_HINT, "setting-clip-threshold");
        threshold.setPrefColumnCount(5);
        threshold.disableProperty().bind(mode.valueProperty().isEqualTo("none"));
        return new HBox(4, mode, threshold);
    }

    private Node build() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(8));
        int r = 0;
        ComboBox<Loss> loss = new ComboBox<>();
        loss.getItems().add(null);
        loss.getItems().addAll(Loss.values());
        loss.setConverter(jsonNames());
        loss.valueProperty().bindBidirectional(vm.lossProperty());
        loss.setTooltip(Controls.tooltip(Hints.LOSS));
        g.addRow(r++, label("Loss", Hints.LOSS), loss);
        ComboBox<OptimizerKind> opt = new ComboBox<>(FXCollections.observableArrayList(OptimizerKind.values()));
        opt.setConverter(jsonNames());
        opt.valueProperty().bindBidirectional(vm.optimizerProperty());
        opt.setTooltip(Controls.tooltip(Hints.OPTIMIZER));
        g.addRow(r++, label("Optimizer", Hints.OPTIMIZER), opt);
        javafx.scene.control.Button findRate = new javafx.scene.control.Button("Find…");
        findRate.setId("find-learning-rate");
        findRate.setTooltip(Controls.tooltip("Find learning rate: train a copy of the network for 300 steps while the rate grows "
                + "from 1e-7 to 10, plot the loss against the rate, and suggest one (one click applies it)."));
        findRate.setOnAction(e -> openLrFinder(findRate));
        findRate.setDisable(lrFinder == null);
        findRateButton = findRate;
        HBox rateRow = new HBox(4, number(vm.learningRateProperty(), Double::parseDouble, v -> v > 0, Hints.LEARNING_RATE, "setting-learning-rate"), findRate);
        g.addRow(r++, label("Learning rate", Hints.LEARNING_RATE), rateRow);
        ComboBox<dev.layerlab.training.ScheduleKind> schedule = new ComboBox<>(
                FXCollections.observableArrayList(dev.layerlab.training.ScheduleKind.values()));
        schedule.setId("setting-schedule");
        schedule.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(dev.layerlab.training.ScheduleKind k) {
                return k == null ? "" : k.id();
            }

            @Override
            public dev.layerlab.training.ScheduleKind fromString(String text) {
                return dev.layerlab.training.ScheduleKind.fromId(text);
            }
        });
        schedule.valueProperty().bindBidirectional(vm.scheduleProperty());
        schedule.setTooltip(Controls.tooltip(SCHEDULE_HINT));
        g.addRow(r++, label("Rate schedule", SCHEDULE_HINT), schedule);
        g.addRow(r++, label("  Warm-up epochs", WARMUP_HINT), number(vm.warmupEpochsProperty(), Integer::parseInt, v -> v >= 0, WARMUP_HINT, "setting-warmup"));
        g.addRow(r++, label("Weight decay", WEIGHT_DECAY_HINT), number(vm.weightDecayProperty(), Double::parseDouble, v -> v >= 0 && v < 1, WEIGHT_DECAY_HINT, "setting-weight-decay"));
        g.addRow(r++, label("Gradient clipping", CLIP_HINT), clippingRow());
        g.addRow(r++, label("Batch size", Hints.BATCH_SIZE), number(vm.batchSizeProperty(), Integer::parseInt, v -> v >= 1, Hints.BATCH_SIZE, "setting-batch-size"));
        g.addRow(r++, label("Epochs", Hints.EPOCHS), number(vm.epochsProperty(), Integer::parseInt, v -> v >= 1, Hints.EPOCHS, "setting-epochs"));
        g.addRow(r++, label("Seed", Hints.SEED), number(vm.seedProperty(), Long::parseLong, v -> true, Hints.SEED, "setting-seed"));
        CheckBox early = new CheckBox("Early stopping");
        early.setId("setting-early-stopping");
        early.selectedProperty().bindBidirectional(vm.earlyStoppingProperty());
        early.setTooltip(Controls.tooltip(Hints.EARLY));
        g.add(early, 0, r++, 2, 1);
        ComboBox<String> monitor = new ComboBox<>();
        monitor.setOnShowing(e -> monitor.getItems().setAll(vm.monitorChoices()));
        monitor.getItems().setAll(vm.monitorChoices());
        monitor.valueProperty().bindBidirectional(vm.monitorProperty());
        monitor.setTooltip(Controls.tooltip(Hints.MONITOR));
        monitor.disableProperty().bind(early.selectedProperty().not());
        g.addRow(r++, label("  Watch", Hints.MONITOR), monitor);
        TextField patience = number(vm.patienceProperty(), Integer::parseInt, v -> v >= 1, Hints.PATIENCE, "setting-patience");
        patience.disableProperty().bind(early.selectedProperty().not());
        g.addRow(r++, label("  Patience", Hints.PATIENCE), patience);
        TextField delta = number(vm.minDeltaProperty(), Double::parseDouble, v -> v >= 0, Hints.MIN_DELTA, "setting-min-delta");
        delta.disableProperty().bind(early.selectedProperty().not());
        g.addRow(r++, label("  Min delta", Hints.MIN_DELTA), delta);
        CheckBox restore = new CheckBox("Restore best weights");
        restore.selectedProperty().bindBidirectional(vm.restoreBestProperty());
        restore.setTooltip(Controls.tooltip(Hints.RESTORE));
        restore.disableProperty().bind(early.selectedProperty().not());
        g.add(restore, 0, r++, 2, 1);
        g.addRow(r++, label("Checkpoint every", Hints.CHECKPOINT_EVERY), number(vm.checkpointEveryProperty(), Integer::parseInt, v -> v >= 0, Hints.CHECKPOINT_EVERY, "setting-checkpoint-every"));
        CheckBox best = new CheckBox("Keep best checkpoint");
        best.selectedProperty().bindBidirectional(vm.checkpointBestProperty());
        best.setTooltip(Controls.tooltip(Hints.CHECKPOINT_BEST));
        g.add(best, 0, r++, 2, 1);
        TitledPane t = new TitledPane("Training", g);
        t.setCollapsible(false);
        return t;
    }

    private static <T extends Number> TextField number(Property<Number> prop, Function<String, T> parse,
                                                       java.util.function.Predicate<T> valid, String tip, String id) {
        TextField f = new TextField(String.valueOf(prop.getValue()));
        f.setId(id);
        f.setPrefColumnCount(8);
        f.setTooltip(Controls.tooltip(tip));
        boolean[] self = {false};
        f.textProperty().addListener((o, a, s) -> {
            try {
                T v = parse.apply(s.trim());
                if (!valid.test(v)) {
                    throw new NumberFormatException();
                }
                f.pseudoClassStateChanged(DANGER, false);
                self[0] = true;
                prop.setValue(v);
                self[0] = false;
            } catch (RuntimeException e) {
                f.pseudoClassStateChanged(DANGER, true);
            }
        });
        prop.addListener((o, a, v) -> {
            if (!self[0]) {
                f.setText(String.valueOf(v));
            }
        });
        return f;
    }

}
