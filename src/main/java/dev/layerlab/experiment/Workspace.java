package dev.layerlab.experiment;

import dev.layerlab.InvalidInputException;
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
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path root;

    public Workspace(Path root) {
        this.root = root;
    }

    /** The default workspace: ~/.layerlab/workspace, or -Dlayerlab.workspace. */
    public static Workspace defaultWorkspace() {
        String configured = System.getProperty("layerlab.workspace");
        return new Workspace(configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".layerlab", "workspace"));
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

    /** Every readable run, newest first; folders without a readable run.json are skipped. */
    public List<Run> runs() {
        List<Run> runs = new ArrayList<>();
        if (!Files.isDirectory(runsDir())) {
            return runs;
        }
        try (Stream<Path> dirs = Files.list(runsDir())) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Path file = dir.resolve(RUN_FILE);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    runs.add(new Run(dir, ExperimentJson.MAPPER.readValue(file.toFile(), RunSummary.class)));
                } catch (IOException e) {
                    LOG.warn("Skipping unreadable run {}: {}", dir, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runs.sort(Comparator.comparing((Run r) -> r.summary().startedAt() == null ? "" : r.summary().startedAt()).reversed());
        return runs;
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

    /** A run folder and its summary. */
    public record Run(Path dir, RunSummary summary) {
        public Path experimentFile() {
            return dir.resolve(EXPERIMENT_FILE);
        }

        public Path historyFile() {
            return dir.resolve(HISTORY_FILE);
        }

        public Path modelFile() {
            return dir.resolve(MODEL_FILE);
        }
    }
}
