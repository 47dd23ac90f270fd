package dev.layerlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskNamesTheFileAndLeavesNeitherTheTargetNorATemporary() throws IOException {
        Path target = dir.resolve("metrics.json");
        assertThatThrownBy(() -> AtomicFiles.write(target, temp -> {
            Files.writeString(temp, "{\"partial\":");
            throw new IOException("No space left on device"); // what FileOutputStream.write reports
        })).isInstanceOf(IOException.class)
                .hasMessage("cannot write " + target.toAbsolutePath() + ": No space left on device");

        assertThat(Files.exists(target)).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
    }
}
