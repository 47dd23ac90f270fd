package dev.layerlab.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;

/**
 * A Keras-style summary of a spec, computed without building the network: one row per layer plus the
 * output layer, parameter totals and a rough memory estimate.
 *
 * <p>Counts match DL4J's {@code numParams()} for the translated network. BatchNormalization holds 4 values
 * per unit in DL4J; like Keras we count gamma/beta as trainable and the moving mean/variance as
 * non-trainable. A Dense layer with prelu includes its per-unit PReLU slopes. The summary of an invalid spec
 * is best effort (negative sizes count as 0).
 */
public final class ModelSummary {

    /** One line of the summary table. */
    public record Row(String name, String type, String outputShape, long params, List<String> connectedTo) {
        public Row {
            connectedTo = connectedTo == null ? List.of() : List.copyOf(connectedTo);
        }

        public Row(String name, String type, String outputShape, long params) {
            this(name, type, outputShape, params, List.of());
        }
    }

    private static final int FLOAT_BYTES = 4;
    /** Weights, gradients and Adam's two moment estimates: four floats per parameter. */
    private static final int COPIES_PER_PARAM = 4;
    /** Forward activations plus the errors flowing back through them during training. */
    private static final int COPIES_PER_ACTIVATION = 2;
    private static final int DEFAULT_BATCH = 32;

    private final List<Row> rows;
    private final long totalParams;
    private final long nonTrainableParams;
    /** Activation values for one example: the input plus every layer's output. */
    private final long activationsPerExample;

    private final boolean graph;

    private ModelSummary(List<Row> rows, long totalParams, long nonTrainableParams, long activationsPerExample) {
        this(rows, totalParams, nonTrainableParams, activationsPerExample, false);
    }

    private ModelSummary(List<Row> rows, long totalParams, long nonTrainableParams, long activationsPerExample,
                         boolean graph) {
        this.graph = graph;
        this.rows = List.copyOf(rows);
        this.totalParams = totalParams;
        this.nonTrainableParams = nonTrainableParams;
        this.activationsPerExample = activationsPerExample;
    }

    public static ModelSummary of(NetworkSpec spec, NetworkShape shape) {
        if (spec.isGraph() || shape.hasEmbeddings()) {
            return ofGraph(spec, shape);
        }
        List<Row> rows = new ArrayList<>();
        long width = Math.max(0, shape.inputs());
        long total = 0;
        long nonTrainable = 0;
        long activations = width;
        for (LayerSpec layer : spec.layers()) {
            long params = 0;
            if (layer instanceof DenseLayer d) {
                long units = Math.max(0, d.units());
                params = width * units + units;
                if (d.activation() == Activation.PRELU) {
                    params += units; // the extra PReLU layer's slopes
                    activations += units;
                }
                width = units;
            } else if (layer instanceof BatchNormLayer) {
                params = 4 * width;
                nonTrainable += 2 * width;
            } else if (layer instanceof ActivationLayer a && a.activation() == Activation.PRELU) {
                params = width;
            }
            activations += width;
            total += params;
            rows.add(new Row(layer.name(), layer.displayType(), shapeText(width), params));
        }
        long outputs = Math.max(0, shape.outputs());
        long outParams = width * outputs + outputs;
        total += outParams;
        activations += outputs;
        rows.add(new Row(OutputSpec.LAYER_NAME, "Dense", shapeText(outputs), outParams));
        return new ModelSummary(rows, total, nonTrainable, activations);
    }

    /** A graph network: one row per node, with the nodes feeding it ("Connected to"), as Keras prints. */
    private static ModelSummary ofGraph(NetworkSpec spec, NetworkShape shape) {
        NetworkGraph graph = NetworkGraph.of(spec, shape);
        Map<String, Long> widths = new HashMap<>();
        graph.nodes().forEach(n -> widths.put(n.name(), n.width()));
        List<Row> rows = new ArrayList<>();
        long total = 0;
        long nonTrainable = 0;
        long activations = 0;
        InputLayout layout = InputLayout.of(spec, NetworkGraph.shapeFor(spec, shape));
        for (NetworkGraph.Node node : graph.nodes()) {
            long in = node.from().isEmpty() ? 0 : widths.getOrDefault(node.from().get(0), 0L);
            long params = 0;
            String type;
            if (node.kind() == NetworkGraph.Kind.INPUT && !layout.resolve(node.name()).equals(node.name())
                    || layout.denseWidth(node.name()) != null) {
                // Embedded columns: the index inputs and embedding tables, then the merge the layers read.
                long[] totals = embeddingRows(node, layout, rows);
                total += totals[0];
                activations += totals[1];
                continue;
            }
            switch (node.kind()) {
                case INPUT -> type = "InputLayer";
                case OUTPUT -> {
                    type = "Dense";
                    params = in * node.width() + node.width();
                }
                default -> {
                    LayerSpec layer = node.layer();
                    type = layer.displayType();
                    if (layer instanceof DenseLayer d) {
                        params = in * node.width() + node.width();
                        if (d.activation() == Activation.PRELU) {
                            params += node.width();
                            activations += node.width();
                        }
                    } else if (layer instanceof BatchNormLayer) {
                        params = 4 * in;
                        nonTrainable += 2 * in;
                    } else if (layer instanceof ActivationLayer a && a.activation() == Activation.PRELU) {
                        params = in;
                    }
                }
            }
            total += params;
            activations += node.width();
            rows.add(new Row(node.name(), type, shapeText(node.width()), params,
                    node.from().stream().map(layout::resolve).toList()));
        }
        return new ModelSummary(rows, total, nonTrainable, activations, true);
    }

