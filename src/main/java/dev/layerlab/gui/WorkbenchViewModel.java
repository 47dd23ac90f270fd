package dev.layerlab.gui;

import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.gui.data.DataViewModel;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.runs.Workspace;
import dev.layerlab.gui.export.ExportViewModel;
import dev.layerlab.gui.model.ModelViewModel;
import dev.layerlab.gui.runs.RunsViewModel;
import dev.layerlab.gui.task.BackgroundTask;
import dev.layerlab.gui.task.TaskExecutor;
import dev.layerlab.gui.training.EngineTrainingJob;
import dev.layerlab.training.Metrics;
import dev.layerlab.gui.training.TrainingViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;

/** The window's state: the open experiment, the current screen, the status bar, and the screens' models. */
public final class WorkbenchViewModel {
    private final TaskExecutor executor;
    private final WorkbenchServices services;
    private final StatusModel status = new StatusModel();
    private final StringProperty experimentName = new SimpleStringProperty("Untitled");
    private final ObjectProperty<Path> experimentFile = new SimpleObjectProperty<>();
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(Screen.DATA);
    private final DataViewModel data;
    private final TrainingViewModel training;
    private final ModelViewModel model;
    private final Workspace workspace;
    private final RunsViewModel runs;
    private final ExportViewModel export;
    private final dev.layerlab.gui.tuning.TuningViewModel tuning;
    /** Whether the tuning screen has been given the experiment (and prepared data) it works on. */
    private boolean tuningFed;
    private final javafx.collections.ObservableList<Path> savedRuns = javafx.collections.FXCollections.observableArrayList();
    private final dev.layerlab.gui.explain.ExplainViewModel explain;
    private final dev.layerlab.gui.model.LrFindViewModel lrFind;
    private final dev.layerlab.gui.tuning.AutoViewModel auto;

    public WorkbenchViewModel(TaskExecutor executor, WorkbenchServices services) {
        this.executor = executor;
        this.services = services;
        this.data = new DataViewModel(executor, status);
        this.training = new TrainingViewModel(status);
        this.model = new ModelViewModel();
        this.tuning = new dev.layerlab.gui.tuning.TuningViewModel(executor);
        this.workspace = new Workspace(services.workspaceDir());
        this.runs = new RunsViewModel(workspace, executor, status);
        this.export = new ExportViewModel(executor, status);
        this.explain = new dev.layerlab.gui.explain.ExplainViewModel(executor, status);
        this.lrFind = new dev.layerlab.gui.model.LrFindViewModel(executor, status, this::toExperiment, this::baseDir,
                model.learningRateProperty());
        this.auto = new dev.layerlab.gui.tuning.AutoViewModel(executor, status, workspace, this::toExperiment, this::baseDir,
                dir -> savedRuns.add(dir));
        savedRuns.addListener((javafx.collections.ListChangeListener<Path>) c -> {
            runs.refresh();
            if (!savedRuns.isEmpty()) {
                explain.lastRunProperty().set(savedRuns.get(savedRuns.size() - 1));
                export.load(savedRuns.get(savedRuns.size() - 1).resolve(Workspace.MODEL_FILE), true);
            }
        });
        runs.refresh();
        runs.trainingBusyProperty().bind(training.runningProperty());
        runs.setActions(new RunsViewModel.Actions() {
            @Override
            public void resume(Workspace.Run run) {
                resumeRun(run);
            }

            @Override
            public void fineTune(Workspace.Run run, dev.layerlab.gui.runs.FineTuneRequest request) {
                fineTuneRun(run, request);
            }
        });
        screen.addListener((o, a, sc) -> {
            if (sc == Screen.TUNING) {
                feedTuning();
            }
        });
        data.setOnChanged(() -> {
            dirty.set(true);
            tuningFed = false;
        });
        javafx.beans.value.ChangeListener<Boolean> ready = (o, a, busy) -> {
            if (!busy && trainWhenReady && !data.loadingProperty().get() && !data.preparingProperty().get()) {
                executor.runOnUi(this::train);
            }
        };
        data.loadingProperty().addListener(ready);
        data.preparingProperty().addListener(ready);
        model.setOnChanged(() -> {
            dirty.set(true);
            tuningFed = false;
        });
        model.shapeProperty().bind(data.shapeProperty());
        data.shapeProperty().addListener((o, a, shape) -> {
            // A sensible first network as soon as the data's shape is known.
            if (shape != null && suggestOnShape && model.layers().isEmpty() && !model.canUndoProperty().get()) {
                model.loadNetwork(dev.layerlab.model.NetworkTemplates.suggest(shape.inputs(), shape.task())
                        .withOutput(model.networkProperty().get().output()));
            }
        });
        title.bind(Bindings.createStringBinding(
                () -> "LayerLab — " + experimentName.get() + (dirty.get() ? " *" : ""),
                experimentName, dirty));
    }

