package dev.layerlab.gui.model;

import dev.layerlab.gui.common.UndoHistory;
import dev.layerlab.gui.graph.GraphEditorViewModel;

import dev.layerlab.data.TaskType;
import dev.layerlab.model.Activation;
import dev.layerlab.model.ActivationLayer;
import dev.layerlab.model.BatchNormLayer;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.Initializer;
import dev.layerlab.model.LayerSpec;
import dev.layerlab.model.Loss;
import dev.layerlab.model.ModelSummary;
import dev.layerlab.model.NetworkShape;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.NetworkTemplates;
import dev.layerlab.model.NetworkValidator;
import dev.layerlab.training.CheckpointSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.TrainingSpec;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The model screen's state: the network (an immutable {@link NetworkSpec} replaced on every edit, with
 * undo/redo), the selected layer, the training settings, and the live summary and problems for the
 * data's shape.
 */
public final class ModelViewModel {

    /** The layer kinds of the palette. */
    public enum LayerKind {
        DENSE("Dense", "Fully connected: every unit sees every input. The workhorse of tabular models."),
        DROPOUT("Dropout", "Randomly silences a fraction of units while training, to curb over-fitting."),
        BATCH_NORM("BatchNorm", "Normalizes the previous layer's outputs per batch; often speeds training up."),
        ACTIVATION("Activation", "Applies an activation function on its own (e.g. after BatchNorm).");

        private final String title;
        private final String help;

        LayerKind(String title, String help) {
            this.title = title;
            this.help = help;
        }

        public String title() {
            return title;
        }

        public String help() {
            return help;
        }

        public LayerSpec create() {
            return switch (this) {
                case DENSE -> DenseLayer.of(32, Activation.RELU).withWeightInit(Initializer.HE_NORMAL);
                case DROPOUT -> DropoutLayer.of(0.2);
                case BATCH_NORM -> BatchNormLayer.of();
                case ACTIVATION -> ActivationLayer.of(Activation.RELU);
            };
        }

        public static LayerKind of(LayerSpec l) {
            if (l instanceof DenseLayer) {
                return DENSE;
            }
            if (l instanceof DropoutLayer) {
                return DROPOUT;
            }
            if (l instanceof BatchNormLayer) {
                return BATCH_NORM;
            }
            return ACTIVATION;
        }
    }

    private static final int MAX_UNDO = 200;