    /** Rows for a spec input with embedded columns; returns its parameters and activations. */
    private static long[] embeddingRows(NetworkGraph.Node node, InputLayout layout, List<Row> rows) {
        long params = 0;
        long activations = 0;
        List<String> sources = new ArrayList<>();
        Long dense = layout.denseWidth(node.name());
        if (dense != null) {
            rows.add(new Row(node.name(), "InputLayer", shapeText(dense), 0));
            activations += dense;
            sources.add(node.name());
        }
        for (InputLayout.Input input : layout.inputs()) {
            EmbeddedColumn e = input.embedding();
            if (e == null || rows.stream().anyMatch(r -> r.name().equals(e.layerName()))) {
                continue;
            }
            rows.add(new Row(e.inputName(), "InputLayer", shapeText(1), 0));
            rows.add(new Row(e.layerName(), "Embedding", shapeText(e.dimension()), e.params(), List.of(e.inputName())));
            params += e.params();
            activations += 1 + e.dimension();
        }
        for (InputLayout.Merge merge : layout.merges()) {
            if (merge.name().equals(layout.resolve(node.name()))) {
                rows.add(new Row(merge.name(), "Concatenate", shapeText(node.width()), 0, merge.from()));
                activations += node.width();
            }
        }
        return new long[] {params, activations};
    }

    public boolean isGraph() {
        return graph;
    }

    public List<Row> rows() {
        return rows;
    }

    public long totalParams() {
        return totalParams;
    }

    public long trainableParams() {
        return totalParams - nonTrainableParams;
    }

    public long nonTrainableParams() {
        return nonTrainableParams;
    }

    /**
     * Rough training memory in bytes (float32): parameters with their gradients and Adam state, plus
     * activations and back-propagated errors for one batch. Ignores JVM and native-library overhead.
     */
    public long estimatedMemoryBytes(int batchSize) {
        long params = totalParams * COPIES_PER_PARAM * FLOAT_BYTES;
        long acts = (long) Math.max(1, batchSize) * activationsPerExample * COPIES_PER_ACTIVATION * FLOAT_BYTES;
        return params + acts;
    }

    /** The table with a memory estimate for a batch of 32. */
    public String render() {
        return render(DEFAULT_BATCH);
    }

    /** A fixed-width table in the style of Keras's {@code model.summary()}. */
    public String render(int batchSize) {
        int nameWidth = 29;
        for (Row row : rows) {
            nameWidth = Math.max(nameWidth, row.name().length() + row.type().length() + 5);
        }
        int shapeWidth = 26;
        int paramWidth = 10;
        int lineWidth = nameWidth + shapeWidth + paramWidth;
        String thin = "_".repeat(lineWidth);
        String thick = "=".repeat(lineWidth);
        StringBuilder sb = new StringBuilder();
        if (graph) {
            paramWidth = 12;
            lineWidth = nameWidth + shapeWidth + paramWidth + 24;
            thin = "_".repeat(lineWidth);
            thick = "=".repeat(lineWidth);
        }
        sb.append(graph ? "Model: \"functional\"\n" : "Model: \"sequential\"\n");
        sb.append(thin).append('\n');
        String header = cells(nameWidth, shapeWidth, " Layer (type)", "Output Shape", "Param #");
        sb.append(graph ? pad(header, nameWidth + shapeWidth + paramWidth) + "Connected to" : header).append('\n');
        sb.append(thick).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String line = cells(nameWidth, shapeWidth, " " + row.name() + " (" + row.type() + ")",
                    row.outputShape(), grouped(row.params()));
            if (graph) {
                line = pad(line, nameWidth + shapeWidth + paramWidth) + String.join(", ", row.connectedTo());
            }
            sb.append(line.stripTrailing()).append('\n');
            if (i < rows.size() - 1) {
                sb.append('\n');
            }
        }
        sb.append(thick).append('\n');
        sb.append("Total params: ").append(grouped(totalParams))
                .append(" (").append(humanBytes(totalParams * FLOAT_BYTES)).append(")\n");
        sb.append("Trainable params: ").append(grouped(trainableParams()))
                .append(" (").append(humanBytes(trainableParams() * FLOAT_BYTES)).append(")\n");
        sb.append("Non-trainable params: ").append(grouped(nonTrainableParams))
                .append(" (").append(humanBytes(nonTrainableParams * FLOAT_BYTES)).append(")\n");
        sb.append("Estimated training memory (batch ").append(batchSize).append(", Adam): ")
                .append(humanBytes(estimatedMemoryBytes(batchSize))).append('\n');
        sb.append(thin).append('\n');
        return sb.toString();
    }

    /** "1,234" like Keras. */
    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Binary units as Keras prints them: "512.00 B", "4.82 KB", "1.20 MB". */
    public static String humanBytes(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }

    private static String shapeText(long width) {
        return "(None, " + width + ")";
    }

    private static String cells(int nameWidth, int shapeWidth, String name, String shape, String params) {
        return pad(name, nameWidth) + pad(shape, shapeWidth) + params;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
