package dev.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.layerlab.cli.CliRun.run;

import dev.layerlab.cli.CliRun.Outcome;
import dev.layerlab.TestData;
import dev.layerlab.export.server.ModelServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** layerlab serve and layerlab export-code from the command line. */
class ServeAndExportCodeCliTest {
    @TempDir
    static Path dir;
    static Path model;


    @BeforeAll
    static void train() {
        Path csv = TestData.classification(dir, 120);
        Outcome outcome = run("train", "--data", csv.toString(), "--target", "label", "--out", dir.resolve("run").toString(),
                "--hidden", "4", "--epochs", "1");
        assertThat(outcome.code()).as(outcome.err()).isZero();
        model = dir.resolve("run").resolve("model.zip");
    }

    @Test
    void serveAnswersUntilInterrupted() throws Exception {
        CompletableFuture<ModelServer> started = new CompletableFuture<>();
        ServeCommand.onStarted = started::complete;
        AtomicInteger code = new AtomicInteger(-1);
        StringWriter out = new StringWriter();
        Thread thread = new Thread(() -> code.set(LayerLabCommand.commandLine(new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true)).execute("serve", "--model", model.toString(), "--port", "0")));
        thread.start();
        try {
            ModelServer server = started.get(60, TimeUnit.SECONDS);
            assertThat(out.toString()).contains("Serving").contains(server.url().toString());
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"x1\": 1.5, \"x2\": 0.5}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"prediction\":").contains("\"probabilities\":{\"no\":");
            thread.interrupt();
            thread.join(10_000);
            assertThat(code.get()).isZero();
            assertThat(server.isRunning()).isFalse();
        } finally {
            ServeCommand.onStarted = s -> { };
            thread.interrupt();
        }
    }

    @Test
    void serveOnEveryInterfacePrintsTheRealAddressAndWarnsWithoutAuthentication() throws Exception {
        CompletableFuture<ModelServer> started = new CompletableFuture<>();
        ServeCommand.onStarted = started::complete;
        AtomicInteger code = new AtomicInteger(-1);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread thread = new Thread(() -> code.set(LayerLabCommand.commandLine(new PrintWriter(out, true),
                new PrintWriter(err, true)).execute("serve", "--model", model.toString(), "--port", "0",
                "--host", "0.0.0.0", "--no-token")));
        thread.start();
        try {
            ModelServer server = started.get(60, TimeUnit.SECONDS);
            assertThat(out.toString()).contains("on 0.0.0.0:" + server.port()).contains("every interface");
            assertThat(err.toString()).contains("WARNING: no authentication");
            thread.interrupt();
            thread.join(10_000);
            assertThat(code.get()).isZero();
        } finally {
            ServeCommand.onStarted = s -> { };
            thread.interrupt();
        }
    }

    @Test
    void serveRefusesEveryInterfaceWithoutATokenAndAbsurdBodyLimits() {
        Outcome open = run("serve", "--model", model.toString(), "--port", "0", "--host", "0.0.0.0");
        assertThat(open.code()).isEqualTo(LayerLabCommand.BAD_INPUT);
        assertThat(open.err().strip()).contains("give a token").doesNotContain("\n");
        for (String limit : new String[] {"-5", "0", "2000000000"}) {
            Outcome body = run("serve", "--model", model.toString(), "--port", "0", "--max-body", limit);
            assertThat(body.code()).as(limit).isEqualTo(LayerLabCommand.BAD_INPUT);
            assertThat(body.err()).as(limit).contains("--max-body must be between 1 and");
        }
    }

    @Test
    void serveRefusesABadModelWithOneLine() {
        Outcome outcome = run("serve", "--model", dir.resolve("missing.zip").toString(), "--port", "0");
        assertThat(outcome.code()).isEqualTo(LayerLabCommand.BAD_INPUT);
        assertThat(outcome.err()).contains("model bundle not found");
    }

    @Test
    void exportCodeFromAModelOrAnExperiment() throws Exception {
        Path script = dir.resolve("train.py");
        Outcome keras = run("export-code", "--model", model.toString(), "--lang", "keras", "--out", script.toString());
        assertThat(keras.code()).as(keras.err()).isZero();
        assertThat(Files.readString(script)).contains("TARGET = \"label\"").contains("keras.Model(inputs=inputs, outputs=output");

        Path java = dir.resolve("TrainIt.java");
        Outcome dl4j = run("export-code", "--experiment", dir.resolve("run").resolve("experiment.json").toString(),
                "--lang", "dl4j", "--out", java.toString());
        assertThat(dl4j.code()).as(dl4j.err()).isZero();
        assertThat(Files.readString(java)).contains("public class TrainIt {");

        Outcome badName = run("export-code", "--model", model.toString(), "--lang", "dl4j", "--out", dir.resolve("bad-name.java").toString());
        assertThat(badName.code()).isEqualTo(LayerLabCommand.BAD_INPUT);
        Outcome badLang = run("export-code", "--model", model.toString(), "--lang", "cobol", "--out", script.toString());
        assertThat(badLang.code()).isEqualTo(LayerLabCommand.BAD_INPUT);
        assertThat(badLang.err()).contains("keras or dl4j");
    }
}
