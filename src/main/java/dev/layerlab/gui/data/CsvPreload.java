package dev.layerlab.gui.data;

import dev.layerlab.data.CsvFormat;
import dev.layerlab.data.CsvSniffer;
import dev.layerlab.data.DatasetReport;
import dev.layerlab.data.Table;
import dev.layerlab.data.TableLoader;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the CSV the window opens with on a background thread from the moment the launcher knows it, while
 * the JavaFX toolkit starts and the window is built; {@link DataViewModel#open} then takes the result
 * instead of reading the file again. Used once, at start-up.
 */
public final class CsvPreload {
    /** What opening a CSV reads: its format, its table and the report on its columns. */
    public record Loaded(Path file, CsvFormat format, Table table, DatasetReport report) {
        static Loaded read(Path file, CsvFormat forced) throws Exception {
            CsvFormat format = forced != null ? forced : CsvSniffer.detect(file);
            Table t = TableLoader.load(file, format);
            return new Loaded(file, format, t, DatasetReport.of(t));
        }
    }

    private static Path file;
    private static CompletableFuture<Loaded> pending;

    private CsvPreload() {
    }

    /** Starts reading {@code csv} on a daemon thread. */
    public static synchronized void start(Path csv) {
        Path f = csv.toAbsolutePath().normalize();
        CompletableFuture<Loaded> future = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                future.complete(Loaded.read(f, null));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "layerlab-csv-preload");
        t.setDaemon(true);
        t.start();
        file = f;
        pending = future;
    }

    /** The preloaded result for {@code csv} (waiting for it), or null if it was not preloaded; taken once. */
    static Loaded take(Path csv) throws Exception {
        CompletableFuture<Loaded> future;
        synchronized (CsvPreload.class) {
            if (pending == null || !csv.toAbsolutePath().normalize().equals(file)) {
                return null;
            }
            future = pending;
            pending = null;
            file = null;
        }
        try {
            return future.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
