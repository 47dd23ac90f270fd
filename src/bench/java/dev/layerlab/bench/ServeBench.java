package dev.layerlab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerlab.data.Column;
import dev.layerlab.data.ColumnKind;
import dev.layerlab.data.FittedPreprocessing;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.Table;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.Predictor;
import dev.layerlab.runs.RunWriter;
import dev.layerlab.export.server.ModelServer;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serving: a small model trained on the bench data, written as a run folder ({@link RunWriter}), read back and
 * served by {@link ModelServer} on a free loopback port. Client threads send single-row {@code POST /predict}
 * requests (rows of the data as JSON objects keyed by column name) over {@link HttpClient}; the reference is
 * in-process {@link Predictor#predict} on one row at a time (table built from the same text cells), one thread.
 */
final class ServeBench {
    static final int CLIENT_THREADS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row, as the JSON body and as the text cells of the model's input columns. */
    record Row(String json, String[] cells) {
    }

    private ServeBench() {
    }

    static List<Figure> run(PreparedData data, Path tmp, boolean quick, String dataFile) throws IOException {
        int requests = quick ? 300 : 2_000;
        int warmup = quick ? 50 : 500;
        int epochs = quick ? 1 : 2;

        TrainingResult result = new Trainer(new RunControl(), null)
                .train(BenchSupport.network(), BenchSupport.trainingSpec(256, epochs), data);
        Experiment experiment = new Experiment(ExperimentJson.FORMAT_VERSION, "bench-serve",
                dev.layerlab.data.DataSpec.of(dataFile, data.preprocessing().targetColumn()), BenchSupport.network(),
                BenchSupport.trainingSpec(256, epochs));
        Path runDir = Files.createDirectories(tmp.resolve("serve-run"));
        RunWriter.write(runDir, experiment, data, result, dataFile, Instant.now(), null);
        Path modelZip = runDir.resolve(dev.layerlab.runs.Workspace.MODEL_FILE);
        ModelBundle bundle = ModelBundle.read(modelZip);

        List<Row> rows = rows(data.table(), bundle.preprocessing(), Math.max(requests, warmup));
        if (rows.isEmpty()) {
            throw new IllegalStateException("no complete rows in the data to send to the server");
        }
        FittedPreprocessing prep = bundle.preprocessing();
        List<String> inputs = prep.inputColumns();
        Map<String, ColumnKind> kinds = prep.inputKinds();

        // Reference: in-process Predictor on one row per call (text cells -> Table -> predict), one thread.
        Predictor predictor = new Predictor(bundle);
        for (int i = 0; i < warmup; i++) {
            predictor.predict(Table.fromRows(inputs, List.<String[]>of(rows.get(i % rows.size()).cells()), kinds));
        }
        double[] localLatency = new double[requests];
        long localStart = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            predictor.predict(Table.fromRows(inputs, List.<String[]>of(rows.get(i % rows.size()).cells()), kinds));
            localLatency[i] = (System.nanoTime() - t) / 1e6;
        }
        double localRate = requests / ((System.nanoTime() - localStart) / 1e9);

        ModelServer server = new ModelServer(bundle, modelZip.getFileName().toString(), ModelServer.DEFAULT_MAX_BODY_BYTES);
        server.start(0);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "bench-http");
                    t.setDaemon(true);
                    return t;
                })).build();
        URI predict = server.url().resolve("/predict");
        try {
            // Check: the server's answer for one row equals Predictor.predict on that row.
            Row first = rows.get(0);
            double served = JSON.readTree(post(http, predict, first.json())).get("prediction").asDouble();
            double local = predictor.predict(Table.fromRows(inputs, List.<String[]>of(first.cells()), kinds)).values()[0];
            String check = served == local ? String.format(Locale.ROOT, "answer equals Predictor.predict (%s)", Figure.number(local))
                    : String.format(Locale.ROOT, "answer %s differs from Predictor.predict %s by %.3g", Figure.number(served),
                    Figure.number(local), Math.abs(served - local));

            runClients(clients, http, predict, rows, warmup, new double[warmup]);
            double[] latency = new double[requests];
            long start = System.nanoTime();
            runClients(clients, http, predict, rows, requests, latency);
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = requests / seconds;

            String how = String.format(Locale.ROOT, "%,d single-row POST /predict from %d client threads (HttpClient, loopback), "
                    + "after %,d warm-up; %s; embedded Jetty", requests, CLIENT_THREADS, warmup, check);
            String ref = "in-process Predictor 1 row/call";
            List<Figure> figures = new ArrayList<>();
            figures.add(new Figure("serve.requests_per_s", rate, "requests/s", ref, localRate, rate / localRate, "", how));
            double p50 = percentile(latency, 50);
            double p99 = percentile(latency, 99);
            double localP50 = percentile(localLatency, 50);
            double localP99 = percentile(localLatency, 99);
            // Latency ratios are value / reference: how many times slower a served request is than a local call.
            figures.add(new Figure("serve.latency_p50", p50, "ms", ref, localP50, p50 / localP50, "",
                    "per request, client side; ratio = times the in-process call"));
            figures.add(new Figure("serve.latency_p99", p99, "ms", ref, localP99, p99 / localP99, "",
                    "per request, client side; ratio = times the in-process call"));
            return figures;
        } finally {
            clients.shutdownNow();
            server.stop();
        }
    }

    /** Sends {@code count} requests from {@link #CLIENT_THREADS} threads; latency[i] in ms for request i. */
    private static void runClients(ExecutorService clients, HttpClient http, URI predict, List<Row> rows, int count,
                                   double[] latency) throws IOException {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < CLIENT_THREADS; t++) {
            futures.add(clients.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    long t0 = System.nanoTime();
                    post(http, predict, rows.get(i % rows.size()).json());
                    latency[i] = (System.nanoTime() - t0) / 1e6;
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("a serving request failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static String post(HttpClient http, URI uri, String body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("POST /predict answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Up to {@code max} rows with every input present, as JSON objects of the input columns. */
    static List<Row> rows(Table table, FittedPreprocessing prep, int max) {
        List<String> inputs = prep.inputColumns();
        Column[] columns = new Column[inputs.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = table.column(inputs.get(c));
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < table.rowCount() && rows.size() < max; r++) {
            ObjectNode node = JSON.createObjectNode();
            String[] cells = new String[columns.length];
            boolean complete = true;
            for (int c = 0; c < columns.length && complete; c++) {
                String text = columns[c].text(r);
                if (text == null) {
                    complete = false;
                    break;
                }
                cells[c] = text;
                if (columns[c].kind() == ColumnKind.NUMERIC) {
                    node.put(inputs.get(c), new BigDecimal(text));
                } else {
                    node.put(inputs.get(c), text);
                }
            }
            if (complete) {
                rows.add(new Row(node.toString(), cells));
            }
        }
        return rows;
    }

    static double percentile(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        int i = (int) Math.ceil(p / 100 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }
}
