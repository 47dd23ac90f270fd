package dev.layerlab.export.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerlab.data.ColumnKind;
import dev.layerlab.data.CsvSniffer;
import dev.layerlab.data.FittedColumn;
import dev.layerlab.data.FittedPreprocessing;
import dev.layerlab.data.TableLoader;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Example requests for a served model: a real row of a CSV as the JSON body {@code POST /predict} takes, and the
 * curl commands that send it. Shown by the workbench's Serve panel and {@code GET /model}.
 */
public final class ExampleRequest {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ExampleRequest() {
    }

    /** A typical row: each numeric column's training mean, each categorical column's most frequent category. */
    public static ObjectNode typical(FittedPreprocessing prep) {
        ObjectNode example = JSON.createObjectNode();
        for (FittedColumn c : prep.columns()) {
            if (c.categories().isEmpty()) {
                example.put(c.name(), c.center());
            } else {
                example.put(c.name(), c.fillCategory() != null ? c.fillCategory() : c.categories().get(0));
            }
        }
        return example;
    }

    /**
     * The first data row of {@code csv} as a request body holding exactly the model's input columns, numbers as
     * JSON numbers, categories as strings, missing cells as null; {@link #typical} when the file is missing,
     * unreadable or lacks a column.
     */
    public static ObjectNode firstRow(FittedPreprocessing prep, Path csv) {
        if (csv == null || !Files.isRegularFile(csv)) {
            return typical(prep);
        }
        List<Map<String, String>> rows;
        try {
            rows = TableLoader.head(csv, CsvSniffer.detect(csv), 1);
        } catch (RuntimeException e) {
            return typical(prep);
        }
        if (rows.isEmpty()) {
            return typical(prep);
        }
        Map<String, String> row = rows.get(0);
        ObjectNode body = JSON.createObjectNode();
        for (FittedColumn c : prep.columns()) {
            String cell = row.get(c.name());
            if (cell == null) {
                return typical(prep);
            }
            String text = cell.trim();
            if (text.isEmpty() || isMissing(text)) {
                body.putNull(c.name());
            } else if (c.kind() == ColumnKind.NUMERIC) {
                try {
                    body.put(c.name(), new BigDecimal(text));
                } catch (NumberFormatException e) {
                    body.put(c.name(), text);
                }
            } else {
                body.put(c.name(), text);
            }
        }
        return body;
    }

    /** A curl command posting {@code body} to {@code base/predict}. */
    public static String curlPredict(URI base, ObjectNode body) {
        return "curl -s -X POST " + base + "/predict \\\n  -H 'Content-Type: application/json' \\\n  -d '"
                + spaced(body).replace("'", "'\\''") + "'";
    }

    /** The body as one line with a space after each colon and comma, as people write it (and so it wraps). */
    public static String spaced(ObjectNode body) {
        StringBuilder sb = new StringBuilder("{");
        var fields = body.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            sb.append(JSON.getNodeFactory().textNode(field.getKey())).append(": ").append(field.getValue());
            if (fields.hasNext()) {
                sb.append(", ");
            }
        }
        return sb.append('}').toString();
    }

    /** A curl command asking {@code base/health}. */
    public static String curlHealth(URI base) {
        return "curl -s " + base + "/health";
    }

    private static boolean isMissing(String s) {
        return s.equalsIgnoreCase("na") || s.equalsIgnoreCase("n/a") || s.equalsIgnoreCase("nan")
                || s.equalsIgnoreCase("null") || s.equals("?");
    }
}
