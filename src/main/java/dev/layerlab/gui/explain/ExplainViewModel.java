package dev.layerlab.gui.explain;

import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.Matrix;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.explain.Explainer;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.gui.task.BackgroundTask;
import dev.layerlab.gui.task.TaskExecutor;
import dev.layerlab.runs.RunJob;
import dev.layerlab.runs.Workspace;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Explains a run's model on its held-out rows (the test split of its data, prepared with the model's own
 * preprocessing; the validation or training split when it has none): permutation importance and partial dependence,
 * computed in the background.
 */
public final class ExplainViewModel {
    private final TaskExecutor executor;
    private final StatusModel status;
    private final ObjectProperty<Path> lastRun = new SimpleObjectProperty<>();
    private final ObjectProperty<List<Explainer.OutputExplanation>> result = new SimpleObjectProperty<>(List.of());
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty message = new SimpleStringProperty("Explain a finished run: which columns its predictions rely on.");

    public ExplainViewModel(TaskExecutor executor, StatusModel status) {
        this.executor = executor;
        this.status = status;
    }

    /** The run the Training screen trained last (its "Explain" tab explains it). */
    public ObjectProperty<Path> lastRunProperty() {
        return lastRun;
    }

    public ObjectProperty<List<Explainer.OutputExplanation>> resultProperty() {
        return result;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public void explainLastRun() {
        if (lastRun.get() != null) {
            explain(lastRun.get());
        }
    }

    /** Explains the run in {@code runDir} in the background; the result replaces the shown one. */
    public void explain(Path runDir) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        message.set("Explaining " + runDir.getFileName() + " (shuffling each column 5 times)…");
        executor.execute(BackgroundTask.of("Explain " + runDir.getFileName(), c -> compute(runDir))
                .onSuccess(r -> {
                    result.set(r.outputs());
                    message.set("Run " + runDir.getFileName() + ", on " + r.rows() + " held-out rows (" + r.split()
                            + " split). Importance: how much " + (r.outputs().isEmpty() ? "the metric" : r.outputs().get(0).metric())
                            + " gets worse when a column is shuffled.");
                })
                .onFailure(e -> {
                    message.set("Cannot explain " + runDir.getFileName() + ": " + e.getMessage());
                    status.fail("Cannot explain the run", e);
                })
                .onFinally(() -> busy.set(false)));
    }

    record Computed(List<Explainer.OutputExplanation> outputs, int rows, String split) {
    }

    static Computed compute(Path runDir) {
        ModelBundle bundle = ModelBundle.read(runDir.resolve(Workspace.MODEL_FILE));
        Experiment experiment = bundle.experiment();
        Path base = RunJob.dataBaseDir(runDir.resolve(Workspace.EXPERIMENT_FILE), experiment.data().path());
        PreparedData data = DataPipeline.prepareWith(experiment.data(), base, bundle.preprocessing());
        Matrix rows = data.test().rows() > 0 ? data.test() : data.validation().rows() > 0 ? data.validation() : data.train();
        String split = data.test().rows() > 0 ? "test" : data.validation().rows() > 0 ? "validation" : "training";
        return new Computed(Explainer.defaults().explain(bundle, rows, null), Math.min(rows.rows(), 5000), split);
    }
}
