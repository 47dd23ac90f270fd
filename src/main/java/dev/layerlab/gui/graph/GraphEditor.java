package dev.layerlab.gui.graph;

import atlantafx.base.theme.Styles;
import dev.layerlab.gui.graph.GraphEditorViewModel.Edge;
import dev.layerlab.gui.graph.GraphEditorViewModel.NodeInfo;
import dev.layerlab.gui.graph.GraphEditorViewModel.NodeKind;
import dev.layerlab.gui.graph.GraphEditorViewModel.NodeType;
import dev.layerlab.model.NetworkTemplates;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.MapChangeListener;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

/**
 * A node-graph editor for a {@link dev.layerlab.model.NetworkSpec}: palette on the left, canvas in the middle,
 * properties of the selected node on the right, problems below. Drop it in any window:
 * {@code new GraphEditor(new GraphEditorViewModel(columns))}, then follow {@code viewModel().specProperty()}.
 *
 * <p>Mouse: drag a palette item onto the canvas (or double-click it) to add a node; drag from a node's right port
 * to another node's left port to wire them; drag nodes to move them; drag the background or scroll to pan,
 * Ctrl+scroll to zoom; click a wire and press Delete (or right-click it) to remove it. Ctrl+Z / Ctrl+Y undo and redo.
 */
public class GraphEditor extends BorderPane {

    private static final String DRAG_PREFIX = "layerlab-graph-node:";
    private static final double PORT_RADIUS = 7;

    /** The editor's stylesheet: AtlantaFX's looked-up colours, so it follows the light and the dark theme. */
    public static final String STYLESHEET = "/dev/layerlab/gui/graph/graph-editor.css";

    private final GraphEditorViewModel vm;
    private final Pane viewport = new Pane();
    private final Group content = new Group();
    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final CubicCurve rubberBand = new CubicCurve();
    private final Translate pan = new Translate();
    private final Scale zoom = new Scale(1, 1, 0, 0);
    private final Map<String, Pane> nodeViews = new HashMap<>();
    private final GraphPropertySheet properties;
    private final ListView<String> problemList = new ListView<>();
    private Point2D panStart;
    private Point2D dragOffset;
    private boolean dragMoved;
    private String wireSource;

