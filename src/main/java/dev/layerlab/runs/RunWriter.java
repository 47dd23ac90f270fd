package dev.layerlab.runs;

import dev.layerlab.AtomicFiles;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.Provenance;
import dev.layerlab.training.Metrics;
import dev.layerlab.training.TrainingHistory;
import dev.layerlab.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** Writes a finished run's files into its folder: the same layout from the CLI and the GUI. */
public final class RunWriter {
    private RunWriter() {
    }

    /**
     * Writes model.zip, experiment.json, history.csv, metrics.json and run.json into {@code dir}.
     *
     * @param startedAt when the run started (ISO-8601)
     * @param dataFile  the CSV as the user named it (recorded in the provenance)
     */
    public static ModelBundle write(Path dir, Experiment experiment, PreparedData data, TrainingResult result,
                                    String dataFile, Instant startedAt, String parentModel) throws IOException {
        return write(dir, experiment, data, result, dataFile, startedAt, parentModel, null);
    }

    /** As above, for a fine-tuned model: {@code parentDataSha256} is the hash of the data its parent was trained on. */
    public static ModelBundle write(Path dir, Experiment experiment, PreparedData data, TrainingResult result,
                                    String dataFile, Instant startedAt, String parentModel, String parentDataSha256)
            throws IOException {
        return write(dir, experiment, data, result, dataFile, startedAt, parentModel, parentDataSha256, null);
    }

    /** As above, keeping the run's network health ({@code diagnosticsCsv}, null for none) in the bundle. */
    public static ModelBundle write(Path dir, Experiment experiment, PreparedData data, TrainingResult result,
                                    String dataFile, Instant startedAt, String parentModel, String parentDataSha256,
                                    String diagnosticsCsv) throws IOException {
        Provenance provenance = new Provenance(dataFile, data.dataSha256(), data.rowCount(),
                experiment.training().seed(), Instant.now().toString(), Provenance.libraryVersions(), parentModel,
                parentDataSha256);
        ModelBundle bundle = new ModelBundle(result.network(), data.preprocessing(), experiment, result.history(),
                result.metrics(), provenance).withDiagnostics(diagnosticsCsv);
        bundle.write(dir.resolve(Workspace.MODEL_FILE));
        ExperimentJson.write(dir.resolve(Workspace.EXPERIMENT_FILE), experiment);
        AtomicFiles.writeString(dir.resolve(Workspace.HISTORY_FILE), TrainingHistory.toCsv(result.history(), data.task()));
        AtomicFiles.writeString(dir.resolve(Workspace.METRICS_FILE),
                ExperimentJson.MAPPER.writeValueAsString(result.metrics()) + "\n");
        double seconds = result.history().isEmpty() ? 0 : result.history().get(result.history().size() - 1).elapsedMillis() / 1000.0;
        RunSummary summary = new RunSummary(dir.getFileName().toString(), experiment.name(),
                data.task().name().toLowerCase(java.util.Locale.ROOT), result.status().name(), result.message(),
                startedAt.toString(), seconds, result.epochsRun(), result.keptEpoch(), result.network().numParams(),
                Metrics.headline(data.task()), result.metrics(), parentModel);
        AtomicFiles.writeString(dir.resolve(Workspace.RUN_FILE), ExperimentJson.MAPPER.writeValueAsString(summary) + "\n");
        return bundle;
    }
}
