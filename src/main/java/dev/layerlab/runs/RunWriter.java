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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.layerlab.training.TrainableNetwork;
import dev.layerlab.training.Trainer;

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

    /**
     * Turns the run in {@code dir} (written by {@link #write}) into an ensemble: its network plus {@code others}
     * (same preprocessing), averaged. model.zip, metrics.json and run.json then hold the ensemble's metrics.
     *
     * @return the ensemble's metrics per split
     */
    public static Map<String, Map<String, Double>> addMembers(Path dir, PreparedData data, List<TrainingResult> others,
                                                              List<Experiment> otherExperiments) throws IOException {
        ModelBundle single = ModelBundle.read(dir.resolve(Workspace.MODEL_FILE));
        List<TrainableNetwork> networks = others.stream().map(TrainingResult::network).toList();
        List<TrainableNetwork> all = new java.util.ArrayList<>(single.members());
        all.addAll(networks);
        Trainer.Evaluator evaluator = new Trainer.Evaluator(data.preprocessing());
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put("train", evaluator.metrics(all, data.train()));
        metrics.put("validation", evaluator.metrics(all, data.validation()));
        metrics.put("test", evaluator.metrics(all, data.test()));
        metrics.values().removeIf(Map::isEmpty);
        single.withMembers(networks, otherExperiments, metrics).write(dir.resolve(Workspace.MODEL_FILE));
        AtomicFiles.writeString(dir.resolve(Workspace.METRICS_FILE), ExperimentJson.MAPPER.writeValueAsString(metrics) + "\n");
        Path runFile = dir.resolve(Workspace.RUN_FILE);
        if (java.nio.file.Files.isRegularFile(runFile)) {
            RunSummary s = ExperimentJson.MAPPER.readValue(runFile.toFile(), RunSummary.class);
            long parameters = all.stream().mapToLong(TrainableNetwork::numParams).sum();
            RunSummary updated = new RunSummary(s.name(), s.experimentName(), s.task(), s.status(),
                    "ensemble of " + all.size() + " networks" + (s.message() == null ? "" : "; member 0: " + s.message()),
                    s.startedAt(), s.seconds(), s.epochs(), s.keptEpoch(), parameters, s.headline(), metrics, s.parentModel());
            AtomicFiles.writeString(runFile, ExperimentJson.MAPPER.writeValueAsString(updated) + "\n");
        }
        return metrics;
    }
}
