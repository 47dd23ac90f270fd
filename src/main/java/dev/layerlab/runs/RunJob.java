package dev.layerlab.runs;

import dev.layerlab.AtomicFiles;
import dev.layerlab.FolderLock;
import dev.layerlab.InvalidInputException;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.FittedPreprocessing;
import dev.layerlab.data.PreparedData;
import dev.layerlab.diagnostics.NetworkHealth;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.training.Checkpoints;
import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.TrainableNetwork;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingListener;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.training.TrainingSpec;
import dev.layerlab.training.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * One training run into a run folder, started the same way by {@code layerlab train} and by the workbench: a new
 * run, a run resumed from its last checkpoint ({@code train --resume DIR}), or a model fine-tuned on new rows
 * ({@code train --from model.zip --data NEW.csv}). The factories check everything and prepare the data, which
 * reads the CSV: call them off a UI thread. {@link #run} trains, checkpoints every epoch with the run's state (so
 * that the run can itself be resumed), and writes the run's files (model.zip, history.csv, metrics.json, run.json).
 * While it trains, the folder carries a {@link RunMarker}, so lists of runs show it as running and nobody resumes it.
 */
public final class RunJob {
    /** What kind of run. */
    public enum Kind { NEW, RESUME, FINE_TUNE }

    /** Fine-tuning with the parent's preprocessing keeps a copy here, so that a resumed fine-tune uses it again. */
    public static final String PREPROCESSING = "preprocessing.json";

    private final Kind kind;
    private final Path runDir;
    private final Experiment experiment;
    private final PreparedData data;
    /** NEW: built in run(); RESUME: read from the checkpoint in run(); FINE_TUNE: the parent's network. */
    private final TrainableNetwork network;
    /** The state the checkpoints start from (NEW, FINE_TUNE) or continue (RESUME). */
    private final TrainingState state;
    private final Instant startedAt;
    private final int firstEpoch;
    private final FittedPreprocessing keptPreprocessing;

    private RunJob(Kind kind, Path runDir, Experiment experiment, PreparedData data, TrainableNetwork network,
                   TrainingState state, Instant startedAt, int firstEpoch, FittedPreprocessing keptPreprocessing) {
        this.kind = kind;
        this.runDir = runDir;
        this.experiment = experiment;
        this.data = data;
        this.network = network;
        this.state = state;
        this.startedAt = startedAt;
        this.firstEpoch = firstEpoch;
        this.keptPreprocessing = keptPreprocessing;
    }

    // ------------------------------------------------------------------ new runs

    /**
     * A new run of {@code experiment} on data already prepared from it.
     *
     * @param baseDir the folder the experiment's relative data path is resolved against (recorded in checkpoints)
     */
    public static RunJob fresh(Experiment experiment, PreparedData data, Path baseDir, Path runDir) {
        experiment.training().requireValid();
        Instant started = Instant.now();
        return new RunJob(Kind.NEW, runDir, experiment, data, null, startState(started, experiment, baseDir, data),
                started, 0, null);
    }

    /** The state a fresh run starts its checkpoints with: when it started and which data (path and hash) it trains on. */
    public static TrainingState startState(Instant started, Experiment experiment, Path baseDir, PreparedData prepared) {
        return TrainingState.start(started.toString(), absolute(experiment.data().path(), baseDir).toString(),
                prepared.dataSha256());
    }

    // ------------------------------------------------------------------ resume

