package dev.layerlab.export.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerlab.InvalidInputException;
import dev.layerlab.data.FittedColumn;
import dev.layerlab.data.FittedPreprocessing;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.Predictor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a model bundle over HTTP (embedded Jetty):
 * <ul>
 *   <li>{@code POST /predict}: JSON rows keyed by column name (one object, or an array of objects) with raw
 *       feature values; the bundle's preprocessing is applied inside. Answers predictions in target units, and
 *       class probabilities for classifiers, equal to {@code layerlab predict} on the same rows.</li>
 *   <li>{@code GET /health}: {@code {"status":"ok"}}.</li>
 *   <li>{@code GET /model}: the task, the expected columns with their types, classes, metrics, provenance.</li>
 * </ul>
 * Bad requests get 400 with a message naming the field, bodies over the limit 413, other methods 405, other
 * paths 404, a missing or wrong token 401, a prediction that is not a finite number 422; the server keeps
 * serving after any of them. Headers are read without holding a thread, so slow clients cannot starve the
 * others; a request whose headers or body take longer than the {@link Limits} allow is cut off, and at most
 * {@link Limits#maxConnections()} connections are open at once. Inference on the one DL4J network is
 * serialized (DL4J's {@code output()} is not thread-safe), parsing and preprocessing are not.
 *
 * <p>The GUI uses {@link #start(int)}, {@link #stop()} and {@link #url()}; the CLI uses {@code layerlab serve}.
 */
public final class ModelServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** Largest request body accepted (bytes): about 10,000 rows of 10 columns. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** The most a body limit may be set to: bodies are held in memory while they are parsed. */
    public static final int MAX_BODY_LIMIT = 64 << 20;
    /** The environment variable {@code layerlab serve} reads a token from when {@code --token} is not given. */
    public static final String TOKEN_ENV = "LAYERLAB_TOKEN";

    /**
     * How long a client may take and how many may connect.
     *
     * @param maxBodyBytes   larger bodies are refused with 413
     * @param headerTimeout  a request's headers must arrive within this once its first byte has
     * @param bodyTimeout    a request's body must arrive within this once its headers have (else 408)
     * @param idleTimeout    a connection with no traffic for this long is closed
     * @param maxConnections more connections wait until one closes
     */
    public record Limits(int maxBodyBytes, Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout,
                         int maxConnections) {
        public static final Limits DEFAULTS = new Limits(DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(30), 256);

        public Limits {
            if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_LIMIT) {
                throw new InvalidInputException("the body limit must be between 1 and " + MAX_BODY_LIMIT
                        + " bytes, got " + maxBodyBytes);
            }
            if (maxConnections < 1) {
                throw new InvalidInputException("the connection limit must be at least 1, got " + maxConnections);
            }
        }

        public Limits withMaxBodyBytes(int bytes) {
            return new Limits(bytes, headerTimeout, bodyTimeout, idleTimeout, maxConnections);
        }
    }

    /**
     * Request JSON is parsed with bounded cost: short numbers (a long digit string or exponent is refused, and a
     * number is never expanded to plain digits before its range is checked), shallow nesting, duplicate keys
     * refused rather than last-wins.
     */
    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNumberLength(64).maxNestingDepth(32).maxStringLength(1 << 20).build())
                    .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ModelBundle bundle;
    private final Predictor predictor;
    private final RowDecoder decoder;
    private final String modelName;
    private final Limits limits;
    private final Object inferenceLock = new Object();
    private final AtomicLong served = new AtomicLong();
    private volatile byte[] tokenDigest;
    private boolean allowNoToken;
    private Server server;
    private ServerConnector connector;
    private ScheduledExecutorService sweeper;
    private final Map<Connection, ConnectionState> connections = new ConcurrentHashMap<>();
    private String startedAt;

    public ModelServer(ModelBundle bundle) {
        this(bundle, null, DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * @param modelName    how /model names the model (e.g. the file); null for the experiment name
     * @param maxBodyBytes requests with larger bodies are refused with 413 (1 to {@link #MAX_BODY_LIMIT})
     */
    public ModelServer(ModelBundle bundle, String modelName, int maxBodyBytes) {
        this(bundle, modelName, Limits.DEFAULTS.withMaxBodyBytes(maxBodyBytes));
    }

    public ModelServer(ModelBundle bundle, String modelName, Limits limits) {
        this.bundle = bundle;
        this.predictor = new Predictor(bundle);
        this.decoder = new RowDecoder(bundle.preprocessing());
        this.modelName = modelName != null ? modelName : bundle.experiment().name();
        this.limits = limits;
    }

    /** Reads the bundle (refusing bad files with {@link InvalidInputException}) and prepares to serve it. */
    public static ModelServer of(Path modelZip) {
        return new ModelServer(ModelBundle.read(modelZip), modelZip.getFileName().toString(), DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * Requires {@code Authorization: Bearer <token>} on /predict and /model (not /health); null or blank for none.
     * Without a token the server only starts on a loopback address, unless {@link #allowWithoutToken} waives it.
     */
    public synchronized ModelServer token(String token) {
        this.tokenDigest = token == null || token.isBlank() ? null : sha256(token.strip());
        return this;
    }

    /** Lets the server start on a non-loopback address without a token (anyone who can reach it may use it). */
    public synchronized ModelServer allowWithoutToken(boolean allow) {
        this.allowNoToken = allow;
        return this;
    }

    public boolean requiresToken() {
        return tokenDigest != null;
    }

    /** Starts on the loopback interface; port 0 picks a free port (see {@link #port()}). */
    public ModelServer start(int port) throws IOException {
        return start(DEFAULT_HOST, port);
    }

    /** Starts listening on {@code host:port}; use "0.0.0.0" only to serve other machines on purpose. */
    public synchronized ModelServer start(String host, int port) throws IOException {
        if (server != null) {
            throw new IllegalStateException("the server is already running at " + url());
        }
        if (port < 0 || port > 65535) {
            throw new InvalidInputException("port must be between 0 and 65535, got " + port);
        }
        String name = host == null || host.isBlank() ? DEFAULT_HOST : host.strip();
        InetAddress address;
        try {
            address = InetAddress.getByName(name);
        } catch (java.net.UnknownHostException e) {
            throw new InvalidInputException("unknown host '" + host + "'");
        }
        if (!address.isLoopbackAddress() && tokenDigest == null && !allowNoToken) {
            throw new InvalidInputException("serving on " + name + " lets other machines call the model: give a token"
                    + " (--token or " + TOKEN_ENV + ") or waive it explicitly (--no-token)");
        }
        QueuedThreadPool threads = new QueuedThreadPool(24, 2);
        threads.setName("layerlab-serve");
        threads.setDaemon(true);
        Server http = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(false);
        config.setRequestHeaderSize(16 * 1024);
        ServerConnector listener = new ServerConnector(http, 1, 1, new HttpConnectionFactory(config));
        listener.setHost(address.getHostAddress());
        listener.setPort(port);
        listener.setIdleTimeout(limits.idleTimeout().toMillis());
        listener.setAcceptQueueSize(64);
        listener.addBean(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                connections.put(connection, new ConnectionState());
            }

            @Override
            public void onClosed(Connection connection) {
                connections.remove(connection);
            }
        });
        http.addConnector(listener);
        http.addBean(new NetworkConnectionLimit(limits.maxConnections(), listener));
        http.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                ModelServer.this.handle(request, response, callback);
                return true;
            }
        });
        try {
            http.start();
        } catch (IOException e) {
            stopQuietly(http);
            throw new InvalidInputException("cannot listen on " + name + ":" + port + " (" + e.getMessage()
                    + "): is another server using the port?");
        } catch (Exception e) {
            stopQuietly(http);
            throw new IOException("cannot start the server on " + name + ":" + port + ": " + e.getMessage(), e);
        }
        server = http;
        connector = listener;
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "layerlab-serve-timeouts");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, Math.min(1000, limits.headerTimeout().toMillis() / 4));
        sweeper.scheduleWithFixedDelay(this::closeSlowHeaders, period, period, TimeUnit.MILLISECONDS);
        startedAt = Instant.now().toString();
        LOG.info("Serving {} at {}", modelName, url());
        return this;
    }

    /** Stops listening and ends the worker threads; safe to call twice. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        sweeper.shutdownNow();
        stopQuietly(server);
        server = null;
        connector = null;
        sweeper = null;
        connections.clear();
    }

    private static void stopQuietly(Server http) {
        try {
            http.stop();
        } catch (Exception e) {
            LOG.debug("Stopping the server: {}", e.toString());
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The port actually bound (the chosen one when started with port 0). */
    public synchronized int port() {
        requireRunning();
        return connector.getLocalPort();
    }

    /** The address actually listened on, e.g. {@code 0.0.0.0:8080} (every interface) or {@code 127.0.0.1:8080}. */
    public synchronized InetSocketAddress listenAddress() {
        requireRunning();
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    /** The base URL a client on this machine uses, e.g. {@code http://127.0.0.1:8080}. */
    public synchronized URI url() {
        requireRunning();
        InetAddress a = listenAddress().getAddress();
        String host = a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + connector.getLocalPort());
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public Limits limits() {
        return limits;
    }

    /** POST /predict requests answered with predictions since the server was made (one atomic read: cheap to poll). */
    public long requestsServed() {
        return served.get();
    }

    private void requireRunning() {
        if (server == null) {
            throw new IllegalStateException("the server is not running");
        }
    }

    // ---------------------------------------------------------------- slow headers

    /** Bytes a connection had received when its last request was handed over, and since when more are pending. */
    private static final class ConnectionState {
        volatile boolean inRequest;
        volatile long bytesAtLastRequest;
        volatile long pendingSince;
    }

    /**
     * Jetty reads headers without holding a thread, and its idle timeout restarts with every byte; a client
     * trickling a request's headers a byte at a time would keep its connection forever. Closes connections
     * that have had an incomplete request pending for longer than the header timeout.
     */
    private void closeSlowHeaders() {
        long now = System.nanoTime();
        long limit = limits.headerTimeout().toNanos();
        for (Map.Entry<Connection, ConnectionState> e : connections.entrySet()) {
            ConnectionState state = e.getValue();
            if (state.inRequest) {
                continue;
            }
            if (e.getKey().getBytesIn() > state.bytesAtLastRequest) {
                if (state.pendingSince == 0) {
                    state.pendingSince = now;
                } else if (now - state.pendingSince > limit) {
                    LOG.debug("Closing {}: request headers not complete after {}", e.getKey().getEndPoint(), limits.headerTimeout());
                    e.getKey().getEndPoint().close();
                    connections.remove(e.getKey());
                }
            }
        }
    }

    // ---------------------------------------------------------------- requests

    /** An answer with a status other than 200. */
    private static final class HttpError extends RuntimeException {
        final int status;

        HttpError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private void handle(Request request, Response response, Callback callback) {
        ConnectionState state = connections.get(request.getConnectionMetaData().getConnection());
        if (state != null) {
            state.inRequest = true;
            state.pendingSince = 0;
        }
        Callback done = state == null ? callback : Callback.from(() -> {
            requestDone(request, state);
            callback.succeeded();
        }, failure -> {
            requestDone(request, state);
            callback.failed(failure);
        });
        try {
            String path = request.getHttpURI().getPath();
            switch (path == null ? "" : path) {
                case "/predict" -> {
                    allow(request, response, "POST");
                    authorize(request, response);
                    readBody(request, response, done);
                }
                case "/health" -> {
                    allow(request, response, "GET");
                    ObjectNode health = JSON.createObjectNode();
                    health.put("status", "ok");
                    health.put("model", modelName);
                    health.put("startedAt", startedAt);
                    health.put("requests", served.get());
                    respond(request, response, done, 200, health);
                }
                case "/model", "/" -> {
                    allow(request, response, "GET");
                    authorize(request, response);
                    respond(request, response, done, 200, describe());
                }
                default -> throw new HttpError(404, "no such endpoint " + path + " (try POST /predict, GET /health, GET /model)");
            }
        } catch (RuntimeException e) {
            fail(request, response, done, e);
        }
    }

    private void requestDone(Request request, ConnectionState state) {
        state.bytesAtLastRequest = request.getConnectionMetaData().getConnection().getBytesIn();
        state.pendingSince = 0;
        state.inRequest = false;
    }

    /** Reads the body without holding a thread while it arrives, within the body timeout and size limit. */
    private void readBody(Request request, Response response, Callback callback) {
        long declared = request.getLength();
        if (declared > limits.maxBodyBytes()) {
            throw tooLarge();
        }
        Content.Source.asByteArrayAsync(request, limits.maxBodyBytes())
                .orTimeout(limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((body, failure) -> {
                    try {
                        if (failure != null) {
                            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                            if (cause instanceof TimeoutException) {
                                request.fail(cause);
                                throw new HttpError(408, "the body did not arrive within " + limits.bodyTimeout().toSeconds() + " s");
                            }
                            if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
                                throw tooLarge();
                            }
                            throw new HttpError(400, "the body could not be read: " + cause.getMessage());
                        }
                        respond(request, response, callback, 200, predict(body));
                    } catch (RuntimeException e) {
                        fail(request, response, callback, e);
                    }
                }, server.getThreadPool());
    }

    private void fail(Request request, Response response, Callback callback, RuntimeException e) {
        int status;
        String message = e.getMessage();
        if (e instanceof HttpError h) {
            status = h.status;
        } else if (e instanceof InvalidInputException) {
            status = 400;
        } else {
            LOG.warn("Request {} {} failed", request.getMethod(), request.getHttpURI().getPath(), e);
            status = 500;
            message = "internal error: " + e;
        }
        if (status == 408) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        respond(request, response, callback, status, error(message));
    }

    private static void allow(Request request, Response response, String method) {
        String asked = request.getMethod();
        if (!asked.equals(method) && !(method.equals("GET") && asked.equals("HEAD"))) {
            response.getHeaders().put(HttpHeader.ALLOW, method.equals("GET") ? "GET, HEAD" : method);
            throw new HttpError(405, "method " + asked + " is not allowed on " + request.getHttpURI().getPath()
                    + "; use " + method);
        }
    }

    /** Compares digests of the given and expected tokens: equal-length inputs, constant-time comparison. */
    private void authorize(Request request, Response response) {
        byte[] expected = tokenDigest;
        if (expected == null) {
            return;
        }
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
        if (!MessageDigest.isEqual(expected, sha256(given))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            throw new HttpError(401, "this server needs a token: send 'Authorization: Bearer <token>'");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object predict(byte[] raw) {
        JsonNode json;
        try {
            json = JSON.readTree(raw);
        } catch (StreamConstraintsException e) {
            throw new InvalidInputException("the body is outside this server's JSON limits: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")";
            throw new InvalidInputException("the body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException("the body could not be read: " + e.getMessage());
        }
        if (json == null || json.isMissingNode()) {
            throw new InvalidInputException("the body is empty: send one JSON object or an array of them");
        }
        RowDecoder.Decoded decoded = decoder.decode(json);
        Predictor.Predictions predictions;
        synchronized (inferenceLock) {
            predictions = predictor.predict(decoded.table());
        }
        int[] lookup = new int[decoded.table().rowCount()];
        java.util.Arrays.fill(lookup, -1);
        for (int i = 0; i < predictions.size(); i++) {
            lookup[predictions.sourceRows()[i]] = i;
        }
        requireFinite(predictions, lookup, decoded.single());
        served.incrementAndGet();
        ArrayNode rows = JSON.createArrayNode();
        for (int r = 0; r < lookup.length; r++) {
            rows.add(row(predictions, lookup[r]));
        }
        ObjectNode answer;
        if (decoded.single()) {
            answer = (ObjectNode) rows.get(0);
        } else {
            answer = JSON.createObjectNode();
            answer.set("predictions", rows);
        }
        if (!decoded.ignoredFields().isEmpty()) {
            ArrayNode ignored = answer.putArray("ignoredFields");
            decoded.ignoredFields().forEach(ignored::add);
        }
        return answer;
    }

    /** A prediction that is not a finite number is an error (422), never an answer. */
    private static void requireFinite(Predictor.Predictions predictions, int[] lookup, boolean single) {
        for (int r = 0; r < lookup.length; r++) {
            int i = lookup[r];
            if (i < 0) {
                continue;
            }
            boolean finite = finite(predictions.values(), predictions.probabilities(), predictions.classes(), i);
            for (Predictor.HeadPredictions head : predictions.otherOutputs().values()) {
                finite &= finite(head.values(), head.probabilities(), head.classes(), i);
            }
            if (!finite) {
                throw new HttpError(422, (single ? "" : "row " + (r + 1) + ": ")
                        + "the model's prediction is not a finite number (inputs far outside what it was trained on?)");
            }
        }
    }

    private static boolean finite(double[] values, float[] probabilities, List<String> classes, int i) {
        if (classes == null) {
            return Double.isFinite(values[i]);
        }
        int k = classes.size();
        for (int c = 0; c < k; c++) {
            if (!Float.isFinite(probabilities[i * k + c])) {
                return false;
            }
        }
        return true;
    }

    private ObjectNode row(Predictor.Predictions predictions, int i) {
        ObjectNode row = JSON.createObjectNode();
        if (i < 0) {
            // Only a DROP_ROW column can drop a row: training dropped such rows too.
            row.putNull("prediction");
            row.put("error", "a value the model cannot fill is missing (a drop-row column)");
            return row;
        }
        put(row, "prediction", "probabilities", predictions.classes(), predictions.values(), predictions.probabilities(), i);
        // A graph network's other heads, each in its own target's terms: "prediction_<output>" (and
        // "probabilities_<output>" for a classification head), as `layerlab predict` names its columns.
        for (Map.Entry<String, Predictor.HeadPredictions> e : predictions.otherOutputs().entrySet()) {
            Predictor.HeadPredictions head = e.getValue();
            put(row, "prediction_" + e.getKey(), "probabilities_" + e.getKey(), head.classes(), head.values(),
                    head.probabilities(), i);
        }
        return row;
    }

    private static void put(ObjectNode row, String field, String probabilitiesField, List<String> classes,
                            double[] values, float[] probabilities, int i) {
        if (classes == null) {
            row.put(field, values[i]);
            return;
        }
        row.put(field, classes.get((int) values[i]));
        ObjectNode byClass = row.putObject(probabilitiesField);
        int k = classes.size();
        for (int c = 0; c < k; c++) {
            byClass.put(classes.get(c), probabilities[i * k + c]);
        }
    }

    private HttpError tooLarge() {
        return new HttpError(413, "the body is larger than " + limits.maxBodyBytes() + " bytes: send fewer rows per request");
    }

    private ObjectNode describe() {
        FittedPreprocessing prep = bundle.preprocessing();
        ObjectNode model = JSON.createObjectNode();
        model.put("name", modelName);
        model.put("experiment", bundle.experiment().name());
        model.put("task", prep.task().name().toLowerCase(java.util.Locale.ROOT));
        model.put("target", prep.targetColumn());
        if (!prep.classes().isEmpty()) {
            ArrayNode classes = model.putArray("classes");
            prep.classes().forEach(classes::add);
        }
        if (bundle.network() instanceof dev.layerlab.training.GraphNetwork graph && graph.outputNames().size() > 1) {
            ArrayNode outputs = model.putArray("outputs");
            dev.layerlab.training.Trainer.Evaluator evaluator = new dev.layerlab.training.Trainer.Evaluator(prep);
            for (int o = 0; o < graph.outputNames().size(); o++) {
                dev.layerlab.data.FittedTarget target = evaluator.targetOf(graph.outputNodes().get(o));
                ObjectNode output = outputs.addObject();
                output.put("name", graph.outputNames().get(o));
                output.put("field", o == 0 ? "prediction" : "prediction_" + graph.outputNames().get(o));
                output.put("target", target.column());
                output.put("task", target.task().name().toLowerCase(java.util.Locale.ROOT));
                if (!target.classes().isEmpty()) {
                    ArrayNode classes = output.putArray("classes");
                    target.classes().forEach(classes::add);
                }
            }
        }
        ArrayNode columns = model.putArray("columns");
        for (FittedColumn c : prep.columns()) {
            ObjectNode column = columns.addObject();
            column.put("name", c.name());
            column.put("type", c.kind().name().toLowerCase(java.util.Locale.ROOT));
            column.put("missing", c.impute().name().toLowerCase(java.util.Locale.ROOT));
            if (!c.categories().isEmpty()) {
                ArrayNode categories = column.putArray("categories");
                c.categories().forEach(categories::add);
            }
        }
        model.put("parameters", bundle.members().stream().mapToLong(dev.layerlab.training.TrainableNetwork::numParams).sum());
        model.put("members", bundle.members().size());
        model.put("epochs", bundle.history().size());
        model.set("metrics", JSON.valueToTree(bundle.metrics()));
        model.set("provenance", JSON.valueToTree(bundle.provenance()));
        model.set("exampleRequest", ExampleRequest.typical(prep));
        return model;
    }

    private static ObjectNode error(String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error", message == null ? "error" : message);
        return node;
    }

    private static void respond(Request request, Response response, Callback callback, int status, Object body) {
        byte[] bytes;
        try {
            bytes = (JSON.writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            status = 500;
            bytes = "{\"error\":\"internal error: the answer could not be written\"}\n".getBytes(StandardCharsets.UTF_8);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        if (request.getMethod().equals("HEAD")) {
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }
    }
}
