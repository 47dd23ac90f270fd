package dev.layerlab.gui.graph;

import dev.layerlab.model.GraphEdits;

import dev.layerlab.gui.common.UndoHistory;

import dev.layerlab.data.TaskType;
import dev.layerlab.model.Activation;
import dev.layerlab.model.ActivationLayer;
import dev.layerlab.model.BatchNormLayer;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.InputNode;
import dev.layerlab.model.LayerSpec;
import dev.layerlab.model.MergeLayer;
import dev.layerlab.model.MergeMode;
import dev.layerlab.model.ModelSummary;
import dev.layerlab.model.NetworkGraph;
import dev.layerlab.model.NetworkShape;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.NetworkTemplates;
import dev.layerlab.model.NetworkValidator;
import dev.layerlab.model.OutputNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.geometry.Point2D;

/**
 * The state behind {@link GraphEditor}, usable without a window: the {@link NetworkSpec} being edited, where each
 * node sits on the canvas (UI state only, never written into the spec), the selection and an undo history of
 * (spec, positions) snapshots. Every edit replaces the spec in {@link #specProperty()} with a new immutable one, so a
 * host listens to that property to follow changes.
 *
 * <p>Once the user edits the wiring, the spec is made explicit: every input and output is listed, every layer has its
 * full entry in {@code connections} and every output names its {@code from}, so nothing relies on the implicit chain.
 */
public final class GraphEditorViewModel {

    /** What the palette offers. */
    public enum NodeType {
        INPUT("Input"), DENSE("Dense"), DROPOUT("Dropout"), BATCH_NORM("BatchNorm"), ACTIVATION("Activation"),
        CONCATENATE("Concatenate"), ADD("Add"), AVERAGE("Average"), OUTPUT("Output");

        private final String label;

