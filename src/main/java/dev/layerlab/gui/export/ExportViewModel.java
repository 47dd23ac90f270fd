package dev.layerlab.gui.export;

import dev.layerlab.data.Table;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.Predictor;
import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.gui.task.BackgroundTask;
import dev.layerlab.gui.task.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** The export screen: the model bundle at hand (a run's or one opened from disk), saving it, predicting with it. */
public final class ExportViewModel {
    private final TaskExecutor executor;
    private final StatusModel status;
    private final ObjectProperty<Path> bundleFile = new SimpleObjectProperty<>();
    private final ObjectProperty<ModelBundle> bundle = new SimpleObjectProperty<>();
    private final StringProperty description = new SimpleStringProperty("No model yet: train one (F5), pick a run in the Runs screen and press Export…, or open a saved bundle.");
    private final StringProperty lastPrediction = new SimpleStringProperty("");

    private final ServeViewModel serve;

    public ExportViewModel(TaskExecutor executor, StatusModel status) {
        this.executor = executor;
        this.status = status;
        this.serve = new ServeViewModel(executor, status);
        serve.bundleProperty().bind(bundle);
        serve.bundleFileProperty().bind(bundleFile);
    }

    /** The Serve panel's model: serves the bundle at hand over HTTP. */
    public ServeViewModel serve() {
        return serve;
    }

    /** Loads a bundle (a run's model.zip or a saved file) in the background. */
    public void load(Path file) {
        load(file, false);
    }

    /** Loads a bundle; a quiet load (after a run) leaves the status message alone. */
    public void load(Path file, boolean quiet) {
        if (!quiet) {
            status.beginBusy("Reading " + file.getFileName() + "…");
        }
        executor.execute(BackgroundTask.of("Open bundle", c -> ModelBundle.read(file)).onSuccess(b -> {
            bundleFile.set(file);
            bundle.set(b);
            description.set(describe(file, b));
            if (!quiet) {
                status.info("Model " + file + " ready");
            }
        }).onFailure(e -> status.fail("Could not open the model " + file.getFileName(), e)).onFinally(() -> {
            if (!quiet) {
                status.endBusy();
            }
        }));
    }

    static String describe(Path file, ModelBundle b) {
        StringBuilder sb = new StringBuilder();
        sb.append("Model: ").append(file).append('\n');
        if (b.experiment() != null) {
            sb.append("Experiment: ").append(b.experiment().name()).append(" · target ")
                    .append(b.experiment().data().target()).append('\n');
        }
        for (dev.layerlab.data.FittedTarget t : b.preprocessing().outputTargets()) {
            sb.append("Also predicts: ").append(t.column()).append(" (")
                    .append(t.task().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(")\n");
        }
        sb.append("Task: ").append(b.preprocessing().task().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .append(" · inputs: ").append(String.join(", ", b.preprocessing().inputColumns())).append('\n');
        sb.append("Parameters: ").append(String.format(Locale.ROOT, "%,d", b.network().numParams())).append('\n');
        for (Map.Entry<String, Map<String, Double>> e : b.metrics().entrySet()) {
            sb.append(e.getKey()).append(": ");
            e.getValue().forEach((k, v) -> sb.append(k).append(' ').append(dev.layerlab.gui.common.Formats.num(v)).append("  "));
            sb.append('\n');
        }
        if (b.provenance() != null) {
            sb.append("Data: ").append(b.provenance().dataFile()).append(" (sha256 ")
                    .append(b.provenance().dataSha256() == null ? "?" : b.provenance().dataSha256().substring(0, Math.min(12, b.provenance().dataSha256().length())))
                    .append("…, ").append(b.provenance().rows()).append(" rows, seed ").append(b.provenance().seed()).append(")\n");
            sb.append("Created: ").append(b.provenance().createdAt()).append('\n');
        }
        return sb.toString();
    }

    /** Copies the bundle to {@code target}. */
    public void saveBundle(Path target, Consumer<Path> done) {
        Path src = bundleFile.get();
        if (src == null) {
            status.fail("Nothing to save", new IllegalStateException("train a model or open a bundle first"));
            return;
        }
        executor.execute(BackgroundTask.of("Save bundle", c -> {
            dev.layerlab.AtomicFiles.write(target, temp -> Files.copy(src, temp, StandardCopyOption.REPLACE_EXISTING));
            return target;
        }).onSuccess(p -> {
            status.info("Saved the model to " + p);
            done.accept(p);
        }).onFailure(e -> status.fail("Could not save the model", e)));
    }

    /** Predicts every row of {@code csv} and writes the rows with their predictions to {@code out}. */
    public void predict(Path csv, Path out) {
        ModelBundle b = bundle.get();
        if (b == null) {
            status.fail("Nothing to predict with", new IllegalStateException("train a model or open a bundle first"));
            return;
        }
        status.beginBusy("Predicting " + csv.getFileName() + "…");
        executor.execute(BackgroundTask.of("Predict", c -> {
            Predictor p = new Predictor(b);
            Table t = p.load(csv);
            Predictor.Predictions pr = p.predict(t);
            p.writeCsv(t, pr, out);
            return pr.size();
        }).onSuccess(n -> {
            lastPrediction.set(String.format(Locale.ROOT, "Wrote %,d predictions to %s", n, out));
            status.info(lastPrediction.get());
        }).onFailure(e -> status.fail("Could not predict", e)).onFinally(status::endBusy));
    }

    /** The kinds of code the experiment can be exported as. */
    public enum CodeKind { KERAS_PYTHON, DL4J_JAVA }

    /** Writes code that rebuilds and trains the experiment outside LayerLab. */
    public void exportCode(dev.layerlab.experiment.Experiment experiment, CodeKind kind, Path out) {
        executor.execute(BackgroundTask.of("Export code", c -> {
            dev.layerlab.experiment.Experiment explicit = experiment.withData(
                    dev.layerlab.data.ExplicitSettings.forCodeExport(experiment.data(), java.nio.file.Path.of("").toAbsolutePath()));
            String code = kind == CodeKind.KERAS_PYTHON
                    ? dev.layerlab.export.codegen.KerasGenerator.generate(explicit)
                    : dev.layerlab.export.codegen.Dl4jGenerator.generate(explicit,
                            out.getFileName().toString().replaceFirst("\\.java$", "").replaceAll("[^A-Za-z0-9_]", "_"));
            dev.layerlab.AtomicFiles.writeString(out, code);
            return out;
        }).onSuccess(p -> status.info("Wrote " + p))
                .onFailure(e -> status.fail("Could not export the code", e)));
    }

    public ObjectProperty<Path> bundleFileProperty() {
        return bundleFile;
    }

    public ObjectProperty<ModelBundle> bundleProperty() {
        return bundle;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public StringProperty lastPredictionProperty() {
        return lastPrediction;
    }
}