    private final ObjectProperty<NetworkSpec> network = new SimpleObjectProperty<>(NetworkSpec.of());
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);
    private final ObjectProperty<NetworkShape> shape = new SimpleObjectProperty<>();
    private final StringProperty summaryText = new SimpleStringProperty("");
    private final ObservableList<ModelSummary.Row> summaryRows = FXCollections.observableArrayList();
    private final LongProperty totalParams = new SimpleLongProperty();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final BooleanProperty canUndo = new SimpleBooleanProperty(false);
    private final BooleanProperty canRedo = new SimpleBooleanProperty(false);
    /** One history for the layer list and the graph editor (see {@link #graph()}). */
    private final UndoHistory history = new UndoHistory(MAX_UNDO);
    private final UndoHistory.Editor<NetworkSpec> layersEditor = new UndoHistory.Editor<>() {
        @Override
        public NetworkSpec snapshot() {
            return network.get();
        }

        @Override
        public void restore(NetworkSpec state) {
            network.set(state);
            clampSelection();
            onChanged.run();
        }
    };
    private GraphEditorViewModel graph;
    private boolean graphShown;

    // Training settings
    private final ObjectProperty<Loss> loss = new SimpleObjectProperty<>(); // null = automatic
    private final ObjectProperty<OptimizerKind> optimizer = new SimpleObjectProperty<>(OptimizerKind.ADAM);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(0.001);
    private final ObjectProperty<dev.layerlab.training.ScheduleKind> schedule =
            new SimpleObjectProperty<>(dev.layerlab.training.ScheduleKind.CONSTANT);
    private final IntegerProperty warmupEpochs = new SimpleIntegerProperty(0);
    private final DoubleProperty weightDecay = new SimpleDoubleProperty(0);
    /** The loaded optimizer's settings the screen has no field for (momentum, decay, step, plateau patience). */
    private OptimizerSpec loadedOptimizer = OptimizerSpec.defaults();
    /** Gradient clipping: "none", "norm" or "value", and its threshold. */
    private final javafx.beans.property.StringProperty clipMode = new javafx.beans.property.SimpleStringProperty("none");
    private final DoubleProperty clipThreshold = new SimpleDoubleProperty(1.0);
    private final IntegerProperty batchSize = new SimpleIntegerProperty(64);
    private final IntegerProperty epochs = new SimpleIntegerProperty(30);
    private final LongProperty seed = new SimpleLongProperty(42);
    private final BooleanProperty earlyStopping = new SimpleBooleanProperty(true);
    private final StringProperty monitor = new SimpleStringProperty("val_loss");
    private final IntegerProperty patience = new SimpleIntegerProperty(8);
    private final DoubleProperty minDelta = new SimpleDoubleProperty(0);
    private final BooleanProperty restoreBest = new SimpleBooleanProperty(true);
    private final IntegerProperty checkpointEvery = new SimpleIntegerProperty(0);
    private final BooleanProperty checkpointBest = new SimpleBooleanProperty(true);
    private Runnable onChanged = () -> { };

    public ModelViewModel() {
        canUndo.bind(history.canUndoProperty());
        canRedo.bind(history.canRedoProperty());
        network.addListener((o, a, b) -> refresh());
        shape.addListener((o, a, b) -> refresh());
        for (var p : List.of(loss, optimizer, learningRate, schedule, warmupEpochs, weightDecay, clipMode, clipThreshold, batchSize, epochs, seed, earlyStopping, monitor, patience,
                minDelta, restoreBest, checkpointEvery, checkpointBest)) {
            p.addListener((o, a, b) -> {
                refresh();
                onChanged.run();
            });
        }
        optimizer.addListener((o, a, k) -> {
            if (a != null && k != null && Math.abs(learningRate.get() - a.usualLearningRate()) < 1e-12) {
                learningRate.set(k.usualLearningRate());
            }
        });
    }

    public void setOnChanged(Runnable r) {
        this.onChanged = r;
    }

    // ---- editing -------------------------------------------------------------------------------

    private void edit(NetworkSpec next, String mergeKey) {
        NetworkSpec current = network.get();
        if (next.equals(current)) {
            return;
        }
        history.record(layersEditor, mergeKey);
        network.set(next);
        onChanged.run();
    }

    public void add(LayerKind kind) {
        int at = selected.get() >= 0 ? selected.get() + 1 : layers().size();
        insert(at, kind);
    }

    public void insert(int index, LayerKind kind) {
        int at = Math.max(0, Math.min(index, layers().size()));
        edit(network.get().withLayerInserted(at, kind.create()), null);
        selected.set(at);
    }

    public void remove(int index) {
        if (index < 0 || index >= layers().size()) {
            return;
        }
        edit(network.get().withLayerRemoved(index), null);
        selected.set(Math.min(index, layers().size() - 1));
    }

    public void duplicate(int index) {
        if (index < 0 || index >= layers().size()) {
            return;
        }
        LayerSpec copy = layers().get(index).withName(null);
        edit(network.get().withLayerInserted(index + 1, copy), null);
        selected.set(index + 1);
    }

    /** Moves a layer so that it ends up at {@code to} (indices into the list before the move). */
    public void move(int from, int to) {
        List<LayerSpec> l = new ArrayList<>(layers());
        if (from < 0 || from >= l.size() || to < 0 || to > l.size() || from == to) {
            return;
        }
        LayerSpec item = l.remove(from);
        int dest = to > from ? to - 1 : to;
        dest = Math.max(0, Math.min(dest, l.size()));
        l.add(dest, item);
        edit(network.get().withLayers(l), null);
        selected.set(dest);
    }

    /** Replaces a layer as the user edits it; consecutive edits of one layer undo as one step. */
    public void replace(int index, LayerSpec layer) {
        if (index < 0 || index >= layers().size()) {
            return;
        }
        edit(network.get().withLayerReplaced(index, layer), "edit-" + index);
    }

    public void setNetwork(NetworkSpec spec) {
        edit(spec, null);
        selected.set(spec.layers().isEmpty() ? -1 : 0);
    }

    /** Replaces the network without an undo step (opening an experiment). */
    public void loadNetwork(NetworkSpec spec) {
        history.clear();
        network.set(spec);
        selected.set(-1);
    }

    public void suggest() {
        NetworkShape s = shape.get();
        if (s != null) {
            setNetwork(NetworkTemplates.suggest(s.inputs(), s.task()).withOutput(network.get().output()));
        }
    }

    public void applyTemplate(String name) {
        NetworkSpec t = NetworkTemplates.templates().get(name);
        if (t != null) {
            setNetwork(t.withOutput(network.get().output()));
        }
    }

    public List<String> templateNames() {
        return List.copyOf(NetworkTemplates.templates().keySet());
    }

    /** Undoes the last edit of the network, made in the layer list or in the graph editor. */
    public void undo() {
        history.undo();
    }

    public void redo() {
        history.redo();
    }

    /** The Model screen's one undo history (the layer list's and the graph editor's edits). */
    public UndoHistory history() {
        return history;
    }

    /**
     * The graph editor over the same network, sharing this model's undo history: a graph edit sets the network
     * (without a second undo step) and, while the graph is shown, a layer-list edit or an undo sets the graph.
     */
    public GraphEditorViewModel graph() {
        if (graph == null) {
            graph = new GraphEditorViewModel(List.of(), history);
            graph.specProperty().addListener((o, a, spec) -> {
                if (spec != null && !spec.equals(network.get())) {
                    network.set(spec); // the graph editor recorded the step
                    clampSelection();
                    onChanged.run();
                }
            });
            network.addListener((o, a, spec) -> {
                if (graphShown && !spec.equals(graph.specProperty().get())) {
                    graph.follow(spec);
                }
            });
            shape.addListener((o, a, b) -> {
                if (graphShown) {
                    syncGraphShape();
                }
            });
        }
        return graph;
    }

    /** The graph editor is shown (or hidden): it takes the data's columns and the network as they are now. */
    public void setGraphShown(boolean shown) {
        GraphEditorViewModel g = graph();
        graphShown = shown;
        if (shown) {
            syncGraphShape();
            if (!network.get().equals(g.specProperty().get())) {
                g.load(network.get());
            }
        }
    }

    private void syncGraphShape() {
        NetworkShape s = shape.get();
        if (s != null && s.featureNames() != null) {
            List<String> columns = s.featureNames().stream()
                    .map(f -> f.contains("=") ? f.substring(0, f.indexOf('=')) : f).distinct().toList();
            if (!columns.equals(graph.availableColumns())) {
                graph.availableColumns().setAll(columns);
            }
            graph.shapeProperty().set(s);
        }
    }

    private void clampSelection() {
        if (selected.get() >= layers().size()) {
            selected.set(layers().size() - 1);
        }
    }


    // ---- derived ------------------------------------------------------------------------------------

    private void refresh() {
        List<String> p = new ArrayList<>();
        NetworkShape s = shape.get();
        NetworkSpec n = network.get();
        if (s == null) {
            summaryRows.clear();
            totalParams.set(0);
            summaryText.set("The summary appears once the data is loaded and a target is chosen.");
        } else {
            p.addAll(NetworkValidator.problems(n, s));
            try {
                ModelSummary summary = ModelSummary.of(n, s);
                summaryRows.setAll(summary.rows());
                totalParams.set(summary.totalParams());
                summaryText.set(summary.render(Math.max(1, batchSize.get())));
            } catch (RuntimeException e) {
                summaryRows.clear();
                totalParams.set(0);
                summaryText.set("");
            }
        }
        try {
            p.addAll(toTrainingSpec().problems());
        } catch (RuntimeException e) {
            p.add(e.getMessage());
        }
        problems.setAll(p);
    }

    /** Problems that concern one layer (its name appears in the message). */
    public List<String> problemsOf(int index) {
        if (index < 0 || index >= layers().size()) {
            return List.of();
        }
        String name = layers().get(index).name();
        return problems.stream().filter(m -> name != null && m.contains("'" + name + "'") || m.contains(name + ":")
                || m.contains("layer " + (index + 1))).toList();
    }

    public NetworkSpec toNetworkSpec() {
        NetworkSpec n = network.get();
        return n.withOutput(n.output().withLoss(loss.get()));
    }

    public TrainingSpec toTrainingSpec() {
        OptimizerSpec kept = loadedOptimizer.kind() == optimizer.get() ? loadedOptimizer : loadedOptimizer.withKind(optimizer.get());
        OptimizerSpec opt = kept.withLearningRate(learningRate.get())
                .withSchedule(schedule.get() == null ? dev.layerlab.training.ScheduleKind.CONSTANT : schedule.get(), null)
                .withWarmupEpochs(warmupEpochs.get()).withWeightDecay(weightDecay.get());
        EarlyStoppingSpec es = new EarlyStoppingSpec(earlyStopping.get(), monitor.get(), patience.get(), minDelta.get(), restoreBest.get());
        CheckpointSpec cp = new CheckpointSpec(checkpointEvery.get(), checkpointBest.get());
        dev.layerlab.training.GradientClipping clipping = "none".equals(clipMode.get()) || clipMode.get() == null ? null
                : new dev.layerlab.training.GradientClipping(dev.layerlab.training.GradientClipping.Mode.fromId(clipMode.get()),
                clipThreshold.get());
        return new TrainingSpec(opt, batchSize.get(), epochs.get(), seed.get(), es, cp, clipping);
    }

    public javafx.beans.property.StringProperty clipModeProperty() {
        return clipMode;
    }

    public DoubleProperty clipThresholdProperty() {
        return clipThreshold;
    }

    public void applyTraining(TrainingSpec t) {
        loadedOptimizer = t.optimizer();
        optimizer.set(t.optimizer().kind());
        learningRate.set(t.optimizer().learningRate());
        schedule.set(t.optimizer().schedule());
        warmupEpochs.set(t.optimizer().warmupOrZero());
        weightDecay.set(t.optimizer().weightDecayOrZero());
        clipMode.set(t.clipping() == null ? "none" : t.clipping().mode().id());
        if (t.clipping() != null) {
            clipThreshold.set(t.clipping().threshold());
        }
        batchSize.set(t.batchSize());
        epochs.set(t.epochs());
        seed.set(t.seed());
        earlyStopping.set(t.earlyStopping().enabled());
        monitor.set(t.earlyStopping().monitor());
        patience.set(t.earlyStopping().patience());
        minDelta.set(t.earlyStopping().minDelta());
        restoreBest.set(t.earlyStopping().restoreBest());
        checkpointEvery.set(t.checkpoints().everyEpochs());
        checkpointBest.set(t.checkpoints().best());
    }

    public void applyNetwork(NetworkSpec n) {
        loss.set(n.output() == null ? null : n.output().loss());
        loadNetwork(n);
    }

    /** The metric names early stopping can watch for the current task. */
    public List<String> monitorChoices() {
        NetworkShape s = shape.get();
        TaskType t = s == null ? TaskType.REGRESSION : s.task();
        List<String> out = new ArrayList<>(List.of("val_loss"));
        for (String m : dev.layerlab.training.Metrics.names(t)) {
            out.add("val_" + m);
        }
        return out;
    }

    // ---- properties ----------------------------------------------------------------------------

    public List<LayerSpec> layers() {
        return network.get().layers();
    }

    public LayerSpec selectedLayer() {
        int i = selected.get();
        return i >= 0 && i < layers().size() ? layers().get(i) : null;
    }

    public ObjectProperty<NetworkSpec> networkProperty() {
        return network;
    }

    public IntegerProperty selectedProperty() {
        return selected;
    }

    public ObjectProperty<NetworkShape> shapeProperty() {
        return shape;
    }

    public StringProperty summaryTextProperty() {
        return summaryText;
    }

    public ObservableList<ModelSummary.Row> summaryRows() {
        return summaryRows;
    }

    public LongProperty totalParamsProperty() {
        return totalParams;
    }

    public ObservableList<String> problems() {
        return problems;
    }

    public BooleanProperty canUndoProperty() {
        return canUndo;
    }

    public BooleanProperty canRedoProperty() {
        return canRedo;
    }

    public ObjectProperty<Loss> lossProperty() {
        return loss;
    }

    public ObjectProperty<OptimizerKind> optimizerProperty() {
        return optimizer;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public ObjectProperty<dev.layerlab.training.ScheduleKind> scheduleProperty() {
        return schedule;
    }

    public IntegerProperty warmupEpochsProperty() {
        return warmupEpochs;
    }

    public DoubleProperty weightDecayProperty() {
        return weightDecay;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public BooleanProperty earlyStoppingProperty() {
        return earlyStopping;
    }

    public StringProperty monitorProperty() {
        return monitor;
    }

    public IntegerProperty patienceProperty() {
        return patience;
    }

    public DoubleProperty minDeltaProperty() {
        return minDelta;
    }

    public BooleanProperty restoreBestProperty() {
        return restoreBest;
    }

    public IntegerProperty checkpointEveryProperty() {
        return checkpointEvery;
    }

    public BooleanProperty checkpointBestProperty() {
        return checkpointBest;
    }

    /** Whether the network and settings can be trained as they are. */
    public boolean isValid() {
        return shape.get() != null && problems.isEmpty() && Objects.nonNull(network.get());
    }
}