    /**
     * Continues the run in {@code runDir} from its last checkpoint. Refused with a message for: a folder that is not
     * a run, a run that finished (completed, early-stopped, diverged: fine-tune its model instead), a run that a live
     * process is training, a run with no checkpoint yet, and a data file that changed since the run started. A run
     * the user stopped ({@code CANCELLED}) can be resumed.
     */
    public static RunJob resume(Path runDir) throws IOException {
        Path experimentFile = runDir.resolve(Workspace.EXPERIMENT_FILE);
        if (!Files.isDirectory(runDir) || !Files.isRegularFile(experimentFile)) {
            throw new InvalidInputException(runDir + " is not a run folder (no " + Workspace.EXPERIMENT_FILE
                    + "): give the folder a 'train --out DIR' wrote");
        }
        // Fails fast, naming the process that holds the folder, before anything in it is touched; run() locks it
        // for the whole training.
        FolderLock.acquire(runDir, "run folder").close();
        Path runFile = runDir.resolve(Workspace.RUN_FILE);
        if (Files.isRegularFile(runFile)) {
            String status = ExperimentJson.MAPPER.readTree(runFile.toFile()).path("status").asText("");
            if (!RunSummary.CANCELLED.equals(status)) {
                throw new InvalidInputException(runDir + " holds a finished run (" + status.toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' ') + "): to train it further, fine-tune its model (train --from "
                        + runDir.resolve(Workspace.MODEL_FILE) + " --data NEW.csv)");
            }
        }
        if (RunMarker.isLive(runDir)) {
            throw new InvalidInputException(runDir + " is being trained right now by another window or command");
        }
        Path checkpoints = runDir.resolve(Workspace.CHECKPOINTS);
        Path last = checkpoints.resolve(Checkpoints.LAST);
        if (!Files.isRegularFile(last)) {
            throw new InvalidInputException("nothing to resume in " + runDir + ": no checkpoint yet (the run stopped before "
                    + "its first epoch ended); start it again");
        }
        removeStaleTemporaries(checkpoints);
        removeStaleTemporaries(runDir);
        Experiment experiment = ExperimentJson.read(experimentFile);
        TrainingState state = Checkpoints.readState(last);
        if (state == null) {
            throw new InvalidInputException(last + " has no run state: it cannot be resumed");
        }
        int done = state.history().size();
        if (experiment.training().epochs() - done < 1) {
            throw new InvalidInputException("the run already finished all " + experiment.training().epochs()
                    + " epochs: nothing to resume");
        }
        Path dataFile = state.dataFile() != null && Files.isRegularFile(Path.of(state.dataFile()))
                ? Path.of(state.dataFile())
                : absolute(experiment.data().path(), dataBaseDir(experimentFile, experiment.data().path()));
        DataSpec spec = experiment.data();
        DataSpec located = spec.withPath(dataFile.toString());
        Path savedPreprocessing = checkpoints.resolve(PREPROCESSING);
        PreparedData prepared = Files.isRegularFile(savedPreprocessing)
                ? DataPipeline.prepareWith(located, null, FittedPreprocessing.fromJson(Files.readString(savedPreprocessing)))
                : DataPipeline.prepare(located, (Path) null, experiment.network().outputTargets());
        if (state.dataSha256() != null && !state.dataSha256().equals(prepared.dataSha256())) {
            throw new InvalidInputException(dataFile + " has changed since the run started: resuming on other data would not "
                    + "continue the same run (fine-tune its model on the new data instead)");
        }
        Instant started = state.startedAt() == null ? Instant.now() : Instant.parse(state.startedAt());
        return new RunJob(Kind.RESUME, runDir, experiment, prepared, null, state, started, state.epoch(), null);
    }

    // ------------------------------------------------------------------ fine-tune

    /**
     * Trains {@code parent}'s network further on the data {@code experiment} names (the parent's experiment with a
     * new data path and, optionally, other epochs, batch size, learning rate, patience, split). The network and the
     * optimizer kind must stay the parent's.
     *
     * @param refit        fit imputation and scaling on the new data instead of keeping the parent's; refused when
     *                     that would change the model's inputs or classes
     * @param learningRate a new fixed learning rate for the network's updaters (null keeps the parent's)
     */
    public static RunJob fineTune(ModelBundle parent, Path parentFile, Experiment experiment, Path baseDir, boolean refit,
                                  Double learningRate, Path runDir) {
        if (parent.experiment().training().optimizer().kind() != experiment.training().optimizer().kind()) {
            throw new InvalidInputException("fine-tuning keeps the model's optimizer ("
                    + parent.experiment().training().optimizer().kind().id() + ")");
        }
        if (!java.util.Objects.equals(parent.experiment().network(), experiment.network())) {
            throw new InvalidInputException("fine-tuning keeps the model's network: it cannot change");
        }
        if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new InvalidInputException("the learning rate must be a positive number, got " + learningRate);
        }
        experiment.training().requireValid();
        FittedPreprocessing original = parent.preprocessing();
        PreparedData prepared;
        if (refit) {
            prepared = DataPipeline.prepare(experiment.data(), baseDir, experiment.network().outputTargets());
            FittedPreprocessing fitted = prepared.preprocessing();
            if (fitted.task() != original.task() || !fitted.featureNames().equals(original.featureNames())
                    || !fitted.classes().equals(original.classes()) || !sameTargets(fitted, original)) {
                throw new InvalidInputException("refitting the preprocessing on " + experiment.data().path()
                        + " changes the model's inputs or classes (features " + fitted.featureNames() + " vs "
                        + original.featureNames() + "); fine-tune without refitting the preprocessing");
            }
        } else {
            prepared = DataPipeline.prepareWith(experiment.data(), baseDir, original);
        }
        TrainableNetwork net = parent.network();
        if (learningRate != null) {
            net.setLearningRate(learningRate);
        }
        String parentName = parentFile.toAbsolutePath().normalize().toString();
        String parentData = parent.provenance() == null ? null : parent.provenance().dataSha256();
        Instant started = Instant.now();
        TrainingState state = startState(started, experiment, baseDir, prepared).withParent(parentName, parentData);
        return new RunJob(Kind.FINE_TUNE, runDir, experiment, prepared, net, state, started, net.epochCount(),
                refit ? null : original);
    }

    /**
     * The experiment a fine-tune of {@code parent} runs: the parent's, on another CSV, with other epochs and
     * learning rate when given (null keeps the parent's).
     */
    public static Experiment fineTuneExperiment(Experiment parent, String dataPath, Integer epochs, Double learningRate) {
        DataSpec d = parent.data();
        DataSpec data = d.withPath(dataPath);
        if (!dataPath.equals(d.path())) {
            // The delimiter and header of the parent's file may not fit the new one: detect them again.
            data = new DataSpec(dataPath, null, null, d.target(), d.task(), d.columns(), d.split(), d.scaleTarget(),
                    d.invalidNumbers(), d.classWeights(), d.ratios(), d.targetTransform(), d.rotations());
        }
        TrainingSpec t = parent.training();
        if (epochs != null) {
            t = t.withEpochs(epochs);
        }
        if (learningRate != null) {
            t = t.withOptimizer(t.optimizer().withLearningRate(learningRate));
        }
        return parent.withData(data).withTraining(t);
    }

    // ------------------------------------------------------------------ running

    /**
     * Trains and writes the run's files. {@code control} pauses or stops it between steps (a stopped run is written
     * as {@code CANCELLED} and can be resumed); listeners hear this job's epochs only (see {@link #previousHistory()}).
     */
    public TrainingResult run(RunControl control, List<TrainingListener> listeners) throws IOException {
        return run(control, listeners, new NetworkHealth());
    }

    /**
     * As {@link #run(RunControl, List)}, sampling the network's health with {@code health} (its listeners hear the
     * samples and warnings): written to diagnostics.csv and into the model bundle. Null: no health sampling.
     */
    public TrainingResult run(RunControl control, List<TrainingListener> listeners, NetworkHealth health) throws IOException {
        Files.createDirectories(runDir);
        try (FolderLock lock = FolderLock.acquire(runDir, "run folder"); RunMarker marker = RunMarker.claim(runDir)) {
            Path checkpoints = runDir.resolve(Workspace.CHECKPOINTS);
            // Temporary files a killed process left mid-write (a checkpoint, a run file): nobody else writes here now.
            removeStaleTemporaries(checkpoints);
            removeStaleTemporaries(runDir);
            Trainer trainer = new Trainer(control, checkpoints);
            listeners.forEach(trainer::addListener);
            if (health != null) {
                health.attachTo(trainer);
            }
            TrainingResult result;
            switch (kind) {
                case RESUME -> result = trainer.resume(experiment.network(), experiment.training(), data);
                case FINE_TUNE -> {
                    if (keptPreprocessing != null) {
                        AtomicFiles.writeString(checkpoints.resolve(PREPROCESSING), keptPreprocessing.toJson());
                    }
                    ExperimentJson.write(runDir.resolve(Workspace.EXPERIMENT_FILE), experiment);
                    result = trainer.fit(network, experiment.training(), data, state);
                }
                default -> {
                    // Written first, with the run's state in every checkpoint, so that the run can be resumed.
                    ExperimentJson.write(runDir.resolve(Workspace.EXPERIMENT_FILE), experiment);
                    TrainableNetwork net = Trainer.buildNetwork(experiment.network(), Trainer.shapeOf(data),
                            experiment.training());
                    result = trainer.fit(net, experiment.training(), data, state);
                }
            }
            String diagnostics = health == null ? null : health.csv();
            if (diagnostics != null) {
                AtomicFiles.writeString(runDir.resolve(NetworkHealth.FILE), diagnostics);
            }
            RunWriter.write(runDir, experiment, data, result, experiment.data().path(), startedAt, state.parentModel(),
                    state.parentDataSha256(), diagnostics);
            return result;
        }
    }

    public Kind kind() {
        return kind;
    }

    public Path runDir() {
        return runDir;
    }

    public Experiment experiment() {
        return experiment;
    }

    public PreparedData data() {
        return data;
    }

    /** The epochs the run already has (a resumed run's history up to its checkpoint; empty otherwise). */
    public List<EpochRecord> previousHistory() {
        return kind == Kind.RESUME ? state.history() : List.of();
    }

    /** The network's epoch count before this job's first epoch: this job's epochs are numbered from here on. */
    public int firstEpoch() {
        return firstEpoch;
    }

    /** The epochs this job trains at most (fewer when early stopping ends it). */
    public int epochsToTrain() {
        return kind == Kind.RESUME ? experiment.training().epochs() - state.history().size() : experiment.training().epochs();
    }

    /** For a fine-tune (or a resumed one): the bundle it started from; null otherwise. */
    public String parentModel() {
        return state.parentModel();
    }

    // ------------------------------------------------------------------ helpers

    /** The experiment's data path is looked up beside the experiment file first, then in the current folder. */
    public static Path dataBaseDir(Path experimentFile, String dataPath) {
        Path beside = experimentFile.toAbsolutePath().getParent();
        if (dataPath != null && !Path.of(dataPath).isAbsolute() && beside != null && !Files.exists(beside.resolve(dataPath))) {
            return Path.of("").toAbsolutePath();
        }
        return beside;
    }

    private static Path absolute(String dataPath, Path baseDir) {
        Path path = Path.of(dataPath);
        return (path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path)).toAbsolutePath().normalize();
    }

    /** Temporary siblings a killed process left behind ({@link AtomicFiles} names them ".NAME-*.tmp"). */
    private static void removeStaleTemporaries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(".")
                    && p.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** The same other target columns, with the same tasks and classes (their scalers may differ). */
    private static boolean sameTargets(FittedPreprocessing a, FittedPreprocessing b) {
        if (a.outputTargets().size() != b.outputTargets().size()) {
            return false;
        }
        for (int i = 0; i < a.outputTargets().size(); i++) {
            var x = a.outputTargets().get(i);
            var y = b.outputTargets().get(i);
            if (!x.column().equals(y.column()) || x.task() != y.task() || !x.classes().equals(y.classes())) {
                return false;
            }
        }
        return true;
    }
}