        NodeType(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What a node on the canvas is. */
    public enum NodeKind { INPUT, LAYER, MERGE, OUTPUT }

    /** A wire: {@code source}'s result feeds {@code target}. */
    public record Edge(String source, String target) {
    }

    /**
     * One node as the canvas draws it.
     *
     * @param type     display type ("Dense", "Concatenate", "Input", "Output")
     * @param subtitle output shape and parameter count, e.g. "(None, 30) · 270 params"
     * @param detail   extra line: the columns of an input, the loss weight of an output; may be empty
     * @param problems the problems that name this node
     */
    public record NodeInfo(String name, NodeKind kind, String type, String subtitle, String detail,
                           List<String> problems) {
    }

    /** Canvas geometry used by auto-layout and by the view. */
    public static final double NODE_WIDTH = 210;
    public static final double NODE_HEIGHT = 76;
    public static final double COLUMN_GAP = 90;
    public static final double ROW_GAP = 34;
    public static final double MARGIN = 40;
    private static final int HISTORY_LIMIT = 200;

    private record Snapshot(NetworkSpec spec, Map<String, Point2D> positions) {
    }

    private final ObjectProperty<NetworkSpec> spec = new SimpleObjectProperty<>(this, "spec");
    private final ObservableMap<String, Point2D> positions = FXCollections.observableMap(new LinkedHashMap<>());
    private final ObservableList<String> availableColumns = FXCollections.observableArrayList();
    private final ObjectProperty<NetworkShape> shape = new SimpleObjectProperty<>(this, "shape");
    private final StringProperty selectedNode = new SimpleStringProperty(this, "selectedNode");
    private final ObjectProperty<Edge> selectedEdge = new SimpleObjectProperty<>(this, "selectedEdge");
    private final ReadOnlyObjectWrapper<NetworkGraph> graph = new ReadOnlyObjectWrapper<>(this, "graph");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<List<NodeInfo>> nodes = new ReadOnlyObjectWrapper<>(this, "nodes", List.of());
    /** This editor's undo history, or one it shares with another editor of the same network. */
    private final UndoHistory history;
    /** Whether the history is this editor's alone (then opening another network forgets it). */
    private final boolean ownsHistory;
    private final UndoHistory.Editor<Snapshot> editor = new UndoHistory.Editor<>() {
        @Override
        public Snapshot snapshot() {
            return GraphEditorViewModel.this.snapshot();
        }

        @Override
        public void restore(Snapshot state) {
            GraphEditorViewModel.this.restore(state);
        }
    };

    public GraphEditorViewModel() {
        this(List.of());
    }

    /** @param columns the data's input columns (what input nodes can take and what templates use) */
    public GraphEditorViewModel(List<String> columns) {
        this(columns, null);
    }

    /**
     * @param columns the data's input columns
     * @param shared  an undo history shared with another editor of the same network (the Model screen's layer
     *                list), or null for one of its own
     */
    public GraphEditorViewModel(List<String> columns, UndoHistory shared) {
        this.ownsHistory = shared == null;
        this.history = shared != null ? shared : new UndoHistory(HISTORY_LIMIT);
        availableColumns.setAll(columns);
        spec.addListener((obs, old, now) -> {
            ensurePositions();
            recompute();
        });
        shape.addListener((obs, old, now) -> recompute());
        availableColumns.addListener((javafx.collections.ListChangeListener<String>) c -> recompute());
        spec.set(NetworkSpec.of());
    }

    // ------------------------------------------------------------------ properties

    /** The spec being edited; every edit sets a new value. A host may also set it (kept in the undo history). */
    public ObjectProperty<NetworkSpec> specProperty() {
        return spec;
    }

    public NetworkSpec getSpec() {
        return spec.get();
    }

    /**
     * Replaces the spec and lays it out; forgets an undo history of its own (opening another network), keeps a
     * shared one (the other editor recorded how the network got here).
     */
    public void load(NetworkSpec newSpec) {
        positions.clear();
        if (ownsHistory) {
            history.clear();
        }
        history.breakCoalescing();
        selectedNode.set(null);
        selectedEdge.set(null);
        spec.set(newSpec);
        autoLayoutWithoutHistory();
    }

    /**
     * Takes a spec another editor of the same network made (an edit or an undo there), without an undo step of
     * its own: nodes keep their places, new ones get free spots.
     */
    public void follow(NetworkSpec newSpec) {
        history.breakCoalescing();
        spec.set(newSpec);
        if (selectedNode.get() != null && kindOf(selectedNode.get()) == null) {
            selectedNode.set(null);
        }
        if (selectedEdge.get() != null && !edges().contains(selectedEdge.get())) {
            selectedEdge.set(null);
        }
    }

    /** Node name to top-left corner on the canvas (unscaled canvas coordinates). */
    public ObservableMap<String, Point2D> positions() {
        return positions;
    }

    /** The data's input columns; input nodes pick from these. */
    public ObservableList<String> availableColumns() {
        return availableColumns;
    }

    /**
     * The data shape used for widths and validation. When unset it is derived from the available columns: one
     * feature per column, one regression output. A host with loaded data should set the real one (one-hot features).
     */
    public ObjectProperty<NetworkShape> shapeProperty() {
        return shape;
    }

    public NetworkShape effectiveShape() {
        NetworkShape s = shape.get();
        if (s != null) {
            return s;
        }
        return new NetworkShape(availableColumns.size(), 1, TaskType.REGRESSION,
                availableColumns.isEmpty() ? null : List.copyOf(availableColumns));
    }

    /**
     * The columns an output may predict besides the experiment's target (from the shape's other targets), plus
     * any column an output already names, so a choice never disappears from under the user.
     */
    public List<String> targetChoices() {
        List<String> choices = new ArrayList<>(effectiveShape().otherTargets().keySet());
        for (String t : spec.get().outputTargets()) {
            if (!choices.contains(t)) {
                choices.add(t);
            }
        }
        return choices;
    }

    /** Sets the column an output predicts; null = the experiment's target. */
    public void setOutputTarget(String output, String column) {
        updateOutput(output, o -> o.withTarget(column), null);
    }

    /** The selected node's name, or null; a host can show its own property sheet for it. */
    public StringProperty selectedNodeProperty() {
        return selectedNode;
    }

    public ObjectProperty<Edge> selectedEdgeProperty() {
        return selectedEdge;
    }

    /** The resolved graph of the current spec (topological order, widths, problems). */
    public ReadOnlyObjectProperty<NetworkGraph> graphProperty() {
        return graph.getReadOnlyProperty();
    }

    /** Every validator problem of the current spec, in plain words. */
    public ObservableList<String> problems() {
        return problems;
    }

    /** The nodes to draw, inputs first, then layers, then outputs (spec order). */
    public ReadOnlyObjectProperty<List<NodeInfo>> nodesProperty() {
        return nodes.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return history.canUndoProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return history.canRedoProperty();
    }

    // ------------------------------------------------------------------ queries

    /** Every wire of the current spec (implicit chain links included), targets in node order. */
    public List<Edge> edges() {
        return GraphEdits.wires(spec.get()).stream().map(w -> new Edge(w.source(), w.target())).toList();
    }

    public NodeInfo node(String name) {
        return nodes.get().stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
    }

    public NodeKind kindOf(String name) {
        GraphEdits.Kind kind = GraphEdits.kindOf(spec.get(), name);
        return kind == null ? null : NodeKind.valueOf(kind.name());
    }

    public LayerSpec layer(String name) {
        return spec.get().layers().stream().filter(l -> Objects.equals(l.name(), name)).findFirst().orElse(null);
    }

    public InputNode input(String name) {
        return NetworkGraph.inputsOf(spec.get()).stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
    }

    public OutputNode output(String name) {
        return NetworkGraph.outputsOf(spec.get()).stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
    }

    /** Problems that name this node (quoted as 'name' in the validator's wording). */
    public List<String> problemsOf(String name) {
        String quoted = "'" + name + "'";
        return problems.stream().filter(p -> p.contains(quoted)).toList();
    }

    // ------------------------------------------------------------------ editing

    /** Adds a node of this type at {@code at} (top-left, canvas coordinates) or, when null, at a free spot. */
    public String addNode(NodeType type, Point2D at) {
        GraphEdits.Added added = switch (type) {
            case INPUT -> GraphEdits.addInput(spec.get(), List.copyOf(availableColumns));
            case OUTPUT -> GraphEdits.addOutput(spec.get());
            default -> GraphEdits.addLayer(spec.get(), newLayer(type));
        };
        Map<String, Point2D> newPositions = new LinkedHashMap<>(positions);
        newPositions.put(added.name(), at != null ? at : freeSpot());
        commit(added.spec(), newPositions, null);
        selectNode(added.name());
        return added.name();
    }

    private static LayerSpec newLayer(NodeType type) {
        return switch (type) {
            case DENSE -> DenseLayer.of(32, Activation.RELU);
            case DROPOUT -> DropoutLayer.of(0.2);
            case BATCH_NORM -> BatchNormLayer.of();
            case ACTIVATION -> ActivationLayer.of(Activation.RELU);
            case CONCATENATE -> MergeLayer.of(MergeMode.CONCATENATE);
            case ADD -> MergeLayer.of(MergeMode.ADD);
            case AVERAGE -> MergeLayer.of(MergeMode.AVERAGE);
            default -> throw new IllegalArgumentException(type + " is not a layer");
        };
    }

    /**
     * Wires {@code source} into {@code target}: a merge gains one more input, any other layer or an output has its
     * single input replaced. Returns false (nothing changes) when the wire makes no sense: into an input, out of an
     * output, a node into itself, unknown names, or a wire that already exists. Cycles are allowed in the spec and
     * reported as problems, so the user sees why.
     */
    public boolean connect(String source, String target) {
        NetworkSpec s = GraphEdits.connect(spec.get(), source, target);
        if (s == null) {
            return false;
        }
        commit(s, positions, null);
        return true;
    }

    /** Removes the wire from {@code source} to {@code target}; false when there is none. */
    public boolean disconnect(String source, String target) {
        NetworkSpec s = GraphEdits.disconnect(spec.get(), source, target);
        if (s == null) {
            return false;
        }
        if (new Edge(source, target).equals(selectedEdge.get())) {
            selectedEdge.set(null);
        }
        commit(s, positions, null);
        return true;
    }

    /**
     * Deletes a node and every wire touching it. The last input and the last output cannot be deleted (a spec
     * without them falls back to implicit ones); returns false then.
     */
    public boolean removeNode(String name) {
        NetworkSpec s = GraphEdits.removeNode(spec.get(), name);
        if (s == null) {
            return false;
        }
        Map<String, Point2D> newPositions = new LinkedHashMap<>(positions);
        newPositions.remove(name);
        if (name.equals(selectedNode.get())) {
            selectedNode.set(null);
        }
        Edge edge = selectedEdge.get();
        if (edge != null && (edge.source().equals(name) || edge.target().equals(name))) {
            selectedEdge.set(null);
        }
        commit(s, newPositions, null);
        return true;
    }

    /** Copies a node with the same settings and the same incoming wires, next to the original; returns its name. */
    public String duplicateNode(String name) {
        GraphEdits.Added copy = GraphEdits.duplicate(spec.get(), name);
        if (copy == null) {
            return null;
        }
        Map<String, Point2D> newPositions = new LinkedHashMap<>(positions);
        Point2D at = positions.getOrDefault(name, new Point2D(MARGIN, MARGIN));
        newPositions.put(copy.name(), at.add(30, NODE_HEIGHT + 20));
        commit(copy.spec(), newPositions, null);
        selectNode(copy.name());
        return copy.name();
    }

    /**
     * Renames a node everywhere (wires, outputs' {@code from}, positions, selection). Returns null on success or why
     * the name is refused.
     */
    public String rename(String oldName, String newName) {
        String problem = GraphEdits.renameProblem(spec.get(), oldName, newName);
        if (problem != null) {
            return problem;
        }
        String name = newName.strip();
        if (name.equals(oldName)) {
            return null;
        }
        NetworkSpec s = GraphEdits.rename(spec.get(), oldName, name);
        Map<String, Point2D> newPositions = new LinkedHashMap<>();
        positions.forEach((n, p) -> newPositions.put(oldName.equals(n) ? name : n, p));
        boolean wasSelected = oldName.equals(selectedNode.get());
        commit(s, newPositions, null);
        if (wasSelected) {
            selectedNode.set(name);
        }
        return null;
    }

    /** Sets the columns an input takes (empty = every feature). */
    public void setInputColumns(String name, List<String> columns) {
        commit(GraphEdits.withInputColumns(spec.get(), name, columns), positions, "columns:" + name);
    }

    /**
     * Replaces a layer's settings (same name). Edits with the same non-null {@code coalesceKey} in a row make one
     * undo step (typing "128" is one edit, not three).
     */
    public void updateLayer(String name, LayerSpec newLayer, String coalesceKey) {
        commit(GraphEdits.withLayer(spec.get(), name, newLayer), positions, coalesceKey);
    }

    /** Replaces an output's settings, loss weight or target column (its name and wire stay). */
    public void updateOutput(String name, UnaryOperator<OutputNode> change, String coalesceKey) {
        commit(GraphEdits.withOutput(spec.get(), name, change), positions, coalesceKey);
    }

    /** Moves a node without recording history; call {@link #markUndoPoint()} once before a drag starts moving. */
    public void moveNode(String name, Point2D topLeft) {
        if (kindOf(name) != null) {
            positions.put(name, topLeft);
        }
    }

    /** Records the current state as an undo step (before a series of moves). */
    public void markUndoPoint() {
        history.record(editor, null);
    }

    public void selectNode(String name) {
        selectedEdge.set(null);
        selectedNode.set(name);
    }

    public void selectEdge(Edge edge) {
        selectedNode.set(null);
        selectedEdge.set(edge);
    }

    /** Deletes the selected edge or node; false when nothing was deleted. */
    public boolean deleteSelection() {
        Edge edge = selectedEdge.get();
        if (edge != null) {
            return disconnect(edge.source(), edge.target());
        }
        String node = selectedNode.get();
        return node != null && removeNode(node);
    }

    /** Loads a data template ("sequential", "wide-deep", "wide-deep-aux") for the available columns and lays it out. */
    public void applyTemplate(String id) {
        NetworkSpec template = NetworkTemplates.forData(id, List.copyOf(availableColumns));
        history.record(editor, null);
        positions.clear();
        selectedNode.set(null);
        selectedEdge.set(null);
        spec.set(template);
        autoLayoutWithoutHistory();
    }

    // ------------------------------------------------------------------ layout

    /**
     * Layered left-to-right layout: inputs in column 0, every other node one column right of its furthest source;
     * within a column nodes are ordered by the mean row of their sources, then by spec order, and sit on
     * that row when it is free. Nodes caught in a
     * cycle go in a last column. Undoable.
     */
    public void autoLayout() {
        markUndoPoint();
        autoLayoutWithoutHistory();
    }

    /** The column auto-layout gives each node. */
    public Map<String, Integer> layoutColumns() {
        return GraphLayout.columns(spec.get(), effectiveShape());
    }

    private void autoLayoutWithoutHistory() {
        Map<String, Point2D> newPositions = GraphLayout.layout(spec.get(), effectiveShape());
        positions.clear();
        positions.putAll(newPositions);
    }

    /** The first grid spot (3 per row) not overlapping a node. */
    private Point2D freeSpot() {
        return GraphLayout.freeSpot(positions.values());
    }

    private void ensurePositions() {
        NetworkSpec s = spec.get();
        if (s == null) {
            return;
        }
        List<String> names = nodeNames(s);
        positions.keySet().retainAll(new HashSet<>(names));
        if (positions.isEmpty()) {
            autoLayoutWithoutHistory();
            return;
        }
        for (String name : names) {
            if (!positions.containsKey(name)) {
                positions.put(name, freeSpot());
            }
        }
    }

    // ------------------------------------------------------------------ history

    /** Undoes the last edit of the history (with a shared history: possibly one the other editor made). */
    public void undo() {
        history.undo();
    }

    public void redo() {
        history.redo();
    }

    private Snapshot snapshot() {
        return new Snapshot(spec.get(), Map.copyOf(positions));
    }

    private void restore(Snapshot snapshot) {
        positions.clear();
        positions.putAll(snapshot.positions());
        spec.set(snapshot.spec());
        if (selectedNode.get() != null && kindOf(selectedNode.get()) == null) {
            selectedNode.set(null);
        }
        if (selectedEdge.get() != null && !edges().contains(selectedEdge.get())) {
            selectedEdge.set(null);
        }
    }

    private void commit(NetworkSpec newSpec, Map<String, Point2D> newPositions, String coalesceKey) {
        history.record(editor, coalesceKey);
        if (newPositions != positions) {
            Map<String, Point2D> copy = new LinkedHashMap<>(newPositions);
            positions.keySet().retainAll(copy.keySet());
            positions.putAll(copy);
        }
        spec.set(newSpec);
    }

    // ------------------------------------------------------------------ derived state

    private void recompute() {
        NetworkSpec s = spec.get();
        if (s == null) {
            return;
        }
        NetworkShape sh = effectiveShape();
        NetworkGraph g = NetworkGraph.of(s, sh);
        List<String> found = new ArrayList<>();
        Map<String, List<String>> from = resolvedFrom(s);
        from.forEach((target, sources) -> {
            if (sources.contains("")) {
                found.add((kindOf(target) == NodeKind.OUTPUT ? "output '" : "layer '") + target
                        + "' is not connected: drag a wire into it from another node");
            }
        });
        for (String p : NetworkValidator.problems(s, sh)) {
            if (!p.contains("from '', which does not exist")) {
                found.add(p);
            }
        }
        problems.setAll(found.stream().distinct().toList());
        graph.set(g);

        Map<String, ModelSummary.Row> rows = new HashMap<>();
        try {
            ModelSummary.of(s, sh).rows().forEach(r -> rows.put(r.name(), r));
        } catch (RuntimeException e) {
            // best effort: a half-edited spec may not summarize
        }
        Map<String, Long> widths = new HashMap<>();
        g.nodes().forEach(n -> widths.put(n.name(), n.width()));
        List<NodeInfo> infos = new ArrayList<>();
        for (InputNode in : NetworkGraph.inputsOf(s)) {
            String cols = in.columns().isEmpty() ? "all columns"
                    : in.columns().size() + (in.columns().size() == 1 ? " column: " : " columns: ")
                    + String.join(", ", in.columns());
            infos.add(new NodeInfo(in.name(), NodeKind.INPUT, "Input", shapeText(widths.get(in.name())), cols,
                    problemsOf(in.name())));
        }
        for (LayerSpec layer : s.layers()) {
            ModelSummary.Row row = rows.get(layer.name());
            String subtitle = row == null ? "(None, ?)" : row.outputShape() + " · " + paramsText(row.params());
            infos.add(new NodeInfo(layer.name(), layer instanceof MergeLayer ? NodeKind.MERGE : NodeKind.LAYER,
                    layer.displayType(), subtitle, layerDetail(layer), problemsOf(layer.name())));
        }
        for (OutputNode out : NetworkGraph.outputsOf(s)) {
            ModelSummary.Row row = rows.get(out.name());
            NetworkShape.Target target = sh.targetOf(out);
            TaskType task = target == null ? sh.task() : target.task();
            String subtitle = row == null ? "(None, " + (target == null ? "?" : target.width()) + ")"
                    : row.outputShape() + " · " + paramsText(row.params());
            String detail = (out.target() == null ? "" : "→ " + out.target() + ", ")
                    + out.settings().resolvedActivation(task).jsonName() + ", "
                    + out.settings().resolvedLoss(task).jsonName() + ", weight " + trim(out.lossWeight());
            infos.add(new NodeInfo(out.name(), NodeKind.OUTPUT, "Output", subtitle, detail, problemsOf(out.name())));
        }
        nodes.set(List.copyOf(infos));
    }

    private static String layerDetail(LayerSpec layer) {
        if (layer instanceof DenseLayer d) {
            return d.units() + " units, " + d.activation().jsonName();
        }
        if (layer instanceof DropoutLayer d) {
            return "rate " + trim(d.rate());
        }
        if (layer instanceof ActivationLayer a) {
            return a.activation() == null ? "" : a.activation().jsonName();
        }
        if (layer instanceof MergeLayer m) {
            return m.mode().jsonName();
        }
        return "";
    }

    static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String shapeText(Long width) {
        return "(None, " + (width == null ? "?" : width) + ")";
    }

    private static String paramsText(long params) {
        return String.format(java.util.Locale.ROOT, "%,d params", params);
    }

    // ------------------------------------------------------------------ spec helpers

    /** Node names in display order: inputs, layers, outputs. */
    static List<String> nodeNames(NetworkSpec s) {
        return GraphEdits.nodeNames(s);
    }

    /** Every layer's and output's sources, implicit chain resolved; "" marks an unconnected output. */
    static Map<String, List<String>> resolvedFrom(NetworkSpec s) {
        return GraphEdits.resolvedFrom(s);
    }
}