    public TaskExecutor executor() {
        return executor;
    }

    public WorkbenchServices services() {
        return services;
    }

    public StatusModel status() {
        return status;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public StringProperty experimentNameProperty() {
        return experimentName;
    }

    public ObjectProperty<Path> experimentFileProperty() {
        return experimentFile;
    }

    public BooleanProperty dirtyProperty() {
        return dirty;
    }

    public ObjectProperty<Screen> screenProperty() {
        return screen;
    }

    public DataViewModel data() {
        return data;
    }

    public ModelViewModel model() {
        return model;
    }

    public dev.layerlab.gui.tuning.TuningViewModel tuning() {
        return tuning;
    }

    /** Hands the current experiment and its prepared data to the tuning screen (prepared in the background). */
    public void feedTuning() {
        if (tuningFed || data.tableProperty().get() == null || data.shapeProperty().get() == null) {
            return;
        }
        Experiment e;
        try {
            e = toExperiment();
        } catch (RuntimeException ex) {
            status.fail("Cannot tune", ex);
            return;
        }
        Path base = baseDir();
        status.beginBusy("Preparing the data for tuning…");
        executor.execute(BackgroundTask.of("Prepare for tuning", c -> dev.layerlab.data.DataPipeline.prepare(e.data(), base,
                        e.network().outputTargets()))
                .onSuccess(prepared -> {
                    tuning.setExperiment(e, prepared);
                    tuningFed = true;
                    status.info("Tuning works on " + e.name());
                })
                .onFailure(ex -> status.fail("Cannot tune", ex))
                .onFinally(status::endBusy));
    }

    /** Where a study started from the tuning screen is kept. */
    public Path newStudyDir() {
        String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return workspace.root().resolve("studies").resolve(stamp + "-" + experimentName.get().replaceAll("[^A-Za-z0-9_.-]", "_"));
    }

    public RunsViewModel runs() {
        return runs;
    }

    public ExportViewModel export() {
        return export;
    }

    public Workspace workspace() {
        return workspace;
    }

    /** Run folders written by this window's runs, newest last (the runs screen refreshes on it). */
    public javafx.collections.ObservableList<Path> savedRuns() {
        return savedRuns;
    }

    public TrainingViewModel training() {
        return training;
    }

    public void openCsv(Path csv) {
        services.recentCsv().add(csv);
        data.open(csv);
        screen.set(Screen.DATA);
        String name = csv.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        experimentName.set(name);
    }

    /** Starts training with the current data, network and training settings. */
    private boolean trainWhenReady;
    /** Whether an empty network is replaced by a suggestion once the data's shape is known (not after opening an experiment). */
    private boolean suggestOnShape = true;

    public void train() {
        trainWhenReady = false;
        if (training.runningProperty().get()) {
            return;
        }
        if (data.loadingProperty().get() || data.preparingProperty().get()) {
            // Train as soon as the data is ready instead of refusing.
            if (!trainWhenReady) {
                trainWhenReady = true;
                status.info("Training starts as soon as the data is ready…");
            }
            return;
        }
        if (data.tableProperty().get() == null) {
            status.fail("Cannot train", new IllegalStateException("open a CSV first (Ctrl+O)"));
            return;
        }
        if (data.shapeProperty().get() == null) {
            status.fail("Cannot train", new IllegalStateException(data.problems().isEmpty()
                    ? "the data is still being prepared" : String.join("; ", data.problems())));
            return;
        }
        if (!model.problems().isEmpty()) {
            status.fail("Cannot train", new IllegalStateException(String.join("; ", model.problems())));
            screen.set(Screen.MODEL);
            return;
        }
        Experiment e;
        try {
            e = toExperiment();
        } catch (RuntimeException ex) {
            status.fail("Cannot train", ex);
            return;
        }
        String metric = Metrics.headline(data.shapeProperty().get().task()).toUpperCase(java.util.Locale.ROOT);
        screen.set(Screen.TRAINING);
        training.start(e.name(), metric, model.summaryTextProperty().get(),
                new EngineTrainingJob(e, baseDir(), workspace, dir -> executor.runOnUi(() -> savedRuns.add(dir))));
    }

    /**
     * Whether pressing Train would start a run now: a table is loaded and prepared (its shape known), nothing is
     * loading, the network has layers and no problems, and no run is training. The start-up benchmark waits for it.
     */
    public boolean readyToTrain() {
        return data.tableProperty().get() != null && data.shapeProperty().get() != null && !data.loadingProperty().get()
                && !data.preparingProperty().get() && !model.layers().isEmpty() && model.problems().isEmpty()
                && !training.runningProperty().get();
    }

    /** Continues a stopped or interrupted run from its last checkpoint, live in the training screen. */
    public void resumeRun(Workspace.Run run) {
        if (training.runningProperty().get()) {
            status.info("A run is training: wait for it, or stop it, before resuming another");
            return;
        }
        dev.layerlab.runs.RunSummary s = run.summary();
        screen.set(Screen.TRAINING);
        training.start(s.name() + " (resumed)", headline(s), "Resumed from the last checkpoint of " + run.dir()
                        + "\nThe network is the one in its experiment.json.",
                dev.layerlab.gui.training.EngineTrainingJob.resume(run.dir(), dir -> executor.runOnUi(() -> savedRuns.add(dir))));
    }

    /** Fine-tunes a run's model on new rows into a new run, live in the training screen. */
    public void fineTuneRun(Workspace.Run run, dev.layerlab.gui.runs.FineTuneRequest request) {
        if (training.runningProperty().get()) {
            status.info("A run is training: wait for it, or stop it, before fine-tuning");
            return;
        }
        dev.layerlab.runs.RunSummary s = run.summary();
        screen.set(Screen.TRAINING);
        training.start("Fine-tune of " + s.name(), headline(s),
                "Fine-tuning the model of " + run.dir() + " on " + request.data(),
                dev.layerlab.gui.training.EngineTrainingJob.fineTune(run.modelFile(), request.data(), request.epochs(),
                        request.learningRate(), request.refit(), workspace, dir -> executor.runOnUi(() -> savedRuns.add(dir))));
    }

    private static String headline(dev.layerlab.runs.RunSummary s) {
        return s.headline() == null ? "METRIC" : s.headline().toUpperCase(java.util.Locale.ROOT);
    }

    private Path baseDir() {
        Path f = experimentFile.get();
        return f == null ? Path.of(".").toAbsolutePath() : f.toAbsolutePath().getParent();
    }

    /** Explanations (importance, partial dependence) of the last run or a run of the Runs screen. */
    public dev.layerlab.gui.explain.ExplainViewModel explain() {
        return explain;
    }

    /** The Tuning screen's "Auto (time budget)" mode. */
    public dev.layerlab.gui.tuning.AutoViewModel auto() {
        return auto;
    }

    /** The learning-rate finder of the Model screen. */
    public dev.layerlab.gui.model.LrFindViewModel lrFind() {
        return lrFind;
    }

    /** The experiment as set up on the screens. */
    public Experiment toExperiment() {
        dev.layerlab.experiment.SearchSpace search;
        try {
            search = tuning.toSearchSpace();
        } catch (RuntimeException ex) {
            search = null;
        }
        return new Experiment(ExperimentJson.FORMAT_VERSION, experimentName.get(), data.toSpec(), model.toNetworkSpec(),
                model.toTrainingSpec(), search);
    }

    /** Saves the experiment as JSON (in the background). */
    public void saveExperiment(Path file) {
        Experiment e;
        try {
            e = toExperiment();
        } catch (RuntimeException ex) {
            status.fail("Cannot save", ex);
            return;
        }
        executor.execute(BackgroundTask.of("Save experiment", c -> {
            ExperimentJson.write(file, e);
            return file;
        }).onSuccess(f -> {
            experimentFile.set(f);
            dirty.set(false);
            services.recentExperiments().add(f);
            status.info("Saved " + f.getFileName());
        }).onFailure(ex -> status.fail("Could not save " + file.getFileName(), ex)));
    }

    /** Opens a saved experiment: its data file with its settings, its network and training settings. */
    public void openExperiment(Path file) {
        executor.execute(BackgroundTask.of("Open experiment", c -> ExperimentJson.read(file)).onSuccess(e -> {
            experimentFile.set(file);
            suggestOnShape = false;
            experimentName.set(e.name() == null ? file.getFileName().toString().replaceFirst("\\.json$", "") : e.name());
            model.applyNetwork(e.network());
            if (e.search() != null) {
                tuning.loadSpace(e.search());
            }
            tuningFed = false;
            model.applyTraining(e.training());
            data.applySpec(e.data(), file.toAbsolutePath().getParent());
            services.recentExperiments().add(file);
            dirty.set(false);
            status.info("Opened experiment " + file.getFileName());
        }).onFailure(ex -> status.fail("Could not open " + file.getFileName(), ex)));
    }

    public void shutdown() {
        training.stop();
        auto.stop();
        export.serve().shutdown();
    }
}
