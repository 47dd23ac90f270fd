package dev.layerlab.cli;

import dev.layerlab.InvalidInputException;
import dev.layerlab.export.server.ModelServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Serves a model bundle as an HTTP JSON API until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a model over HTTP: POST /predict (JSON rows by column name), GET /health, GET /model.",
                "Listens on 127.0.0.1 unless --host says otherwise. Stop with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "model.zip", description = "A model bundle.")
    Path model;
    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;
    @Option(names = "--host", paramLabel = "ADDR", defaultValue = ModelServer.DEFAULT_HOST,
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0 = every interface).")
    String host;
    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Largest request body accepted (default ${DEFAULT-VALUE}, at most 67108864); larger ones get 413.")
    int maxBody;
    @Option(names = "--token", paramLabel = "SECRET",
            description = "Require 'Authorization: Bearer SECRET' on /predict and /model (default: $" + ModelServer.TOKEN_ENV
                    + " if set). Required when --host is not a loopback address, unless --no-token.")
    String token;
    @Option(names = "--no-token", description = "Serve a non-loopback address without a token (anyone who can reach it may use the model).")
    boolean noToken;

    /** Told the server once it is up (tests use it); the command then blocks until Ctrl-C or an interrupt. */
    static volatile java.util.function.Consumer<ModelServer> onStarted = s -> { };

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (maxBody < 1 || maxBody > ModelServer.MAX_BODY_LIMIT) {
            throw new InvalidInputException("--max-body must be between 1 and " + ModelServer.MAX_BODY_LIMIT
                    + " bytes, got " + maxBody);
        }
        String secret = token != null ? token : System.getenv(ModelServer.TOKEN_ENV);
        if (noToken && secret != null && !secret.isBlank()) {
            throw new InvalidInputException("--no-token and a token (--token or $" + ModelServer.TOKEN_ENV + ") contradict each other");
        }
        ModelServer server = new ModelServer(dev.layerlab.export.ModelBundle.read(model),
                model.getFileName().toString(), maxBody).token(secret).allowWithoutToken(noToken).start(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "layerlab-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        java.net.InetSocketAddress bound = server.listenAddress();
        String listening = bound.getAddress().getHostAddress() + ":" + bound.getPort();
        if (bound.getAddress().isLoopbackAddress()) {
            out.println("Serving " + model + " at " + server.url() + "  (POST /predict, GET /health, GET /model; Ctrl-C to stop)");
        } else {
            out.println("Serving " + model + " on " + listening
                    + (bound.getAddress().isAnyLocalAddress() ? " (every interface; from this machine: " + server.url() + ")" : "")
                    + "  (POST /predict, GET /health, GET /model; Ctrl-C to stop)");
            spec.commandLine().getErr().println(server.requiresToken()
                    ? "layerlab: note: other machines can reach " + listening + "; /predict and /model need the token, and traffic is plain HTTP (not encrypted)"
                    : "layerlab: WARNING: no authentication: anyone who can reach " + listening + " can call /predict and /model");
            spec.commandLine().getErr().flush();
        }
        String auth = server.requiresToken() ? "-H \"Authorization: Bearer $" + ModelServer.TOKEN_ENV + "\" " : "";
        out.println("Try: curl -s " + auth + server.url() + "/model");
        out.flush();
        onStarted.accept(server);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
        return 0;
    }
}
