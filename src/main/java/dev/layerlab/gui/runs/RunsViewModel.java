package dev.layerlab.gui.runs;

import dev.layerlab.runs.Workspace;
import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.gui.task.BackgroundTask;
import dev.layerlab.gui.task.TaskExecutor;
import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.TrainingHistory;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.nio.file.Files;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The runs screen: every run in the workspace, a filter, the loss curves of the selected runs, the selected run's
 * details (its lineage), and the actions on it: resume a stopped or interrupted run, fine-tune a finished one.
 */
public final class RunsViewModel {
    /** What the workbench does for the runs screen's actions (start the run in the training screen). */
    public interface Actions {
        void resume(Workspace.Run run);

        void fineTune(Workspace.Run run, FineTuneRequest request);
    }

    /** One curve of the overlay chart: a run's validation loss, or (dashed) one output's of a graph run. */
    public record Curve(String name, List<double[]> points, boolean perOutput) {
    }

    private final Workspace workspace;
    private final TaskExecutor executor;
    private final StatusModel status;
    private final dev.layerlab.gui.task.LatestOnly curveLoading;
    private final ObservableList<Workspace.Run> runs = FXCollections.observableArrayList();
    private final FilteredList<Workspace.Run> filtered = new FilteredList<>(runs, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObservableList<Workspace.Run> selection = FXCollections.observableArrayList();
    /** Validation (or training) loss per epoch of each selected run, by run name. */
    private final ObservableList<Map.Entry<String, List<EpochRecord>>> curves = FXCollections.observableArrayList();
    private final ObjectProperty<Workspace.Run> selected = new SimpleObjectProperty<>();
    private final BooleanProperty trainingBusy = new SimpleBooleanProperty(false);
    private final BooleanProperty perOutput = new SimpleBooleanProperty(false);
    private final ObservableList<Curve> overlay = FXCollections.observableArrayList();
    private final StringProperty details = new SimpleStringProperty("");
    private final StringProperty lineage = new SimpleStringProperty("");
    private final BooleanBinding canResume;
    private final BooleanBinding canFineTune;
    private Actions actions = new Actions() {
        @Override
        public void resume(Workspace.Run run) {
        }

        @Override
        public void fineTune(Workspace.Run run, FineTuneRequest request) {
        }
    };

    public RunsViewModel(Workspace workspace, TaskExecutor executor, StatusModel status) {
        this.workspace = workspace;
        this.executor = executor;
        this.status = status;
        this.curveLoading = new dev.layerlab.gui.task.LatestOnly(executor);
        filter.addListener((o, a, f) -> {
            String q = f == null ? "" : f.trim().toLowerCase(Locale.ROOT);
            filtered.setPredicate(r -> q.isEmpty() || (r.summary().name() + " " + r.summary().experimentName() + " "
                    + r.summary().status() + " " + r.summary().task()).toLowerCase(Locale.ROOT).contains(q));
        });
        selection.addListener((javafx.collections.ListChangeListener<Workspace.Run>) c -> {
            selected.set(selection.size() == 1 ? selection.get(0) : null);
            loadCurves();
        });
        selected.addListener((o, a, run) -> {
            details.set(run == null ? "" : describe(run));
            lineage.set(run == null ? "" : lineage(run));
        });
        canResume = Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().resumable()
                && !trainingBusy.get(), selected, trainingBusy);
        canFineTune = Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().fineTunable()
                && !trainingBusy.get(), selected, trainingBusy);
        curves.addListener((javafx.collections.ListChangeListener<Map.Entry<String, List<EpochRecord>>>) c -> rebuildOverlay());
        perOutput.addListener((o, a, b) -> rebuildOverlay());
    }

    public void setActions(Actions actions) {
        this.actions = actions;
    }

    /** Continues the selected run (stopped or interrupted) from its last checkpoint, in the training screen. */
    public void resumeSelected() {
        Workspace.Run run = selected.get();
        if (canResume.get()) {
            actions.resume(run);
        }
    }

    /**
     * Reads the selected run's experiment (in the background) and hands {@code dialog} the fine-tune settings
     * with their defaults: the experiment's data, its epochs and learning rate.
     */
    public void prepareFineTune(Consumer<FineTuneViewModel> dialog) {
        Workspace.Run run = selected.get();
        if (!canFineTune.get()) {
            return;
        }
        executor.execute(BackgroundTask.of("Read the run's experiment", c -> {
            dev.layerlab.experiment.Experiment e = dev.layerlab.experiment.ExperimentJson.read(run.experimentFile());
            String path = e.data() == null ? null : e.data().path();
            java.nio.file.Path data = null;
            if (path != null) {
                java.nio.file.Path p = java.nio.file.Path.of(path);
                data = p.isAbsolute() ? p
                        : dev.layerlab.runs.RunJob.dataBaseDir(run.experimentFile(), path).resolve(p).toAbsolutePath().normalize();
            }
            return new FineTuneViewModel(run.summary().name(), data, e.training().epochs(),
                    e.training().optimizer().learningRate());
        }).onSuccess(dialog).onFailure(e -> status.fail("Cannot fine-tune " + run.summary().name(), e)));
    }

    /** Fine-tunes the selected run's model with the dialog's settings, in the training screen. */
    public void fineTuneSelected(FineTuneRequest request) {
        Workspace.Run run = selected.get();
        if (run != null && canFineTune.get()) {
            actions.fineTune(run, request);
        }
    }

    /** The run's facts in a few lines. */
    String describe(Workspace.Run run) {
        dev.layerlab.runs.RunSummary s = run.summary();
        StringBuilder sb = new StringBuilder();
        sb.append(s.name()).append('\n');
        sb.append("Experiment ").append(s.experimentName());
        if (s.task() != null) {
            sb.append(" · ").append(s.task());
        }
        sb.append(" · ").append(words(s.status())).append('\n');
        if (s.message() != null && !s.message().isBlank()) {
            sb.append(s.message()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%d epochs", s.epochs()));
        if (s.keptEpoch() > 0) {
            sb.append(" (weights of epoch ").append(s.keptEpoch()).append(')');
        }
        if (s.parameters() > 0) {
            sb.append(String.format(Locale.ROOT, " · %,d parameters", s.parameters()));
        }
        if (s.seconds() > 0) {
            sb.append(" · ").append(dev.layerlab.gui.common.Formats.num(s.seconds())).append(" s");
        }
        sb.append('\n');
        if (s.headline() != null) {
            for (String split : List.of("validation", "test")) {
                double v = s.metric(split, s.headline());
                if (!Double.isNaN(v)) {
                    sb.append(split).append(' ').append(s.headline()).append(' ')
                            .append(dev.layerlab.gui.common.Formats.num(v)).append("   ");
                }
            }
            sb.append('\n');
        }
        if (s.startedAt() != null) {
            sb.append("Started ").append(s.startedAt().replace('T', ' ').replaceFirst("\\.\\d+Z?$", "")).append('\n');
        }
        sb.append("Folder ").append(run.dir());
        if (run.resumable()) {
            sb.append("\nResume continues it from its last checkpoint.");
        }
        return sb.toString();
    }

    /** "Fine-tuned from <run>" when the run's model started from another one; empty otherwise. */
    String lineage(Workspace.Run run) {
        String parent = run.summary().parentModel();
        if (parent == null || parent.isBlank()) {
            return "";
        }
        java.nio.file.Path p = java.nio.file.Path.of(parent).toAbsolutePath().normalize();
        java.nio.file.Path runs = workspace.runsDir().toAbsolutePath().normalize();
        if (p.getParent() != null && runs.equals(p.getParent().getParent())
                && p.getFileName().toString().equals(Workspace.MODEL_FILE)) {
            return "Fine-tuned from " + p.getParent().getFileName();
        }
        return "Fine-tuned from " + parent;
    }

    private static String words(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** One curve per selected run; with per-output losses on, also one per output of each multi-output run. */
    private void rebuildOverlay() {
        List<Curve> out = new java.util.ArrayList<>();
        for (Map.Entry<String, List<EpochRecord>> e : curves) {
            List<double[]> pts = new java.util.ArrayList<>();
            Map<String, List<double[]>> outputs = new LinkedHashMap<>();
            for (EpochRecord r : e.getValue()) {
                double v = Double.isNaN(r.valLoss()) ? r.trainLoss() : r.valLoss();
                if (Double.isFinite(v)) {
                    pts.add(new double[] {r.epoch(), v});
                }
                if (perOutput.get()) {
                    dev.layerlab.gui.training.EpochPoint.outputLosses(r.valMetrics()).forEach((name, loss) -> {
                        if (Double.isFinite(loss)) {
                            outputs.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(new double[] {r.epoch(), loss});
                        }
                    });
                }
            }
            out.add(new Curve(e.getKey(), pts, false));
            outputs.forEach((name, p) -> out.add(new Curve(e.getKey() + " · " + name, p, true)));
        }
        overlay.setAll(out);
    }

    public void refresh() {
        executor.execute(BackgroundTask.of("List runs", c -> {
            List<Workspace.Run> list = new java.util.ArrayList<>(workspace.runs());
            list.sort(Comparator.comparing((Workspace.Run r) -> r.summary().startedAt() == null ? "" : r.summary().startedAt()).reversed());
            return list;
        }).onSuccess(runs::setAll).onFailure(e -> status.fail("Could not list the runs", e)));
    }

    public void delete(List<Workspace.Run> toDelete) {
        List<Workspace.Run> copy = toDelete.stream()
                .filter(r -> !dev.layerlab.runs.RunSummary.RUNNING.equals(r.summary().status())).toList();
        if (copy.size() < toDelete.size()) {
            status.info("A run that is training cannot be deleted: stop it first");
        }
        if (copy.isEmpty()) {
            return;
        }
        executor.execute(BackgroundTask.of("Delete runs", c -> {
            for (Workspace.Run r : copy) {
                workspace.delete(r);
            }
            return copy.size();
        }).onSuccess(n -> {
            status.info("Deleted " + n + " run" + (n == 1 ? "" : "s"));
            refresh();
        }).onFailure(e -> status.fail("Could not delete", e)));
    }

    private void loadCurves() {
        List<Workspace.Run> sel = List.copyOf(selection);
        // Newest selection only: an older, slower read must not overwrite the overlay.
        curveLoading.submit("Load histories", c -> {
            Map<String, List<EpochRecord>> out = new LinkedHashMap<>();
            for (Workspace.Run r : sel) {
                if (Files.isRegularFile(r.historyFile())) {
                    out.put(r.summary().name(), TrainingHistory.fromCsv(Files.readString(r.historyFile())));
                } else {
                    // A run still training, or interrupted: its history so far is in the checkpoint's state.
                    java.nio.file.Path state = r.checkpointsDir().resolve(dev.layerlab.training.TrainingState.FILE);
                    if (Files.isRegularFile(state)) {
                        out.put(r.summary().name(), dev.layerlab.training.TrainingState.fromJson(Files.readString(state),
                                state.toString()).history());
                    }
                }
            }
            return out;
        }, m -> curves.setAll(m.entrySet()), e -> status.fail("Could not read a history", e));
    }

    /** Opens the run's experiment in the workbench. */
    public void open(Workspace.Run run, Consumer<java.nio.file.Path> openExperiment) {
        openExperiment.accept(run.experimentFile());
    }

    public ObservableList<Workspace.Run> runs() {
        return runs;
    }

    public FilteredList<Workspace.Run> filtered() {
        return filtered;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObservableList<Workspace.Run> selection() {
        return selection;
    }

    public ObservableList<Map.Entry<String, List<EpochRecord>>> curves() {
        return curves;
    }

    /** The overlay chart's curves (see {@link Curve}). */
    public ObservableList<Curve> overlay() {
        return overlay;
    }

    /** Whether the overlay also shows each output's validation loss for multi-output runs. */
    public BooleanProperty perOutputProperty() {
        return perOutput;
    }

    /** The single selected run, or null when none or several are selected. */
    public ObjectProperty<Workspace.Run> selectedProperty() {
        return selected;
    }

    /** True while the workbench trains (resume and fine-tune then wait). */
    public BooleanProperty trainingBusyProperty() {
        return trainingBusy;
    }

    public BooleanBinding canResumeProperty() {
        return canResume;
    }

    public BooleanBinding canFineTuneProperty() {
        return canFineTune;
    }

    /** The selected run's facts, in a few lines. */
    public StringProperty detailsProperty() {
        return details;
    }

    /** "Fine-tuned from <run>" for a fine-tuned run; empty otherwise. */
    public StringProperty lineageProperty() {
        return lineage;
    }
}
