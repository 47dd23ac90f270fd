package dev.layerlab.cli;

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
            description = "Largest request body accepted (default ${DEFAULT-VALUE}); larger ones get 413.")
    int maxBody;

    /** Told the server once it is up (tests use it); the command then blocks until Ctrl-C or an interrupt. */
    static volatile java.util.function.Consumer<ModelServer> onStarted = s -> { };

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelServer server = new ModelServer(dev.layerlab.export.ModelBundle.read(model),
                model.getFileName().toString(), maxBody).start(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "layerlab-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Serving " + model + " at " + server.url() + "  (POST /predict, GET /health, GET /model; Ctrl-C to stop)");
        out.println("Try: curl -s " + server.url() + "/model");
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
