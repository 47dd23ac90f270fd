package dev.layerlab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files through a temporary sibling and a rename, so that a crash or a full disk never leaves a
 * half-written file where a good one was.
 */
public final class AtomicFiles {
    /** Writes the content of a file given its (temporary) path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + "-", ".tmp");
        try {
            writer.writeTo(temp);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // A full disk surfaces as a bare "No space left on device": say which file could not be written.
            if (e instanceof java.nio.file.FileSystemException || String.valueOf(e.getMessage()).contains(absolute.toString())) {
                throw e;
            }
            throw new IOException("cannot write " + absolute + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static void writeString(Path target, String content) throws IOException {
        write(target, temp -> Files.writeString(temp, content, StandardCharsets.UTF_8));
    }

    public static void writeBytes(Path target, byte[] content) throws IOException {
        write(target, temp -> Files.write(temp, content));
    }
}
