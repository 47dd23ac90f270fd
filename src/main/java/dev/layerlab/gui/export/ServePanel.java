package dev.layerlab.gui.export;

import atlantafx.base.theme.Styles;
import dev.layerlab.gui.common.Controls;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Serve panel of the export screen: host, port, Start/Stop, URL, requests served, curl examples. */
public final class ServePanel {
    private final VBox root = new VBox(8);

    public ServePanel(ServeViewModel vm) {
        root.setId("serve-panel");
        Label title = new Label("Serve over HTTP");
        title.getStyleClass().add("screen-title");
        Label hint = new Label("Serves the model on the left as a JSON API: POST /predict, GET /health, GET /model. "
                + "Send raw values as they appear in the CSV; the model's own preprocessing is applied inside.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint-label");

        TextField host = new TextField();
        host.setId("serve-host");
        host.setPrefColumnCount(14);
        host.textProperty().bindBidirectional(vm.hostProperty());
        host.setTooltip(Controls.tooltip("The address to listen on. 127.0.0.1 (the default) serves this machine only; "
                + "0.0.0.0 serves every network interface."));
        Label hostMessage = message("serve-host-message");
        hostMessage.textProperty().bind(Bindings.when(vm.hostErrorProperty().isEmpty())
                .then(vm.hostWarningProperty()).otherwise(vm.hostErrorProperty()));
        vm.hostErrorProperty().addListener((o, a, b) -> styleMessage(hostMessage, !b.isEmpty()));
        styleMessage(hostMessage, !vm.hostErrorProperty().get().isEmpty());
        danger(host, !vm.hostErrorProperty().get().isEmpty());
        vm.hostErrorProperty().addListener((o, a, b) -> danger(host, !b.isEmpty()));

        TextField port = new TextField();
        port.setId("serve-port");
        port.setPrefColumnCount(6);
        port.textProperty().bindBidirectional(vm.portProperty());
        port.setTooltip(Controls.tooltip("The TCP port, 1 to 65535; 0 picks any free port."));
        Label portMessage = message("serve-port-message");
        portMessage.textProperty().bind(vm.portErrorProperty());
        portMessage.getStyleClass().add("problem-label");
        vm.portErrorProperty().addListener((o, a, b) -> danger(port, !b.isEmpty()));
        TextField token = new TextField();
        token.setId("serve-token");
        token.setPrefColumnCount(14);
        token.setPromptText("none: this machine only");
        token.textProperty().bindBidirectional(vm.tokenProperty());
        token.setTooltip(Controls.tooltip("A secret that POST /predict and GET /model then require as "
                + "'Authorization: Bearer <token>' (GET /health stays open). Needed to serve other machines."));
        host.disableProperty().bind(vm.stateProperty().isNotEqualTo(ServeViewModel.State.STOPPED));
        port.disableProperty().bind(host.disableProperty());
        token.disableProperty().bind(host.disableProperty());

        GridPane fields = new GridPane();
        fields.setHgap(8);
        fields.setVgap(2);
        fields.addRow(0, new Label("Host"), host, new Label("Port"), port);
        fields.add(hostMessage, 1, 1, 4, 1);
        fields.add(portMessage, 1, 2, 4, 1);
        fields.addRow(3, new Label("Token"), token);
        ColumnConstraints fixed = new ColumnConstraints();
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        fields.getColumnConstraints().addAll(fixed, fixed, fixed, fixed, grow);

        Button start = Controls.button("Start", "mdi2p-play", "Start serving the model", vm::start);
        start.setId("serve-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.disableProperty().bind(vm.canStartProperty().not());
        Button stop = Controls.button("Stop", "mdi2s-stop", "Stop serving (the server also stops when the window closes)", vm::stop);
        stop.setId("serve-stop");
        stop.disableProperty().bind(vm.stateProperty().isNotEqualTo(ServeViewModel.State.RUNNING));
        Label state = new Label();
        state.setId("serve-status");
        state.setWrapText(true);
        state.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.stateProperty().get()) {
            case STOPPED -> vm.bundleProperty().get() == null ? "No model: train one, or open a bundle on the left." : "Not serving.";
            case STARTING -> "Starting…";
            case RUNNING -> "Serving " + shortName(vm.servedModelProperty().get())
                    + (vm.bundleFileProperty().get() != null
                            && !vm.bundleFileProperty().get().toString().equals(vm.servedModelProperty().get())
                            ? " (not the model on the left: stop and start again to serve that one)" : "");
            case STOPPING -> "Stopping…";
        }, vm.stateProperty(), vm.bundleProperty(), vm.bundleFileProperty(), vm.servedModelProperty()));
        start.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        stop.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.control.Tooltip servedTip = new javafx.scene.control.Tooltip();
        servedTip.textProperty().bind(vm.servedModelProperty());
        state.setTooltip(servedTip);
        HBox buttons = new HBox(8, start, stop, state);
        buttons.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(state, Priority.ALWAYS);

        TextField url = readOnly(new TextField(), "serve-url");
        url.textProperty().bind(vm.urlProperty());
        url.setPromptText("The URL appears here once the server runs");
        Label requests = new Label();
        requests.setId("serve-requests");
        requests.textProperty().bind(vm.requestsProperty().asString("%,d predict requests served"));
        HBox urlRow = new HBox(8, new Label("URL"), url, copy(url, "Copy the URL"));
        urlRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(url, Priority.ALWAYS);

        Label predictTitle = new Label("Predict one row");
        predictTitle.getStyleClass().add("section-title");
        Label source = new Label();
        source.setWrapText(true);
        source.getStyleClass().add("hint-label");
        source.managedProperty().bind(vm.exampleSourceProperty().isNotEmpty());
        source.visibleProperty().bind(source.managedProperty());
        source.textProperty().bind(Bindings.when(vm.exampleSourceProperty().isEmpty()).then("")
                .otherwise(Bindings.concat("The row is ", vm.exampleSourceProperty(), ".")));
        TextArea curl = readOnly(new TextArea(), "serve-curl-predict");
        curl.setWrapText(true);
        curl.setPrefRowCount(8);
        curl.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        curl.textProperty().bind(vm.curlPredictProperty());
        curl.setPromptText("Start the server to get a curl command for /predict built from a real row of the data.");
        Label healthTitle = new Label("Health check");
        healthTitle.getStyleClass().add("section-title");
        TextField health = readOnly(new TextField(), "serve-curl-health");
        health.textProperty().bind(vm.curlHealthProperty());
        HBox healthRow = new HBox(8, health, copy(health, "Copy the curl command"));
        HBox.setHgrow(health, Priority.ALWAYS);
        VBox running = new VBox(8, urlRow, requests, new HBox(8, predictTitle, copy(curl, "Copy the curl command")),
                source, curl, healthTitle, healthRow);
        running.disableProperty().bind(vm.stateProperty().isNotEqualTo(ServeViewModel.State.RUNNING));

        root.getChildren().addAll(title, hint, fields, buttons, running);
    }

    /** "run-folder/model.zip" for a path: the run says which model it is; the tooltip has the whole path. */
    static String shortName(String path) {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(path);
            return p.getParent() == null || p.getParent().getFileName() == null ? path
                    : p.getParent().getFileName() + java.io.File.separator + p.getFileName();
        } catch (RuntimeException e) {
            return path;
        }
    }

    private static Label message(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        l.visibleProperty().bind(l.managedProperty());
        return l;
    }

    private static void styleMessage(Label l, boolean error) {
        l.getStyleClass().removeAll("problem-label", "warning-label");
        l.getStyleClass().add(error ? "problem-label" : "warning-label");
    }

    private static void danger(TextField f, boolean on) {
        f.pseudoClassStateChanged(Styles.STATE_DANGER, on);
    }

    private static <T extends TextInputControl> T readOnly(T control, String id) {
        control.setId(id);
        control.setEditable(false);
        control.getStyleClass().add("summary-text");
        return control;
    }

    private static Button copy(TextInputControl from, String tip) {
        Button b = Controls.button("Copy", "mdi2c-content-copy", tip, () -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(from.getText());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        b.disableProperty().bind(from.textProperty().isEmpty());
        return b;
    }

    public Node root() {
        return root;
    }
}
