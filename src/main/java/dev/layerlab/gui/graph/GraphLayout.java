package dev.layerlab.gui.graph;

import static dev.layerlab.gui.graph.GraphEditorViewModel.COLUMN_GAP;
import static dev.layerlab.gui.graph.GraphEditorViewModel.MARGIN;
import static dev.layerlab.gui.graph.GraphEditorViewModel.NODE_HEIGHT;
import static dev.layerlab.gui.graph.GraphEditorViewModel.NODE_WIDTH;
import static dev.layerlab.gui.graph.GraphEditorViewModel.ROW_GAP;

import dev.layerlab.model.GraphEdits;
import dev.layerlab.model.NetworkGraph;
import dev.layerlab.model.NetworkShape;
import dev.layerlab.model.NetworkSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.geometry.Point2D;

/**
 * Where the graph editor puts nodes: a layered left-to-right layout (inputs in column 0, every other node one
 * column right of its furthest source, rows following the sources) and the first free spot for a new node.
 */
final class GraphLayout {
    private static final int FREE_SPOT_COLUMNS = 3;

    private GraphLayout() {
    }

    /** The column each node gets; nodes caught in a cycle go in a last column. */
    static Map<String, Integer> columns(NetworkSpec s, NetworkShape shape) {
        NetworkGraph g = NetworkGraph.of(s, shape);
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (NetworkGraph.Node node : g.nodes()) {
            int column = 0;
            if (node.kind() != NetworkGraph.Kind.INPUT) {
                column = 1;
                for (String source : node.from()) {
                    column = Math.max(column, columns.getOrDefault(source, 0) + 1);
                }
            }
            columns.put(node.name(), column);
        }
        int last = columns.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        for (String name : GraphEdits.nodeNames(s)) {
            columns.putIfAbsent(name, last);
        }
        return columns;
    }

    /**
     * Each node's top-left corner: within a column nodes are ordered by the mean row of their sources, then by spec
     * order, and sit on that row when it is free.
     */
    static Map<String, Point2D> layout(NetworkSpec s, NetworkShape shape) {
        Map<String, Integer> columns = columns(s, shape);
        List<String> order = GraphEdits.nodeNames(s);
        Map<String, List<String>> from = GraphEdits.resolvedFrom(s);
        Map<Integer, List<String>> byColumn = new TreeMap<>();
        columns.forEach((name, column) -> byColumn.computeIfAbsent(column, k -> new ArrayList<>()).add(name));
        Map<String, Double> rowOf = new HashMap<>();
        Map<String, Point2D> positions = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<String>> e : byColumn.entrySet()) {
            List<String> names = new ArrayList<>(e.getValue());
            names.sort(Comparator.comparingDouble((String n) -> meanRow(from.getOrDefault(n, List.of()), rowOf))
                    .thenComparingInt(order::indexOf));
            // Each node goes on the row of its sources (rounded down), below the node above it: a chain stays on
            // one row and a skip connection (wide & deep's wide input) runs straight through empty columns.
            int row = -1;
            for (String name : names) {
                double mean = meanRow(from.getOrDefault(name, List.of()), rowOf);
                row = Math.max(row + 1, (int) Math.floor(mean));
                rowOf.put(name, (double) row);
                positions.put(name, new Point2D(
                        MARGIN + e.getKey() * (NODE_WIDTH + COLUMN_GAP), MARGIN + row * (NODE_HEIGHT + ROW_GAP)));
            }
        }
        return positions;
    }

    private static double meanRow(List<String> sources, Map<String, Double> rowOf) {
        return sources.stream().filter(rowOf::containsKey).mapToDouble(rowOf::get).average().orElse(-1);
    }

    /** The first grid spot (3 per row) not overlapping a node at {@code taken}. */
    static Point2D freeSpot(Collection<Point2D> taken) {
        for (int i = 0; ; i++) {
            Point2D p = new Point2D(MARGIN + (i % FREE_SPOT_COLUMNS) * (NODE_WIDTH + COLUMN_GAP),
                    MARGIN + (i / FREE_SPOT_COLUMNS) * (NODE_HEIGHT + ROW_GAP));
            boolean overlaps = taken.stream().anyMatch(q ->
                    Math.abs(q.getX() - p.getX()) < NODE_WIDTH && Math.abs(q.getY() - p.getY()) < NODE_HEIGHT);
            if (!overlaps) {
                return p;
            }
        }
    }
}
