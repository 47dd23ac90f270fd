package dev.layerlab.gui;

import static dev.layerlab.gui.common.Controls.button;
import static dev.layerlab.gui.common.Controls.tooltip;

import atlantafx.base.theme.Styles;
import dev.layerlab.gui.common.Icons;
import dev.layerlab.gui.common.Theme;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** The workbench window: toolbar, screens as tabs, status bar; drag-and-drop and shortcuts. */
public final class WorkbenchView {
    private final WorkbenchViewModel vm;
    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final Map<Screen, Tab> tabByScreen = new EnumMap<>(Screen.class);
    private final MenuButton recent = new MenuButton();

    public WorkbenchView(WorkbenchViewModel vm, Stage stage) {
        this.vm = vm;
        this.stage = stage;
        root.getStyleClass().add("workbench");
        root.setTop(toolbar());
        root.setCenter(screens());
        root.setBottom(statusBar());
        vm.status().errorProperty().addListener((obs, old, msg) -> {
            if (msg != null) {
                Platform.runLater(() -> {
                    showError(msg);
                    vm.status().errorProperty().set(null);
                });
            }
        });
    }

    public BorderPane root() {
        return root;
    }

    /** Adds the style sheet, shortcuts and drag-and-drop to the scene. */
    public void install(Scene scene) {
        var css = WorkbenchView.class.getResource("/dev/layerlab/gui/workbench.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        var acc = scene.getAccelerators();
        acc.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::chooseCsv);
        acc.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::chooseExperiment);
        acc.put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::saveExperiment);
        acc.put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::saveExperimentAs);
        acc.put(new KeyCodeCombination(KeyCode.F5), vm::train);
        acc.put(new KeyCodeCombination(KeyCode.F6), vm.training()::togglePause);
        acc.put(new KeyCodeCombination(KeyCode.F5, KeyCombination.SHIFT_DOWN), vm.training()::stop);
        for (Screen s : Screen.values()) {
            KeyCode digit = KeyCode.getKeyCode(String.valueOf(s.ordinal() + 1));
            acc.put(new KeyCodeCombination(digit, KeyCombination.SHORTCUT_DOWN), () -> vm.screenProperty().set(s));
        }
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean done = false;
            if (e.getDragboard().hasFiles()) {
                for (File f : e.getDragboard().getFiles()) {
                    openDropped(f.toPath());
                    done = true;
                    break;
                }
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    /** Puts a screen's content in its tab. */
    public void setScreen(Screen screen, Node content) {
        builders.remove(screen);
        tabByScreen.get(screen).setContent(content);
    }

    /**
     * Gives a screen's content to be built when its tab is first selected (or {@link #buildScreen} is called):
     * the window opens without building, styling and laying out screens nobody has looked at yet.
     */
    public void setScreen(Screen screen, java.util.function.Supplier<Node> content) {
        builders.put(screen, content);
        if (tabs.getSelectionModel().getSelectedItem() == tabByScreen.get(screen)) {
            buildScreen(screen);
        }
    }

    /** Builds a lazily given screen now, if it is not built yet. */
    public void buildScreen(Screen screen) {
        java.util.function.Supplier<Node> builder = builders.remove(screen);
        if (builder != null) {
            tabByScreen.get(screen).setContent(builder.get());
        }
    }

    private final Map<Screen, java.util.function.Supplier<Node>> builders = new EnumMap<>(Screen.class);

    private void openDropped(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            vm.openExperiment(p);
        } else {
            vm.openCsv(p);
        }
    }

    private ToolBar toolbar() {
        Button openCsv = button("Open CSV", "mdi2f-file-delimited-outline", "Open a CSV file of tabular data (Ctrl+O)", this::chooseCsv);
        openCsv.setId("open-csv");
        recent.setGraphic(Icons.glyph("mdi2h-history"));
        recent.setTooltip(new Tooltip("Recently opened files"));
        recent.setId("recent-files");
        recent.getStyleClass().add(Styles.FLAT);
        recent.setOnShowing(e -> fillRecent());
        Button openExp = button("Open", "mdi2f-folder-open-outline", "Open a saved experiment (.json) (Ctrl+Shift+O)", this::chooseExperiment);
        openExp.setId("open-experiment");
        Button save = button("Save", "mdi2c-content-save-outline", "Save the experiment: data settings, network and training settings (Ctrl+S)", this::saveExperiment);
        save.setId("save-experiment");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToggleButton dark = new ToggleButton(null, Icons.glyph("mdi2t-theme-light-dark"));
        dark.setId("theme-toggle");
        dark.setSelected(Theme.savedDark());
        dark.setTooltip(new Tooltip("Switch between the light and the dark theme"));
        dark.selectedProperty().addListener((o, a, on) -> Theme.apply(on));
        dark.getStyleClass().add(Styles.BUTTON_ICON);
        Button train = button("Train", "mdi2p-play", "Train the network with the current settings (F5)", vm::train);
        train.setId("toolbar-train");
        train.disableProperty().bind(vm.training().runningProperty());
        Button pause = button("Pause", "mdi2p-pause", "Pause or resume training (F6)", vm.training()::togglePause);
        pause.setId("toolbar-pause");
        pause.disableProperty().bind(vm.training().runningProperty().not());
        vm.training().stateProperty().addListener((o, a, st) -> pause.setText(
                st == dev.layerlab.gui.training.TrainingViewModel.State.PAUSED ? "Resume" : "Pause"));
        Button stop = button("Stop", "mdi2s-stop", "Stop training and keep the run (Shift+F5)", vm.training()::stop);
        stop.setId("toolbar-stop");
        stop.disableProperty().bind(vm.training().runningProperty().not());
        ToolBar bar = new ToolBar(openCsv, recent, new Separator(), openExp, save, new Separator(), train, pause, stop);
        bar.getItems().addAll(extraToolbarItems);
        bar.getItems().addAll(spacer, dark);
        toolbar = bar;
        return bar;
    }

    private ToolBar toolbar;
    private final java.util.List<Node> extraToolbarItems = new java.util.ArrayList<>();

    /** Adds items (train, pause, stop) to the toolbar before its right-aligned part. */
    public void addToolbarItems(Node... items) {
        int at = toolbar.getItems().size() - 2;
        toolbar.getItems().addAll(at, java.util.List.of(items));
    }

    static void style(ButtonBase b, String... classes) {
        b.getStyleClass().addAll(classes);
    }

    private void fillRecent() {
        recent.getItems().clear();
        addRecent("CSV files", vm.services().recentCsv().list(), vm::openCsv);
        addRecent("Experiments", vm.services().recentExperiments().list(), vm::openExperiment);
        if (recent.getItems().isEmpty()) {
            MenuItem none = new MenuItem("No recent files");
            none.setDisable(true);
            recent.getItems().add(none);
        } else {
            recent.getItems().add(new SeparatorMenuItem());
            MenuItem clear = new MenuItem("Clear list");
            clear.setOnAction(e -> {
                vm.services().recentCsv().clear();
                vm.services().recentExperiments().clear();
            });
            recent.getItems().add(clear);
        }
    }

    private void addRecent(String title, java.util.List<Path> files, java.util.function.Consumer<Path> open) {
        if (files.isEmpty()) {
            return;
        }
        if (!recent.getItems().isEmpty()) {
            recent.getItems().add(new SeparatorMenuItem());
        }
        MenuItem header = new MenuItem(title);
        header.setDisable(true);
        recent.getItems().add(header);
        for (Path p : files) {
            MenuItem item = new MenuItem(p.getFileName() + "  —  " + p.getParent());
            item.setOnAction(e -> open.accept(p));
            // a file that has gone is reported when opening it fails (no file-system call on the FX thread)
            recent.getItems().add(item);
        }
    }

    private TabPane screens() {
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add(Styles.TABS_FLOATING);
        for (Screen s : Screen.values()) {
            Tab t = new Tab(s.title());
            t.setId("tab-" + s.name().toLowerCase(Locale.ROOT));
            t.setGraphic(Icons.glyph(s.icon()));
            t.setTooltip(new Tooltip(s.title() + " (Ctrl+" + (s.ordinal() + 1) + ")"));
            t.setContent(new Label(s.title()));
            tabs.getTabs().add(t);
            tabByScreen.put(s, t);
        }
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            Screen selected = Screen.values()[i.intValue()];
            buildScreen(selected);
            vm.screenProperty().set(selected);
        });
        vm.screenProperty().addListener((o, a, s) -> tabs.getSelectionModel().select(tabByScreen.get(s)));
        return tabs;
    }

    private HBox statusBar() {
        Label message = new Label();
        message.setId("status-message");
        message.textProperty().bind(vm.status().messageProperty());
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        ProgressBar bar = new ProgressBar();
        bar.setId("status-progress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(vm.status().progressProperty());
        bar.visibleProperty().bind(vm.status().progressVisibleProperty());
        Label eta = new Label();
        eta.setId("status-eta");
        eta.textProperty().bind(vm.status().etaProperty());
        eta.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(12, message, eta, bar);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(4, 10, 4, 10));
        box.getStyleClass().add("status-bar");
        return box;
    }

    private FileChooser csvChooser() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open CSV");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("CSV / text tables", "*.csv", "*.tsv", "*.txt"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        return fc;
    }

    void chooseCsv() {
        File f = csvChooser().showOpenDialog(stage);
        if (f != null) {
            vm.openCsv(f.toPath());
        }
    }


    private FileChooser jsonChooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("LayerLab experiment", "*.json"));
        Path current = vm.experimentFileProperty().get();
        if (current != null && current.getParent() != null) {
            fc.setInitialDirectory(current.getParent().toFile());
        }
        fc.setInitialFileName(vm.experimentNameProperty().get() + ".json");
        return fc;
    }

    public void chooseExperimentAction() {
        chooseExperiment();
    }

    public void saveExperimentAsAction() {
        saveExperimentAs();
    }

    void chooseExperiment() {
        File f = jsonChooser("Open experiment").showOpenDialog(stage);
        if (f != null) {
            vm.openExperiment(f.toPath());
        }
    }

    void saveExperiment() {
        Path current = vm.experimentFileProperty().get();
        if (current != null) {
            vm.saveExperiment(current);
        } else {
            saveExperimentAs();
        }
    }

    void saveExperimentAs() {
        File f = jsonChooser("Save experiment").showSaveDialog(stage);
        if (f != null) {
            vm.saveExperiment(f.toPath());
        }
    }

    public Stage stage() {
        return stage;
    }

    private void showError(String msg) {
        if (stage == null || !stage.isShowing()) {
            return;
        }
        Alert a = new Alert(Alert.AlertType.ERROR, msg);
        a.initOwner(stage);
        a.setHeaderText(null);
        a.setTitle("LayerLab");
        a.show();
    }
}
