package dev.layerlab.export.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layerlab.InvalidInputException;
import dev.layerlab.TestData;
import dev.layerlab.cli.LayerLabCommand;
import dev.layerlab.export.ModelBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and careless clients on 127.0.0.1: bounded parsing, slow clients, a connection cap, the token, non-finite answers. */
class ModelServerLimitsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String ROW = "{\"x1\": 0.5, \"x2\": 1, \"colour\": \"red\"}";

    @TempDir
    static Path dir;
    static Path modelZip;
    static ModelBundle bundle;
    static ModelServer server;

    @BeforeAll
    static void trainAndServe() throws IOException {
        Path csv = TestData.regression(dir, 120);
        modelZip = dir.resolve("reg").resolve("model.zip");
        StringWriter err = new StringWriter();
        int code = LayerLabCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err)).execute(
                "train", "--data", csv.toString(), "--target", "y", "--out", dir.resolve("reg").toString(),
                "--hidden", "4", "--epochs", "1", "--seed", "3");
        assertThat(code).as(err.toString()).isZero();
        bundle = ModelBundle.read(modelZip);
        server = new ModelServer(bundle).start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    record Answer(int status, JsonNode body, String raw) {
    }

    static Answer send(ModelServer s, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.url() + path)).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            request.headers(headers);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Answer(response.statusCode(), json, response.body());
    }

    static String withX1(String number) {
        return "{\"x1\": " + number + ", \"x2\": 1, \"colour\": \"red\"}";
    }

    @Test
    void aNumberWithAHugeNegativeExponentIsRefusedNotExpanded() throws Exception {
        Answer answer = send(server, "POST", "/predict", withX1("1e-999999999"));

        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.body().get("error").asText()).contains("'x1' is out of range");
    }

    @Test
    void numbersBeyondFloatRangeAreRefusedAsJsonNumbersOrText() throws Exception {
        for (String number : List.of("1e308", "-3.5e38", "\"1e308\"", "1e39")) {
            Answer answer = send(server, "POST", "/predict", withX1(number));
            assertThat(answer.status()).as(number + ": " + answer.raw()).isEqualTo(400);
            assertThat(answer.body().get("error").asText()).as(number).contains("'x1' is out of range");
        }
        assertThat(send(server, "POST", "/predict", withX1("3.0e38")).status()).isEqualTo(200);
        assertThat(send(server, "POST", "/predict", withX1("0.0")).status()).isEqualTo(200);
    }

    @Test
    void deepNestingLongNumbersAndDuplicateKeysGet400() throws Exception {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        Answer nested = send(server, "POST", "/predict", deep);
        assertThat(nested.status()).as(nested.raw()).isEqualTo(400);
        assertThat(nested.body().get("error").asText()).contains("nesting depth");

        Answer longNumber = send(server, "POST", "/predict", withX1("1" + "0".repeat(5000)));
        assertThat(longNumber.status()).as(longNumber.raw()).isEqualTo(400);

        Answer duplicate = send(server, "POST", "/predict", "{\"x1\": 1, \"x1\": 2, \"x2\": 1, \"colour\": \"red\"}");
        assertThat(duplicate.status()).as(duplicate.raw()).isEqualTo(400);
        assertThat(duplicate.body().get("error").asText()).contains("Duplicate field 'x1'");

        assertThat(send(server, "GET", "/health", null).status()).isEqualTo(200);
    }

    @Test
    void aNonFinitePredictionIsAnErrorNeverASuccess() throws Exception {
        ModelBundle broken = ModelBundle.read(modelZip);
        broken.network().dl4j().params().assign(Float.NaN);
        try (ModelServer nan = new ModelServer(broken).start(0)) {
            Answer one = send(nan, "POST", "/predict", ROW);
            assertThat(one.status()).as(one.raw()).isEqualTo(422);
            assertThat(one.body().has("prediction")).isFalse();
            assertThat(one.body().get("error").asText()).contains("not a finite number");

            Answer batch = send(nan, "POST", "/predict", "[" + ROW + "," + ROW + "]");
            assertThat(batch.status()).isEqualTo(422);
            assertThat(batch.raw()).doesNotContain("NaN");
            assertThat(nan.requestsServed()).isZero();
        }
    }

    @Test
    void theBodyLimitMustBeSensible() {
        assertThatThrownBy(() -> new ModelServer(bundle, "x", -1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> new ModelServer(bundle, "x", Integer.MAX_VALUE)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aTokenGuardsPredictAndModelButNotHealth() throws Exception {
        try (ModelServer guarded = new ModelServer(bundle).token("s3cret").start(0)) {
            assertThat(send(guarded, "POST", "/predict", ROW).status()).isEqualTo(401);
            assertThat(send(guarded, "POST", "/predict", ROW, "Authorization", "Bearer wrong").status()).isEqualTo(401);
            assertThat(send(guarded, "GET", "/model", null).status()).isEqualTo(401);
            assertThat(send(guarded, "GET", "/health", null).status()).isEqualTo(200);
            assertThat(send(guarded, "POST", "/predict", ROW, "Authorization", "Bearer s3cret").status()).isEqualTo(200);
            assertThat(send(guarded, "GET", "/model", null, "Authorization", "Bearer s3cret").status()).isEqualTo(200);
        }
    }

    @Test
    void everyInterfaceNeedsATokenOrAnExplicitWaiver() throws Exception {
        assertThatThrownBy(() -> new ModelServer(bundle).start("0.0.0.0", 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("give a token");
        try (ModelServer open = new ModelServer(bundle).allowWithoutToken(true).start("0.0.0.0", 0)) {
            assertThat(open.listenAddress().getAddress().isAnyLocalAddress()).isTrue();
            assertThat(send(open, "GET", "/health", null).status()).isEqualTo(200);
        }
    }

    /** Six clients trickling their headers a byte at a time neither starve /health nor keep their connections. */
    @Test
    void slowHeadersDoNotStarveHealthAndAreCutOff() throws Exception {
        ModelServer.Limits limits = new ModelServer.Limits(ModelServer.DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(30), 64);
        try (ModelServer s = new ModelServer(bundle, "slow", limits).start(0)) {
            List<Socket> slow = new ArrayList<>();
            byte[] request = ("POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 6; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", s.port()), 2000);
                socket.setSoTimeout(8000);
                slow.add(socket);
            }
            boolean[] cut = new boolean[slow.size()];
            // ~3 s of trickling: a byte per socket every 100 ms, /health asked in between.
            for (int step = 0; step < 30; step++) {
                for (int i = 0; i < slow.size(); i++) {
                    if (!cut[i]) {
                        try {
                            OutputStream out = slow.get(i).getOutputStream();
                            out.write(request[step % request.length]);
                            out.flush();
                        } catch (IOException closedByServer) {
                            cut[i] = true;
                        }
                    }
                }
                if (step % 5 == 0) {
                    HttpRequest health = HttpRequest.newBuilder(URI.create(s.url() + "/health")).timeout(Duration.ofSeconds(2)).build();
                    assertThat(CLIENT.send(health, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                }
                Thread.sleep(100);
            }
            for (int i = 0; i < slow.size(); i++) {
                try (Socket socket = slow.get(i)) {
                    if (!cut[i]) {
                        InputStream in = socket.getInputStream();
                        // The server closed it: end of stream (or a reset), not a read timeout.
                        try {
                            in.readAllBytes();
                        } catch (java.net.SocketTimeoutException e) {
                            throw new AssertionError("slow client " + i + " still connected after 3 s", e);
                        } catch (IOException reset) {
                            // closed
                        }
                    }
                }
            }
        }
    }

    @Test
    void aBodyThatStopsArrivingGets408() throws Exception {
        ModelServer.Limits limits = new ModelServer.Limits(ModelServer.DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(30), 64);
        try (ModelServer s = new ModelServer(bundle, "slow-body", limits).start(0);
             Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setSoTimeout(8000);
            socket.getOutputStream().write(("POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"x1\": 1").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("did not arrive");
        }
    }

    @Test
    void connectionsBeyondTheCapWaitUntilOneCloses() throws Exception {
        ModelServer.Limits limits = new ModelServer.Limits(ModelServer.DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(30), 3);
        try (ModelServer s = new ModelServer(bundle, "capped", limits).start(0)) {
            List<Socket> idle = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                idle.add(new Socket("127.0.0.1", s.port()));
            }
            Thread.sleep(300);
            HttpRequest health = HttpRequest.newBuilder(URI.create(s.url() + "/health")).timeout(Duration.ofSeconds(1)).build();
            HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            assertThatThrownBy(() -> fresh.send(health, HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
            for (Socket socket : idle) {
                socket.close();
            }
            HttpRequest again = HttpRequest.newBuilder(URI.create(s.url() + "/health")).timeout(Duration.ofSeconds(5)).build();
            assertThat(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(again, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }
}
