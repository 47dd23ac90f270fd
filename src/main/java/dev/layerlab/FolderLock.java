package dev.layerlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a run or study folder, held while one process writes it: a second process (or a second
 * job in this one) is refused with a message naming the holder's process id. The operating system's file lock
 * on {@code .layerlab.lock} does the excluding, so a lock left by a killed process is released with the process;
 * the file then still names the dead process, which the next holder reports as stale and overwrites.
 */
public final class FolderLock implements AutoCloseable {
    public static final String FILE = ".layerlab.lock";
    /** Folders locked by this process (an OS file lock is per process: it cannot tell two jobs of one JVM apart). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;
    private final String staleHolder;

    private FolderLock(Path folder, FileChannel channel, FileLock lock, String staleHolder) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
        this.staleHolder = staleHolder;
    }

    /**
     * Locks {@code folder} (created if missing) for this process.
     *
     * @param what what the folder is, for the message ("run folder", "study folder")
     * @throws InvalidInputException naming the process that holds it
     */
    public static FolderLock acquire(Path folder, String what) {
        Path key = folder.toAbsolutePath().normalize();
        if (!HELD.add(key)) {
            throw new InvalidInputException(what + " " + folder + " is in use by another job of this LayerLab process (pid "
                    + ProcessHandle.current().pid() + "): wait for it to end");
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(folder.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            String previous = read(channel);
            if (lock == null) {
                channel.close();
                HELD.remove(key);
                throw new InvalidInputException(what + " " + folder + " is in use by another LayerLab process ("
                        + describe(previous) + "): wait for it to end, or stop it");
            }
            String stale = previous.isBlank() ? null : describe(previous);
            if (stale != null) {
                org.slf4j.LoggerFactory.getLogger(FolderLock.class).info("Taking over {} {}: its lock was left by {}", what, folder, stale);
            }
            ProcessHandle self = ProcessHandle.current();
            String record = "{\"pid\": " + self.pid() + ", \"processStarted\": \""
                    + self.info().startInstant().map(Instant::toString).orElse("") + "\", \"lockedAt\": \"" + Instant.now() + "\"}\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(record.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new FolderLock(folder, channel, lock, stale);
        } catch (IOException e) {
            HELD.remove(key);
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + what + " " + folder + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            HELD.remove(key);
            closeQuietly(channel);
            throw e;
        }
    }

    /** The process a lock file names, and whether it is still alive, e.g. "pid 1234". */
    private static String describe(String record) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"pid\"\\s*:\\s*(\\d+)").matcher(record);
        if (!m.find()) {
            return "process id unknown";
        }
        long pid = Long.parseLong(m.group(1));
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return "pid " + pid + (process.isPresent() && process.get().isAlive() ? "" : ", which has ended");
    }

    private static String read(FileChannel channel) throws IOException {
        long size = Math.min(channel.size(), 4096);
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    /** The folder's previous holder when it left the lock file behind (killed), e.g. "pid 1234, which has ended"; else null. */
    public String staleHolder() {
        return staleHolder;
    }

    public Path folder() {
        return folder;
    }

    /** Releases the lock; the file stays (deleting it would let two processes lock two different files). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                channel.truncate(0);
                lock.release();
            }
        } catch (IOException ignored) {
            // the lock goes with the channel
        } finally {
            closeQuietly(channel);
            HELD.remove(folder.toAbsolutePath().normalize());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to release
            }
        }
    }
}
