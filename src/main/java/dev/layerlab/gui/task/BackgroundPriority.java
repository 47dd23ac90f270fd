package dev.layerlab.gui.task;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the OS scheduling priority of the calling thread, for the workbench's compute threads (training,
 * tuning). On a 2-core machine the trainer keeps one core busy while ND4J's deallocators and the collector
 * share the other with the FX and render threads; at equal priority the FX thread now and then waited a
 * scheduler slice for a core, and a pulse came 50-70 ms after the last. A niced trainer still gets every
 * idle cycle: the priority only decides who runs first when both want the same core.
 *
 * <p>Java's own {@link Thread#setPriority} does nothing on Linux unless the JVM runs with
 * {@code -XX:ThreadPriorityPolicy=1}, which prints a permission warning for every user but root; so this
 * calls {@code setpriority(2)} on the thread's id through JNA. Threads the niced thread starts inherit its
 * nice value: the tuning pool's workers, and ND4J's deallocator threads when the first training starts ND4J.
 * Linux only; elsewhere, or if the call fails, nothing changes.
 */
public final class BackgroundPriority {
    /** Nice value for compute threads: the window's threads (nice 0) get about nine times their share. */
    public static final int NICE = 10;
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundPriority.class);
    private static final int PRIO_PROCESS = 0;

    private BackgroundPriority() {
    }

    private interface LibC extends Library {
        int setpriority(int which, int who, int prio);
    }

    private static volatile LibC libc;
    private static volatile boolean unavailable;

    /** Nices the calling thread; true if it now runs at {@link #NICE} or lower priority. */
    public static boolean lowerCurrentThread() {
        if (unavailable || !System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return false;
        }
        try {
            if (currentNice() >= NICE) {
                return true; // already niced as much (say, the whole workbench was started with nice)
            }
            int tid = currentThreadId();
            if (libc == null) {
                libc = (LibC) Native.loadLibrary("c", LibC.class);
            }
            if (libc.setpriority(PRIO_PROCESS, tid, NICE) != 0) {
                LOG.debug("setpriority failed for thread {}", tid);
                return false;
            }
            return true;
        } catch (Exception | LinkageError e) {
            unavailable = true;
            LOG.debug("Cannot lower the priority of compute threads: {}", e.toString());
            return false;
        }
    }

    /** The kernel's id of the calling thread: /proc/thread-self links to "{pid}/task/{tid}". */
    static int currentThreadId() throws java.io.IOException {
        Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
        return Integer.parseInt(link.getFileName().toString());
    }

    /** The nice value of the calling thread, from /proc (field 19 of its stat line). */
    static int currentNice() throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }
}
