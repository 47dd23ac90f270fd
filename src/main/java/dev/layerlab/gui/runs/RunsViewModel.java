package dev.layerlab.gui.runs;

import dev.layerlab.experiment.Workspace;
import dev.layerlab.gui.StatusModel;
import dev.layerlab.gui.task.BackgroundTask;
import dev.layerlab.gui.task.TaskExecutor;
import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.TrainingHistory;
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

/** The runs screen: every run in the workspace, a filter, and the loss curves of the selected runs. */
public final class RunsViewModel {
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
        selection.addListener((javafx.collections.ListChangeListener<Workspace.Run>) c -> loadCurves());
    }

    public void refresh() {
        executor.execute(BackgroundTask.of("List runs", c -> {
            List<Workspace.Run> list = new java.util.ArrayList<>(workspace.runs());
            list.sort(Comparator.comparing((Workspace.Run r) -> r.summary().startedAt() == null ? "" : r.summary().startedAt()).reversed());
            return list;
        }).onSuccess(runs::setAll).onFailure(e -> status.fail("Could not list the runs", e)));
    }

    public void delete(List<Workspace.Run> toDelete) {
        List<Workspace.Run> copy = List.copyOf(toDelete);
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
}