    public GraphEditor(GraphEditorViewModel viewModel) {
        this.vm = viewModel;
        this.properties = new GraphPropertySheet(viewModel);
        getStylesheets().add(java.util.Objects.requireNonNull(GraphEditor.class.getResource(STYLESHEET),
                STYLESHEET).toExternalForm());
        getStyleClass().add("graph-editor");

        setTop(buildToolbar());
        setLeft(buildPalette());
        setCenter(buildViewport());
        ScrollPane propertyScroll = new ScrollPane(properties);
        propertyScroll.setFitToWidth(true);
        propertyScroll.setPrefWidth(250);
        setRight(propertyScroll);
        problemList.setItems(vm.problems());
        problemList.getStyleClass().add("graph-problems");
        problemList.setPrefHeight(110);
        problemList.setPlaceholder(new Label("No problems: the network can be trained."));
        problemList.setCellFactory(lv -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                if (empty) {
                    setGraphic(null);
                } else {
                    FontIcon icon = new FontIcon(MaterialDesignA_ALERT());
                    icon.getStyleClass().add("graph-problem-icon");
                    setGraphic(icon);
                }
            }
        });
        problemList.getSelectionModel().selectedItemProperty().addListener((obs, old, problem) -> {
            if (problem != null) {
                vm.nodesProperty().get().stream().filter(n -> problem.contains("'" + n.name() + "'")).findFirst()
                        .ifPresent(n -> vm.selectNode(n.name()));
            }
        });
        setBottom(problemList);

        vm.nodesProperty().addListener((obs, old, now) -> rebuildNodes());
        vm.positions().addListener((MapChangeListener<String, Point2D>) c -> placeNodesAndEdges());
        vm.selectedNodeProperty().addListener((obs, old, now) -> refreshSelection());
        vm.selectedEdgeProperty().addListener((obs, old, now) -> drawEdges());

        addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (KeyCombination.valueOf("Shortcut+Z").match(e)) {
                vm.undo();
                e.consume();
            } else if (KeyCombination.valueOf("Shortcut+Y").match(e) || KeyCombination.valueOf("Shortcut+Shift+Z").match(e)) {
                vm.redo();
                e.consume();
            }
        });
        rebuildNodes();
    }

    private static org.kordamp.ikonli.Ikon MaterialDesignA_ALERT() {
        return org.kordamp.ikonli.materialdesign2.MaterialDesignA.ALERT_CIRCLE_OUTLINE;
    }

    public GraphEditorViewModel viewModel() {
        return vm;
    }

    /** The spec being edited (same as {@code viewModel().specProperty()}): listen to it to follow every edit. */
    public javafx.beans.property.ObjectProperty<dev.layerlab.model.NetworkSpec> specProperty() {
        return vm.specProperty();
    }

    /** The selected node's name (or null), for a host's own property sheet. */
    public javafx.beans.property.StringProperty selectedNodeProperty() {
        return vm.selectedNodeProperty();
    }

    /** Shows or hides the built-in property panel (a host with its own property sheet can hide it). */
    public void setPropertyPanelVisible(boolean visible) {
        getRight().setVisible(visible);
        getRight().setManaged(visible);
    }

    /** Shows or hides the problems list below the canvas. */
    public void setProblemListVisible(boolean visible) {
        problemList.setVisible(visible);
        problemList.setManaged(visible);
    }

    /** The canvas's zoom factor (1 = 100%). */
    public double zoomFactor() {
        return zoom.getX();
    }

    /**
     * Moves the property sheet out of the editor, for a host that shows it in its own side panel (the Model
     * screen does, so the canvas keeps the width). The sheet keeps following the selection.
     */
    public Node takePropertySheet() {
        Node sheet = getRight();
        setRight(null);
        if (sheet instanceof javafx.scene.Parent p) {
            p.getStylesheets().setAll(getStylesheets()); // it leaves the editor's subtree: take the look along
        }
        return sheet;
    }

    // ------------------------------------------------------------------ toolbar and palette

    private ToolBar buildToolbar() {
        ToolBar bar = new ToolBar();
        NetworkTemplates.DATA_TEMPLATES.forEach((id, label) -> {
            Button b = new Button(label);
            b.setId("template-" + id);
            b.setOnAction(e -> {
                if (vm.availableColumns().isEmpty()) {
                    return;
                }
                vm.applyTemplate(id);
                fitToView();
            });
            b.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.availableColumns()));
            bar.getItems().add(b);
        });
        bar.getItems().add(new Separator(javafx.geometry.Orientation.VERTICAL));
        bar.getItems().addAll(
                iconButton("auto-layout", MaterialDesignS.SITEMAP, "Auto-layout (left to right)", () -> {
                    vm.autoLayout();
                    fitToView();
                }),
                iconButton("zoom-in", MaterialDesignM.MAGNIFY_PLUS_OUTLINE, "Zoom in (Ctrl+scroll)", () -> zoomAt(viewCenter(), 1.2)),
                iconButton("zoom-out", MaterialDesignM.MAGNIFY_MINUS_OUTLINE, "Zoom out", () -> zoomAt(viewCenter(), 1 / 1.2)),
                iconButton("zoom-fit", MaterialDesignF.FIT_TO_PAGE_OUTLINE, "Fit the network in view", this::fitToView),
                new Separator(javafx.geometry.Orientation.VERTICAL));
        Button undo = iconButton("undo", MaterialDesignU.UNDO, "Undo (Ctrl+Z)", vm::undo);
        undo.disableProperty().bind(vm.canUndoProperty().not());
        Button redo = iconButton("redo", MaterialDesignR.REDO, "Redo (Ctrl+Y)", vm::redo);
        redo.disableProperty().bind(vm.canRedoProperty().not());
        Button duplicate = iconButton("duplicate", MaterialDesignC.CONTENT_COPY, "Duplicate the selected node", () -> {
            if (vm.selectedNodeProperty().get() != null) {
                vm.duplicateNode(vm.selectedNodeProperty().get());
            }
        });
        duplicate.disableProperty().bind(vm.selectedNodeProperty().isNull());
        Button delete = iconButton("delete", MaterialDesignD.DELETE_OUTLINE, "Delete the selected node or wire (Delete)",
                vm::deleteSelection);
        delete.disableProperty().bind(vm.selectedNodeProperty().isNull().and(vm.selectedEdgeProperty().isNull()));
        bar.getItems().addAll(undo, redo, duplicate, delete);
        return bar;
    }

    private Button iconButton(String id, org.kordamp.ikonli.Ikon icon, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().add(Styles.BUTTON_ICON);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private VBox buildPalette() {
        VBox palette = new VBox();
        palette.getStyleClass().add("graph-palette");
        Label heading = new Label("Add a node");
        heading.getStyleClass().add("graph-section");
        palette.getChildren().add(heading);
        for (NodeType type : NodeType.values()) {
            Label item = new Label(type.label());
            item.setId("palette-" + type.name());
            item.getStyleClass().add("graph-palette-item");
            item.setMaxWidth(Double.MAX_VALUE);
            item.setTooltip(new Tooltip("Drag onto the canvas or double-click to add"));
            item.setOnMouseClicked(e -> {
                // Every second click adds one: quick double-clicks in a row keep counting up (3, 4, ...).
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() % 2 == 0) {
                    vm.addNode(type, null);
                }
            });
            item.setOnDragDetected(e -> {
                var db = item.startDragAndDrop(TransferMode.COPY);
                ClipboardContent cc = new ClipboardContent();
                cc.putString(DRAG_PREFIX + type.name());
                db.setContent(cc);
                e.consume();
            });
            palette.getChildren().add(item);
        }
        Label hint = new Label("Wire nodes by dragging from a right port to a left port.");
        hint.setWrapText(true);
        hint.setMaxWidth(130);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        palette.getChildren().add(hint);
        palette.setPrefWidth(150);
        return palette;
    }

    // ------------------------------------------------------------------ canvas

    private Pane buildViewport() {
        viewport.getStyleClass().add("graph-canvas");
        viewport.setId("graph-canvas");
        viewport.setFocusTraversable(true);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(viewport.widthProperty());
        clip.heightProperty().bind(viewport.heightProperty());
        viewport.setClip(clip);
        viewport.setMinSize(200, 150);
        content.getTransforms().addAll(pan, zoom);
        rubberBand.getStyleClass().add("graph-rubber-band");
        rubberBand.setVisible(false);
        rubberBand.setMouseTransparent(true);
        content.getChildren().addAll(edgeLayer, nodeLayer, rubberBand);
        viewport.getChildren().add(content);

        viewport.setOnMousePressed(e -> {
            viewport.requestFocus();
            if (e.getButton() == MouseButton.PRIMARY) {
                panStart = new Point2D(e.getX() - pan.getX(), e.getY() - pan.getY());
                vm.selectNode(null);
                vm.selectEdge(null);
            }
        });
        viewport.setOnMouseDragged(e -> {
            if (panStart != null) {
                pan.setX(e.getX() - panStart.getX());
                pan.setY(e.getY() - panStart.getY());
            }
        });
        viewport.setOnMouseReleased(e -> panStart = null);
        viewport.setOnScroll(e -> {
            if (e.isControlDown() || e.isShortcutDown()) {
                zoomAt(new Point2D(e.getX(), e.getY()), e.getDeltaY() > 0 ? 1.1 : 1 / 1.1);
            } else {
                pan.setX(pan.getX() + e.getDeltaX());
                pan.setY(pan.getY() + e.getDeltaY());
            }
            e.consume();
        });
        viewport.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                vm.deleteSelection();
                e.consume();
            }
        });
        viewport.setOnDragOver(e -> {
            if (e.getDragboard().hasString() && e.getDragboard().getString().startsWith(DRAG_PREFIX)) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        viewport.setOnDragDropped(e -> {
            String text = e.getDragboard().hasString() ? e.getDragboard().getString() : "";
            if (text.startsWith(DRAG_PREFIX)) {
                NodeType type = NodeType.valueOf(text.substring(DRAG_PREFIX.length()));
                Point2D at = content.sceneToLocal(e.getSceneX(), e.getSceneY());
                vm.addNode(type, at.subtract(GraphEditorViewModel.NODE_WIDTH / 2, GraphEditorViewModel.NODE_HEIGHT / 2));
                e.setDropCompleted(true);
            }
            e.consume();
        });
        return viewport;
    }

    private Point2D viewCenter() {
        return new Point2D(viewport.getWidth() / 2, viewport.getHeight() / 2);
    }

    /** Zooms by {@code factor} keeping the canvas point under {@code viewPoint} (viewport coordinates) in place. */
    public void zoomAt(Point2D viewPoint, double factor) {
        double old = zoom.getX();
        double now = Math.max(0.25, Math.min(3, old * factor));
        double cx = (viewPoint.getX() - pan.getX()) / old;
        double cy = (viewPoint.getY() - pan.getY()) / old;
        zoom.setX(now);
        zoom.setY(now);
        pan.setX(viewPoint.getX() - cx * now);
        pan.setY(viewPoint.getY() - cy * now);
    }

    /** Zooms and pans so that every node is visible (never above 125%, nor below 60%: then the rest is a pan away). */
    public void fitToView() {
        if (vm.positions().isEmpty()) {
            return;
        }
        applyCss();
        layout();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Point2D p : vm.positions().values()) {
            minX = Math.min(minX, p.getX());
            minY = Math.min(minY, p.getY());
            maxX = Math.max(maxX, p.getX() + GraphEditorViewModel.NODE_WIDTH);
            maxY = Math.max(maxY, p.getY() + GraphEditorViewModel.NODE_HEIGHT);
        }
        double w = viewport.getWidth() > 0 ? viewport.getWidth() : viewport.getPrefWidth();
        double h = viewport.getHeight() > 0 ? viewport.getHeight() : viewport.getPrefHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        double margin = 30;
        double scale = Math.min(1.25, Math.min((w - 2 * margin) / (maxX - minX), (h - 2 * margin) / (maxY - minY)));
        scale = Math.max(0.6, scale); // below that the node text is unreadable: pan to see the rest
        zoom.setX(scale);
        zoom.setY(scale);
        pan.setX(margin - minX * scale + Math.max(0, (w - 2 * margin - (maxX - minX) * scale) / 2));
        pan.setY(margin - minY * scale);
    }

    // ------------------------------------------------------------------ nodes

    private void rebuildNodes() {
        nodeLayer.getChildren().clear();
        nodeViews.clear();
        for (NodeInfo info : vm.nodesProperty().get()) {
            Pane view = nodeView(info);
            nodeViews.put(info.name(), view);
            nodeLayer.getChildren().add(view);
        }
        placeNodesAndEdges();
        refreshSelection();
    }

    private Pane nodeView(NodeInfo info) {
        Label title = new Label(info.name() + "  ·  " + info.type());
        title.getStyleClass().add("node-title");
        Label subtitle = new Label(info.subtitle());
        subtitle.getStyleClass().add("node-subtitle");
        Label detail = new Label(info.detail());
        detail.getStyleClass().add("node-detail");
        for (Label l : List.of(title, subtitle, detail)) {
            l.setMaxWidth(GraphEditorViewModel.NODE_WIDTH - 24);
            l.setMouseTransparent(true);
        }
        VBox body = new VBox(2, title, subtitle, detail);
        body.setAlignment(Pos.CENTER_LEFT);
        body.getStyleClass().addAll("graph-node", info.kind().name().toLowerCase(java.util.Locale.ROOT));
        body.setPrefSize(GraphEditorViewModel.NODE_WIDTH, GraphEditorViewModel.NODE_HEIGHT);
        body.setMinSize(GraphEditorViewModel.NODE_WIDTH, GraphEditorViewModel.NODE_HEIGHT);
        body.setMaxSize(GraphEditorViewModel.NODE_WIDTH, GraphEditorViewModel.NODE_HEIGHT);
        StringBuilder tip = new StringBuilder(info.name() + " (" + info.type() + ")\n" + info.subtitle());
        if (!info.detail().isEmpty()) {
            tip.append('\n').append(info.detail());
        }
        if (!info.problems().isEmpty()) {
            body.getStyleClass().add("problem");
            info.problems().forEach(p -> tip.append("\n⚠ ").append(p));
        }
        Tooltip.install(body, new Tooltip(tip.toString()));

        Pane view = new Pane(body);
        view.setId("node-" + info.name());
        view.setUserData(info.name());
        view.setPickOnBounds(false);
        double midY = GraphEditorViewModel.NODE_HEIGHT / 2;
        if (info.kind() != NodeKind.INPUT) {
            Circle in = port("port-in-" + info.name(), 0, midY);
            view.getChildren().add(in);
        }
        if (info.kind() != NodeKind.OUTPUT) {
            Circle out = port("port-out-" + info.name(), GraphEditorViewModel.NODE_WIDTH, midY);
            installWiring(out, info.name());
            view.getChildren().add(out);
        }

        body.setOnMousePressed(e -> {
            viewport.requestFocus();
            vm.selectNode(info.name());
            if (e.getButton() == MouseButton.PRIMARY) {
                Point2D p = content.sceneToLocal(e.getSceneX(), e.getSceneY());
                dragOffset = p.subtract(vm.positions().getOrDefault(info.name(), Point2D.ZERO));
                dragMoved = false;
            }
            e.consume();
        });
        body.setOnMouseDragged(e -> {
            if (dragOffset == null) {
                return;
            }
            if (!dragMoved) {
                vm.markUndoPoint();
                dragMoved = true;
            }
            Point2D p = content.sceneToLocal(e.getSceneX(), e.getSceneY()).subtract(dragOffset);
            vm.moveNode(info.name(), p);
            e.consume();
        });
        body.setOnMouseReleased(e -> {
            dragOffset = null;
            e.consume();
        });
        ContextMenu menu = new ContextMenu();
        if (info.kind() == NodeKind.INPUT) {
            MenuItem columns = new MenuItem("Choose columns…");
            columns.setOnAction(e -> properties.showColumnsPopOver(info.name(), view));
            menu.getItems().add(columns);
        }
        MenuItem duplicate = new MenuItem("Duplicate");
        duplicate.setOnAction(e -> vm.duplicateNode(info.name()));
        MenuItem delete = new MenuItem("Delete");
        delete.setOnAction(e -> vm.removeNode(info.name()));
        menu.getItems().addAll(duplicate, delete);
        body.setOnContextMenuRequested(e -> {
            vm.selectNode(info.name());
            menu.show(body, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        if (info.kind() == NodeKind.INPUT) {
            body.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                    properties.showColumnsPopOver(info.name(), view);
                }
            });
        }
        return view;
    }

    private Circle port(String id, double x, double y) {
        Circle c = new Circle(x, y, PORT_RADIUS);
        c.setId(id);
        c.getStyleClass().add("graph-port");
        return c;
    }

    /** Dragging from an output port draws a rubber band; releasing over a node wires into it. */
    private void installWiring(Circle out, String source) {
        out.setOnMousePressed(e -> {
            wireSource = source;
            Point2D start = portPoint(source, true);
            rubberBand.setStartX(start.getX());
            rubberBand.setStartY(start.getY());
            updateRubberBand(start);
            rubberBand.setVisible(true);
            e.consume();
        });
        out.setOnMouseDragged(e -> {
            if (wireSource != null) {
                updateRubberBand(content.sceneToLocal(e.getSceneX(), e.getSceneY()));
            }
            e.consume();
        });
        out.setOnMouseReleased(e -> {
            rubberBand.setVisible(false);
            if (wireSource != null) {
                String target = nodeAt(content.sceneToLocal(e.getSceneX(), e.getSceneY()));
                String from = wireSource;
                wireSource = null;
                if (target != null && !target.equals(from)) {
                    vm.connect(from, target);
                }
            }
            e.consume();
        });
    }

    private void updateRubberBand(Point2D end) {
        rubberBand.setEndX(end.getX());
        rubberBand.setEndY(end.getY());
        double dx = Math.max(40, Math.abs(end.getX() - rubberBand.getStartX()) / 2);
        rubberBand.setControlX1(rubberBand.getStartX() + dx);
        rubberBand.setControlY1(rubberBand.getStartY());
        rubberBand.setControlX2(end.getX() - dx);
        rubberBand.setControlY2(end.getY());
    }

    /** The node whose block (or input port) contains this canvas point, or null. */
    private String nodeAt(Point2D p) {
        for (Map.Entry<String, Point2D> e : vm.positions().entrySet()) {
            Point2D q = e.getValue();
            if (p.getX() >= q.getX() - PORT_RADIUS * 2 && p.getX() <= q.getX() + GraphEditorViewModel.NODE_WIDTH
                    && p.getY() >= q.getY() && p.getY() <= q.getY() + GraphEditorViewModel.NODE_HEIGHT) {
                return e.getKey();
            }
        }
        return null;
    }

    private Point2D portPoint(String name, boolean output) {
        Point2D p = vm.positions().getOrDefault(name, Point2D.ZERO);
        return new Point2D(p.getX() + (output ? GraphEditorViewModel.NODE_WIDTH : 0),
                p.getY() + GraphEditorViewModel.NODE_HEIGHT / 2);
    }

    private void placeNodesAndEdges() {
        nodeViews.forEach((name, view) -> {
            Point2D p = vm.positions().get(name);
            if (p != null) {
                view.relocate(p.getX(), p.getY());
            }
        });
        drawEdges();
    }

    private void refreshSelection() {
        String selected = vm.selectedNodeProperty().get();
        nodeViews.forEach((name, view) -> {
            Node body = view.getChildren().get(0);
            if (name.equals(selected)) {
                if (!body.getStyleClass().contains("selected")) {
                    body.getStyleClass().add("selected");
                }
                view.toFront();
            } else {
                body.getStyleClass().remove("selected");
            }
        });
    }

    private void drawEdges() {
        edgeLayer.getChildren().clear();
        Edge selected = vm.selectedEdgeProperty().get();
        for (Edge edge : vm.edges()) {
            if (!vm.positions().containsKey(edge.source()) || !vm.positions().containsKey(edge.target())) {
                continue;
            }
            Point2D a = portPoint(edge.source(), true);
            Point2D b = portPoint(edge.target(), false).subtract(PORT_RADIUS, 0);
            double dx = Math.max(40, Math.abs(b.getX() - a.getX()) / 2);
            CubicCurve curve = new CubicCurve(a.getX(), a.getY(), a.getX() + dx, a.getY(), b.getX() - dx, b.getY(),
                    b.getX(), b.getY());
            curve.getStyleClass().add("graph-edge");
            CubicCurve hit = new CubicCurve(a.getX(), a.getY(), a.getX() + dx, a.getY(), b.getX() - dx, b.getY(),
                    b.getX(), b.getY());
            hit.getStyleClass().add("graph-edge-hit");
            Polygon arrow = new Polygon(b.getX(), b.getY(), b.getX() - 9, b.getY() - 5, b.getX() - 9, b.getY() + 5);
            arrow.getStyleClass().add("graph-arrow");
            if (edge.equals(selected)) {
                curve.getStyleClass().add("selected");
                arrow.getStyleClass().add("selected");
            }
            Group g = new Group(curve, arrow, hit);
            g.setId("edge-" + edge.source() + "-" + edge.target());
            hit.setOnMousePressed(e -> {
                viewport.requestFocus();
                vm.selectEdge(edge);
                e.consume();
            });
            ContextMenu menu = new ContextMenu();
            MenuItem delete = new MenuItem("Delete wire " + edge.source() + " → " + edge.target());
            delete.setOnAction(e -> vm.disconnect(edge.source(), edge.target()));
            menu.getItems().add(delete);
            hit.setOnContextMenuRequested(e -> {
                vm.selectEdge(edge);
                menu.show(hit, e.getScreenX(), e.getScreenY());
                e.consume();
            });
            edgeLayer.getChildren().add(g);
        }
    }

}
