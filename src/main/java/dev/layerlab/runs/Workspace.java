package dev.layerlab.runs;

import dev.layerlab.RuntimeOptions;
import dev.layerlab.InvalidInputException;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder where runs are kept, one sub-folder per run holding run.json, experiment.json, history.csv,
 * metrics.json and model.zip.
 */
public final class Workspace {
    private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);
    public static final String RUN_FILE = "run.json";
    public static final String EXPERIMENT_FILE = "experiment.json";
    public static final String HISTORY_FILE = "history.csv";
    public static final String METRICS_FILE = "metrics.json";
    public static final String MODEL_FILE = "model.zip";
    /** The folder of a run's checkpoints (last.zip, best.zip, state.json). */
    public static final String CHECKPOINTS = "checkpoints";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path root;

    public Workspace(Path root) {
        this.root = root;
    }

    /** The default workspace: ~/.layerlab/workspace, or -Dlayerlab.workspace. */
    public static Workspace defaultWorkspace() {
        return new Workspace(RuntimeOptions.current().workspace());
    }

    public Path root() {
        return root;
    }

    public Path runsDir() {
        return root.resolve("runs");
    }

    /** A new, empty, uniquely named folder for a run. */
    public Path newRunDir(String experimentName) {
        String base = STAMP.format(LocalDateTime.now()) + "-" + experimentName.replaceAll("[^A-Za-z0-9._-]+", "-");
        try {
            Files.createDirectories(runsDir());
            for (int i = 0; ; i++) {
                Path dir = runsDir().resolve(i == 0 ? base : base + "-" + i);
                try {
                    return Files.createDirectory(dir);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // another run started the same second: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run folder in " + runsDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every readable run, newest first. A folder with run.json is a run that ended; one with only experiment.json
     * (and maybe checkpoints) is a run still training ({@link RunSummary#RUNNING}) or one whose process died
     * ({@link RunSummary#INTERRUPTED}). Folders with neither, or unreadable files, are skipped.
     */
    public List<Run> runs() {
        List<Run> runs = new ArrayList<>();
        if (!Files.isDirectory(runsDir())) {
            return runs;
        }
        try (Stream<Path> dirs = Files.list(runsDir())) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Run run = read(dir);
                if (run != null) {
                    runs.add(run);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runs.sort(Comparator.comparing((Run r) -> r.summary().startedAt() == null ? "" : r.summary().startedAt()).reversed());
        return runs;
    }

    /** The run in {@code dir} (see {@link #runs()}), or null when the folder holds no readable run. */
    public static Run read(Path dir) {
        Path file = dir.resolve(RUN_FILE);
        boolean live = RunMarker.isLive(dir);
        boolean checkpoint = Files.isRegularFile(dir.resolve(CHECKPOINTS).resolve(dev.layerlab.training.Checkpoints.LAST));
        boolean model = Files.isRegularFile(dir.resolve(MODEL_FILE));
        try {
            if (Files.isRegularFile(file)) {
                RunSummary summary = ExperimentJson.MAPPER.readValue(file.toFile(), RunSummary.class);
                return new Run(dir, live ? summary.withStatus(RunSummary.RUNNING) : summary, checkpoint, model);
            }
            if (Files.isRegularFile(dir.resolve(EXPERIMENT_FILE))) {
                return new Run(dir, unfinished(dir, live), checkpoint, model);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Skipping unreadable run {}: {}", dir, e.getMessage());
        }
        return null;
    }

    /** What the experiment and the last checkpoint's state say about a run that has not written run.json. */
    private static RunSummary unfinished(Path dir, boolean live) throws IOException {
        Experiment experiment = ExperimentJson.read(dir.resolve(EXPERIMENT_FILE));
        Path stateFile = dir.resolve(CHECKPOINTS).resolve(dev.layerlab.training.TrainingState.FILE);
        dev.layerlab.training.TrainingState state = Files.isRegularFile(stateFile)
                ? dev.layerlab.training.TrainingState.fromJson(Files.readString(stateFile), stateFile.toString()) : null;
        String status = live ? RunSummary.RUNNING : RunSummary.INTERRUPTED;
        if (state == null) {
            String message = live ? "Training: no epoch has finished yet."
                    : "The run ended before its first epoch finished: there is nothing to resume.";
            return new RunSummary(dir.getFileName().toString(), experiment.name(), null, status, message, null, 0, 0, 0,
                    0, null, java.util.Map.of(), null);
        }
        List<dev.layerlab.training.EpochRecord> history = state.history();
        java.util.Map<String, java.util.Map<String, Double>> metrics = new java.util.LinkedHashMap<>();
        String task = state.task() == null ? null : state.task().name().toLowerCase(java.util.Locale.ROOT);
        double seconds = 0;
        if (!history.isEmpty()) {
            dev.layerlab.training.EpochRecord last = history.get(history.size() - 1);
            metrics.put("train", last.trainMetrics());
            if (!last.valMetrics().isEmpty()) {
                metrics.put("validation", last.valMetrics());
            }
            seconds = last.elapsedMillis() / 1000.0;
        }
        String message = live ? "Training: epoch " + state.epoch() + " of " + experiment.training().epochs() + " done."
                : "Interrupted after epoch " + state.epoch() + " of " + experiment.training().epochs()
                        + ": resume it from its last checkpoint.";
        return new RunSummary(dir.getFileName().toString(), experiment.name(), task, status, message, state.startedAt(),
                seconds, history.size(), state.bestEpoch(), 0,
                state.task() == null ? null : dev.layerlab.training.Metrics.headline(state.task()), metrics,
                state.parentModel());
    }

    /** Deletes a run's folder; refuses anything outside this workspace. */
    public void delete(Run run) {
        Path dir = run.dir().toAbsolutePath().normalize();
        if (!dir.startsWith(runsDir().toAbsolutePath().normalize()) || dir.equals(runsDir().toAbsolutePath().normalize())) {
            throw new InvalidInputException("refusing to delete " + dir + ": it is not a run of this workspace");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A run folder and its summary.
     *
     * @param hasCheckpoint whether {@code checkpoints/last.zip} exists (the run can continue from it)
     * @param hasModel      whether {@code model.zip} exists
     */
    public record Run(Path dir, RunSummary summary, boolean hasCheckpoint, boolean hasModel) {
        /** A run as its folder holds it now (looks at the files). */
        public Run(Path dir, RunSummary summary) {
            this(dir, summary, Files.isRegularFile(dir.resolve(CHECKPOINTS).resolve(dev.layerlab.training.Checkpoints.LAST)),
                    Files.isRegularFile(dir.resolve(MODEL_FILE)));
        }

        public Path experimentFile() {
            return dir.resolve(EXPERIMENT_FILE);
        }

        public Path historyFile() {
            return dir.resolve(HISTORY_FILE);
        }

        public Path modelFile() {
            return dir.resolve(MODEL_FILE);
        }

        public Path checkpointsDir() {
            return dir.resolve(CHECKPOINTS);
        }

        /** Stopped by the user or interrupted, with a checkpoint to continue from. */
        public boolean resumable() {
            String status = summary.status();
            return hasCheckpoint && (RunSummary.CANCELLED.equals(status) || RunSummary.INTERRUPTED.equals(status));
        }

        /** Ended with a model bundle that can be trained further on new data. */
        public boolean fineTunable() {
            return hasModel && !RunSummary.RUNNING.equals(summary.status()) && !RunSummary.INTERRUPTED.equals(summary.status());
        }
    }
}
