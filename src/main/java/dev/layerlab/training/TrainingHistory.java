package dev.layerlab.training;

import dev.layerlab.data.TaskType;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** The per-epoch history as CSV: {@code epoch,train_loss,val_loss,} then train_ and val_ metrics, learning rate, seconds. */
public final class TrainingHistory {
    private TrainingHistory() {
    }

    public static List<String> header(TaskType task) {
        return header(task, List.of());
    }

    /**
     * @param extraMetrics metrics beyond the task's standard ones, e.g. per-output losses of a graph network
     *                     ("main_loss", "aux_rmse")
     */
    public static List<String> header(TaskType task, List<String> extraMetrics) {
        List<String> header = new ArrayList<>(List.of("epoch", "train_loss", "val_loss"));
        for (String prefix : new String[] {"train_", "val_"}) {
            for (String metric : Metrics.names(task)) {
                header.add(prefix + metric);
            }
            for (String metric : extraMetrics) {
                header.add(prefix + metric);
            }
        }
        header.add("learning_rate");
        header.add("seconds");
        return header;
    }

    public static String toCsv(List<EpochRecord> history, TaskType task) {
        List<String> standard = List.of(Metrics.names(task));
        List<String> extras = history.isEmpty() ? List.of() : history.get(0).trainMetrics().keySet().stream()
                .filter(name -> !standard.contains(name)).toList();
        List<String> header = header(task, extras);
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                .setRecordSeparator('\n').build().print(out)) {
            for (EpochRecord record : history) {
                List<String> row = new ArrayList<>();
                row.add(Integer.toString(record.epoch()));
                for (String column : header.subList(1, header.size())) {
                    double value = switch (column) {
                        case "learning_rate" -> record.learningRate();
                        case "seconds" -> record.elapsedMillis() / 1000.0;
                        default -> record.value(column);
                    };
                    row.add(Double.isNaN(value) ? "" : Double.toString(value));
                }
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static List<EpochRecord> fromCsv(String csv) {
        List<EpochRecord> history = new ArrayList<>();
        try (Reader reader = new StringReader(csv);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            for (CSVRecord row : parser) {
                Map<String, Double> train = new HashMap<>();
                Map<String, Double> val = new HashMap<>();
                for (String column : parser.getHeaderNames()) {
                    double value = parse(row.get(column));
                    if (column.startsWith("train_") && !column.equals("train_loss")) {
                        train.put(column.substring(6), value);
                    } else if (column.startsWith("val_") && !column.equals("val_loss")) {
                        val.put(column.substring(4), value);
                    }
                }
                history.add(new EpochRecord(Integer.parseInt(row.get("epoch")), parse(row.get("train_loss")),
                        parse(row.get("val_loss")), train, val, parse(row.get("learning_rate")),
                        Math.round(parse(row.get("seconds")) * 1000)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return history;
    }

    private static double parse(String text) {
        return text == null || text.isEmpty() ? Double.NaN : Double.parseDouble(text);
    }
}
