package dev.layerlab.bench;

import static dev.layerlab.bench.BenchSupport.*;

import dev.layerlab.data.CsvSniffer;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.Table;
import dev.layerlab.data.TableLoader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import com.sun.management.GarbageCollectionNotificationInfo;

/** CSV import: rows per second and the heap it takes, to a table and to training arrays. */
final class ImportGroup {
    private ImportGroup() {
    }

    static void run(Bench.Options options, Path tmp, Consumer<Figure> add) throws IOException {
        int rows = options.importRows();
        int cols = 20;
        Path csv = tmp.resolve("import-" + rows + "x" + cols + ".csv");
        generateCsv(csv, rows, cols);
        long floatBytes = (long) rows * cols * Float.BYTES;

        HeapWatch load = HeapWatch.start();
        long t0 = System.nanoTime();
        Table table = TableLoader.load(csv, CsvSniffer.detect(csv));
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        HeapWatch.Result loadHeap = load.stop(table);
        add.accept(new Figure("import.load", rows / loadSeconds, "rows/s", "", Double.NaN, Double.NaN, "< 5 s",
                String.format(Locale.ROOT, "%,d x %d numeric CSV to float columns in %.2f s", rows, cols, loadSeconds)));
        add.accept(heapFigure("import.load.heap", loadHeap, floatBytes));
        table = null;

        HeapWatch prepare = HeapWatch.start();
        t0 = System.nanoTime();
        PreparedData prepared = DataPipeline.prepare(DataSpec.of(csv.toString(), "c" + (cols - 1)), (Path) null);
        double prepareSeconds = (System.nanoTime() - t0) / 1e9;
        HeapWatch.Result prepareHeap = prepare.stop(prepared);
        add.accept(new Figure("import.to_training_arrays", rows / prepareSeconds, "rows/s", "", Double.NaN, Double.NaN, "< 5 s",
                String.format(Locale.ROOT, "%,d x %d CSV to split, scaled training arrays (DataPipeline) in %.2f s",
                        rows, cols, prepareSeconds)));
        add.accept(heapFigure("import.to_training_arrays.heap", prepareHeap, floatBytes));
    }

    static Figure heapFigure(String name, HeapWatch.Result heap, long floatBytes) {
        double ratio = heap.peakLiveExtra() / (double) floatBytes;
        return new Figure(name, heap.peakLiveExtra() / 1e6, "MB extra", "float array", floatBytes / 1e6, ratio, "< 2x",
                String.format(Locale.ROOT, "peak live heap above the start (after-GC figures); peak used incl. garbage %.0f MB; retained %.0f MB",
                        heap.peakUsedExtra() / 1e6, heap.retainedExtra() / 1e6));
    }

    /** {@code cols} numeric columns c0..c{cols-1}; the last is a noisy linear function of the others. */
    static void generateCsv(Path csv, int rows, int cols) throws IOException {
        Random random = new Random(20240601);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                line.append(c == 0 ? "" : ",").append('c').append(c);
            }
            w.append(line).append('\n');
            double[] v = new double[cols];
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                double y = 0;
                for (int c = 0; c < cols - 1; c++) {
                    v[c] = Math.round(random.nextGaussian() * 1e4) / 1e3;
                    y += (c % 3 - 1) * v[c];
                    line.append(v[c]).append(',');
                }
                line.append(Math.round((y + random.nextGaussian()) * 1e3) / 1e3).append('\n');
                w.append(line);
            }
        }
    }

    /** Heap in use above a baseline: sampled every few ms, and after each GC (live data). */
    static final class HeapWatch {
        record Result(long peakLiveExtra, long peakUsedExtra, long retainedExtra) {
        }

        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final long baseline;
        private final AtomicLong peakUsed = new AtomicLong();
        private final AtomicLong peakAfterGc = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Runnable> unregister = new ArrayList<>();
        private final Thread sampler;

        private HeapWatch() {
            settle();
            baseline = memory.getHeapMemoryUsage().getUsed();
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    NotificationListener l = (n, h) -> {
                        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                            var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                            long before = info.getGcInfo().getMemoryUsageBeforeGc().values().stream().mapToLong(u -> u.getUsed()).sum();
                            long after = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(u -> u.getUsed()).sum();
                            peakUsed.accumulateAndGet(before, Math::max);
                            peakAfterGc.accumulateAndGet(after, Math::max);
                        }
                    };
                    emitter.addNotificationListener(l, null, null);
                    unregister.add(() -> {
                        try {
                            emitter.removeNotificationListener(l);
                        } catch (Exception ignored) {
                            // already gone
                        }
                    });
                }
            }
            sampler = new Thread(() -> {
                while (running.get()) {
                    peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        /**
         * Full GCs until the heap stops shrinking. ND4J frees an array's Java objects only after its deallocator
         * thread has processed the reference a GC found, so after training a single GC leaves most of the dead
         * arrays in place (which then vanish during the measurement and hide its allocations): keep collecting,
         * with pauses for that thread, until two rounds in a row free less than 1 MB.
         */
        private void settle() {
            long best = Long.MAX_VALUE;
            int quiet = 0;
            for (int i = 0; i < 20 && quiet < 2; i++) {
                System.gc();
                long used = memory.getHeapMemoryUsage().getUsed();
                quiet = used < best - (1 << 20) ? 0 : quiet + 1;
                best = Math.min(best, used);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }

        static HeapWatch start() {
            return new HeapWatch();
        }

        /** Stops watching; {@code keep} is the result, held live while the retained size is measured. */
        Result stop(Object keep) {
            running.set(false);
            sampler.interrupt();
            settle();
            long retained = memory.getHeapMemoryUsage().getUsed();
            java.lang.ref.Reference.reachabilityFence(keep);
            unregister.forEach(Runnable::run);
            long peakLive = Math.max(peakAfterGc.get(), retained);
            return new Result(Math.max(0, peakLive - baseline), Math.max(0, peakUsed.get() - baseline),
                    Math.max(0, retained - baseline));
        }
    }
}
