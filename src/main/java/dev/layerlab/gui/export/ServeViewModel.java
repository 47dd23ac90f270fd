package dev.layerlab.gui.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerlab.InvalidInputException;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.server.ExampleRequest;
import dev.layerlab.export.server.ModelServer;
import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.gui.task.BackgroundTask;
import dev.layerlab.gui.task.LatestOnly;
import dev.layerlab.gui.task.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Serve panel: serves the model bundle at hand over HTTP with the engine's {@link ModelServer}. Host and port
 * are checked as they are typed (a port in use is reported next to the field, probed in the background); starting
 * and stopping run off the FX thread; the requests-served count is polled by the window's pump; curl examples are
 * built from the model's input columns and the first row of its training data.
 */
public final class ServeViewModel {
    /** Where the server is. */
    public enum State { STOPPED, STARTING, RUNNING, STOPPING }

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final TaskExecutor executor;
    private final StatusModel status;
    private final LatestOnly probe;
    private final ObjectProperty<ModelBundle> bundle = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> bundleFile = new SimpleObjectProperty<>();
    private final StringProperty host = new SimpleStringProperty(ModelServer.DEFAULT_HOST);
    private final StringProperty port = new SimpleStringProperty(String.valueOf(ModelServer.DEFAULT_PORT));
    /** The bearer token /predict and /model require; blank for none (then only a loopback host may be served). */
    private final StringProperty token = new SimpleStringProperty("");
    private final StringProperty hostError = new SimpleStringProperty("");
    private final StringProperty hostWarning = new SimpleStringProperty("");
    private final StringProperty portError = new SimpleStringProperty("");
    /** Whether the port text is a valid port number (a port in use is still "valid": starting says why it fails). */
    private final javafx.beans.property.BooleanProperty portValid = new javafx.beans.property.SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.STOPPED);
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty servedModel = new SimpleStringProperty("");
    private final LongProperty requests = new SimpleLongProperty(0);
    private final StringProperty curlPredict = new SimpleStringProperty("");
    private final StringProperty curlHealth = new SimpleStringProperty("");
    private final StringProperty exampleBody = new SimpleStringProperty("");
    private final StringProperty exampleSource = new SimpleStringProperty("");
    private final BooleanBinding canStart;
    private volatile ModelServer server;

    public ServeViewModel(TaskExecutor executor, StatusModel status) {
        this.executor = executor;
        this.status = status;
        this.probe = new LatestOnly(executor);
        host.addListener((o, a, b) -> validate());
        port.addListener((o, a, b) -> validate());
        token.addListener((o, a, b) -> validate());
        canStart = Bindings.createBooleanBinding(() -> bundle.get() != null && state.get() == State.STOPPED
                        && hostError.get().isEmpty() && portValid.get(),
                bundle, state, hostError, portValid);
        validate();
    }

    /** Checks the host and port as typed; a free-looking port is then probed in the background. */
    private void validate() {
        String h = host.get() == null ? "" : host.get().trim();
        hostWarning.set("");
        if (h.isEmpty()) {
            hostError.set("Enter an address: 127.0.0.1 serves this machine only.");
        } else if (!looksLikeHost(h)) {
            hostError.set("'" + h + "' is not an IP address or a host name.");
        } else {
            hostError.set("");
            boolean noToken = token.get() == null || token.get().isBlank();
            if (!isLoopback(h) && noToken) {
                hostError.set((h.equals("0.0.0.0") || h.equals("::") ? "Every network interface" : "Not this machine only")
                        + ": other machines could call the model. Set a token first (requests then need it).");
            } else if (!isLoopback(h)) {
                hostWarning.set("Other machines can reach the model with the token; traffic is plain HTTP (not encrypted).");
            }
        }
        Integer p = parsePort(port.get());
        if (p == null) {
            portValid.set(false);
            portError.set("A port is a whole number from 0 to 65535 (0 = any free port).");
            return;
        }
        portValid.set(true);
        portError.set("");
        if (p != 0 && hostError.get().isEmpty() && state.get() == State.STOPPED) {
            String probeHost = h;
            probe.submit("Check port", c -> inUse(probeHost, p), busy -> {
                if (busy != null && state.get() == State.STOPPED) {
                    portError.set(busy);
                }
            }, e -> { });
        }
    }

    /** Null when {@code host:port} can be bound now, else why not (background thread). */
    private static String inUse(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return null;
        } catch (BindException e) {
            return "Port " + port + " is in use on " + host + ": pick another, or 0 for any free port.";
        } catch (IOException e) {
            return null; // an unknown host is reported when starting
        }
    }

    static Integer parsePort(String text) {
        if (text == null || !text.trim().matches("\\d{1,5}")) {
            return null;
        }
        int p = Integer.parseInt(text.trim());
        return p <= 65535 ? p : null;
    }

    static boolean looksLikeHost(String h) {
        if (h.contains(":")) {
            return h.matches("\\[?[0-9A-Fa-f:.]+]?");
        }
        var m = IPV4.matcher(h);
        if (m.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(m.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        return h.length() <= 253 && HOST_NAME.matcher(h).matches() && !h.matches("[\\d.]+");
    }

    static boolean isLoopback(String h) {
        String s = h.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        return s.equals("localhost") || s.startsWith("127.") || s.equals("::1");
    }

    /** Starts serving the bundle at hand on the host and port typed (in the background). */
    public void start() {
        ModelBundle b = bundle.get();
        Path file = bundleFile.get();
        Integer p = parsePort(port.get());
        String h = host.get() == null ? "" : host.get().trim();
        if (b == null || p == null || !hostError.get().isEmpty() || state.get() != State.STOPPED) {
            return;
        }
        state.set(State.STARTING);
        portError.set("");
        String name = file == null ? b.experiment().name() : file.getFileName().toString();
        String secret = token.get() == null ? "" : token.get().strip();
        executor.execute(BackgroundTask.of("Start the model server", c -> {
            ModelServer s = new ModelServer(b, name, ModelServer.DEFAULT_MAX_BODY_BYTES).token(secret).start(h, p);
            try {
                return new Started(s, example(b));
            } catch (RuntimeException e) {
                s.stop();
                throw e;
            }
        }).onSuccess(started -> {
            server = started.server();
            URI base = started.server().url();
            url.set(base.toString());
            servedModel.set(file == null ? name : file.toString());
            requests.set(0);
            exampleBody.set(started.example().body().toString());
            exampleSource.set(started.example().source());
            String predict = ExampleRequest.curlPredict(base, started.example().body());
            curlPredict.set(secret.isEmpty() ? predict
                    : predict.replaceFirst("curl -s ", "curl -s -H 'Authorization: Bearer " + secret.replace("'", "'\\''") + "' "));
            curlHealth.set(ExampleRequest.curlHealth(base));
            state.set(State.RUNNING);
            status.info("Serving " + name + " at " + base);
        }).onFailure(e -> {
            state.set(State.STOPPED);
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e instanceof InvalidInputException && message.startsWith("unknown host")) {
                hostError.set("Unknown address '" + h + "'.");
            } else if (e instanceof InvalidInputException && message.startsWith("cannot listen")) {
                portError.set("Cannot listen on " + h + ":" + p + " (in use, or not an address of this machine): "
                        + "pick another port, or 0 for any free port.");
            } else {
                status.fail("Could not start the server", e);
            }
        }));
    }

    private record Started(ModelServer server, Example example) {
    }

    private record Example(ObjectNode body, String source) {
    }

    /** The example request: the first row of the model's training data when the file is still there. */
    private static Example example(ModelBundle b) {
        Path data = trainingData(b);
        if (data != null) {
            return new Example(ExampleRequest.firstRow(b.preprocessing(), data), "the first row of " + data);
        }
        return new Example(ExampleRequest.typical(b.preprocessing()),
                "typical values (the training data " + (b.provenance() == null ? "" : b.provenance().dataFile() + " ")
                        + "was not found)");
    }

    private static Path trainingData(ModelBundle b) {
        for (String candidate : new String[] {b.provenance() == null ? null : b.provenance().dataFile(),
                b.experiment() == null || b.experiment().data() == null ? null : b.experiment().data().path()}) {
            if (candidate == null) {
                continue;
            }
            try {
                Path p = Path.of(candidate).toAbsolutePath();
                if (Files.isRegularFile(p)) {
                    return p;
                }
            } catch (RuntimeException ignored) {
                // not a path on this machine
            }
        }
        return null;
    }

    /** Stops serving (in the background). */
    public void stop() {
        ModelServer s = server;
        if (s == null || state.get() != State.RUNNING) {
            return;
        }
        state.set(State.STOPPING);
        executor.execute(BackgroundTask.of("Stop the model server", c -> {
            s.stop();
            return s;
        }).onSuccess(x -> stopped()).onFailure(e -> {
            stopped();
            status.fail("Could not stop the server cleanly", e);
        }));
    }

    private void stopped() {
        server = null;
        state.set(State.STOPPED);
        url.set("");
        status.info("Stopped serving " + servedModel.get());
        validate();
    }

    /** Window closing: stops the server on a helper thread, waiting at most two seconds. */
    public void shutdown() {
        ModelServer s = server;
        server = null;
        if (s == null) {
            return;
        }
        Thread t = new Thread(s::stop, "layerlab-serve-stop");
        t.setDaemon(true);
        t.start();
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** FX thread, from the window's pump: the requests-served count (one atomic read). */
    public void drain() {
        ModelServer s = server;
        if (s != null) {
            long n = s.requestsServed();
            if (n != requests.get()) {
                requests.set(n);
            }
        }
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public ObjectProperty<ModelBundle> bundleProperty() {
        return bundle;
    }

    public ObjectProperty<Path> bundleFileProperty() {
        return bundleFile;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty tokenProperty() {
        return token;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty hostErrorProperty() {
        return hostError;
    }

    public StringProperty hostWarningProperty() {
        return hostWarning;
    }

    public StringProperty portErrorProperty() {
        return portError;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty servedModelProperty() {
        return servedModel;
    }

    public LongProperty requestsProperty() {
        return requests;
    }

    public StringProperty curlPredictProperty() {
        return curlPredict;
    }

    public StringProperty curlHealthProperty() {
        return curlHealth;
    }

    /** The JSON body of the example request (a real row of the training data when it was found). */
    public StringProperty exampleBodyProperty() {
        return exampleBody;
    }

    /** Where the example row came from, in words. */
    public StringProperty exampleSourceProperty() {
        return exampleSource;
    }
}
