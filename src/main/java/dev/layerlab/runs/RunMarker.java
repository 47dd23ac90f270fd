package dev.layerlab.runs;

import dev.layerlab.AtomicFiles;
import dev.layerlab.experiment.ExperimentJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Marks a run folder as being trained by a live process ({@code running.json}: the process id and its start
 * time), so that a list of runs can tell a run in progress (in this or another window, or a terminal) from one
 * whose process died, and so that nobody resumes a run that is still training. The marker is removed when
 * training ends; a marker left by a killed process names a process that no longer exists.
 */
public final class RunMarker implements AutoCloseable {
    public static final String FILE = "running.json";

    private final Path file;

    private RunMarker(Path file) {
        this.file = file;
    }

    /** Writes the marker for this process; close it when training ends. */
    public static RunMarker claim(Path runDir) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        String started = self.info().startInstant().map(Instant::toString).orElse("");
        Path file = runDir.resolve(FILE);
        AtomicFiles.writeString(file, "{\"pid\": " + self.pid() + ", \"processStarted\": \"" + started + "\"}\n");
        return new RunMarker(file);
    }

    /** Whether a live process says it is training the run in {@code runDir}. */
    public static boolean isLive(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            var node = ExperimentJson.MAPPER.readTree(file.toFile());
            long pid = node.path("pid").asLong(-1);
            String started = node.path("processStarted").asText("");
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive()) {
                return false;
            }
            // A reused process id belongs to a process that started later.
            String actual = process.get().info().startInstant().map(Instant::toString).orElse("");
            return started.isEmpty() || actual.isEmpty() || started.equals(actual);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale marker names a dead process: harmless
        }
    }
}
