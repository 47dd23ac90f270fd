package dev.layerlab.gui.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layerlab.TestData;
import dev.layerlab.runs.Workspace;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.Predictor;
import dev.layerlab.gui.Screen;
import dev.layerlab.gui.WorkbenchServices;
import dev.layerlab.gui.WorkbenchViewModel;
import dev.layerlab.gui.WorkbenchWindow;
import dev.layerlab.gui.task.FxTaskExecutor;
import dev.layerlab.runs.SmallRuns;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Serve a trained run's model from the workbench (headless), call it over HTTP, stop it, close the window. */
@ExtendWith(ApplicationExtension.class)
class ServeUiTest {
    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    @TempDir
    static Path tmp;
    static Path csv;
    static Path runDir;

    private WorkbenchViewModel vm;
    private WorkbenchWindow window;
    private FxTaskExecutor executor;
    private Stage stage;

    @BeforeAll
    static void trainASmallModel() throws Exception {
        if (Boolean.getBoolean("testfx.headless")) {
            try {
                Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory", false, ServeUiTest.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                org.junit.jupiter.api.Assumptions.abort("Monocle cannot load on this JDK: " + e);
            }
        }
        csv = TestData.regression(tmp, 120);
        runDir = SmallRuns.train(tmp.resolve("home").resolve("workspace"), SmallRuns.experiment(csv, 2), 0);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        executor = new FxTaskExecutor();
        vm = new WorkbenchViewModel(executor, WorkbenchServices.forTests(tmp.resolve("home")));
        window = new WorkbenchWindow(stage, vm, executor);
        stage.setWidth(1240); // within Monocle's default 1280x800 screen if another test started the toolkit first
        stage.setHeight(780);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        window.close();
        executor.shutdown();
    }

    private static void waitUntil(Callable<Boolean> condition, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void type(FxRobot robot, String id, String text) {
        robot.clickOn(id).push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE).write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void servesARunsModelAndAnswersLikeThePredictor(FxRobot robot) throws Exception {
        ServeViewModel serve = vm.export().serve();
        robot.clickOn("#tab-runs");
        waitUntil(() -> vm.runs().selectedProperty().get() != null, 20);
        robot.clickOn("#runs-serve");
        waitUntil(() -> vm.export().bundleProperty().get() != null, 30);
        assertThat(vm.screenProperty().get()).isEqualTo(Screen.EXPORT);
        Label hostMessage = robot.lookup("#serve-host-message").queryAs(Label.class);
        Label portMessage = robot.lookup("#serve-port-message").queryAs(Label.class);
        Button start = robot.lookup("#serve-start").queryButton();
        assertThat(start.isDisabled()).isFalse();

        // Binding beyond the loopback address needs a token; nonsense is refused where it is typed.
        type(robot, "#serve-host", "0.0.0.0");
        assertThat(hostMessage.getText()).contains("other machines").contains("Set a token");
        assertThat(hostMessage.isVisible()).isTrue();
        assertThat(start.isDisabled()).isTrue();
        type(robot, "#serve-token", "s3cret");
        assertThat(hostMessage.getText()).contains("with the token");
        assertThat(start.isDisabled()).isFalse();
        type(robot, "#serve-token", "");
        type(robot, "#serve-host", "not a host!");
        assertThat(hostMessage.getText()).contains("not an IP address");
        assertThat(start.isDisabled()).isTrue();
        type(robot, "#serve-host", "127.0.0.1");
        assertThat(hostMessage.getText()).isEmpty();
        type(robot, "#serve-port", "70000");
        assertThat(portMessage.getText()).contains("0 to 65535");
        assertThat(start.isDisabled()).isTrue();

        // A port in use: said next to the field as typed, and again when starting fails. Nothing crashes.
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            type(robot, "#serve-port", String.valueOf(busy.getLocalPort()));
            waitUntil(() -> portMessage.getText().contains("in use"), 10);
            robot.clickOn("#serve-start");
            waitUntil(() -> serve.stateProperty().get() == ServeViewModel.State.STOPPED
                    && portMessage.getText().contains("Cannot listen"), 20);
        }

        // Port 0: any free port. Start, call /predict with the panel's example row, compare with the engine.
        type(robot, "#serve-port", "0");
        assertThat(portMessage.getText()).isEmpty();
        robot.clickOn("#serve-start");
        waitUntil(() -> serve.stateProperty().get() == ServeViewModel.State.RUNNING, 30);
        String url = robot.lookup("#serve-url").queryAs(TextField.class).getText();
        assertThat(url).startsWith("http://127.0.0.1:");
        assertThat(robot.lookup("#serve-curl-predict").queryTextInputControl().getText())
                .contains(url + "/predict").contains("\"x1\"").contains("\"colour\"");
        assertThat(robot.lookup("#serve-curl-health").queryTextInputControl().getText()).isEqualTo("curl -s " + url + "/health");
        String body = serve.exampleBodyProperty().get();
        assertThat(serve.exampleSourceProperty().get()).contains("first row of").contains("regression.csv");

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + "/predict"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        double served = new ObjectMapper().readTree(answer.body()).get("prediction").asDouble();
        Predictor predictor = new Predictor(ModelBundle.read(runDir.resolve(Workspace.MODEL_FILE)));
        double expected = predictor.predict(predictor.load(csv)).values()[0];
        assertThat(served).isEqualTo(expected);
        JsonNode health = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(health.get("status").asText()).isEqualTo("ok");
        waitUntil(() -> robot.lookup("#serve-requests").queryAs(Label.class).getText().startsWith("1 predict request"), 10);

        // Stop: the port closes.
        int port = URI.create(url).getPort();
        robot.clickOn("#serve-stop");
        waitUntil(() -> serve.stateProperty().get() == ServeViewModel.State.STOPPED, 20);
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);

        // Closing the window stops a running server too.
        robot.clickOn("#serve-start");
        waitUntil(() -> serve.stateProperty().get() == ServeViewModel.State.RUNNING, 30);
        int second = URI.create(serve.urlProperty().get()).getPort();
        robot.interact(() -> stage.hide());
        waitUntil(() -> {
            try (Socket s = new Socket("127.0.0.1", second)) {
                return false;
            } catch (ConnectException e) {
                return true;
            }
        }, 10);
    }
}
