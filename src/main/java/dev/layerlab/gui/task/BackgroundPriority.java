package dev.layerlab.gui.task;

import dev.layerlab.RuntimeOptions;
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
 * scheduler slice for a core and the window stuttered (decision record 0009 has the measurements). A niced trainer still gets every
 * idle cycle: the priority only decides who runs first when both want the same core.
 *
 * <p>Java's own {@link Thread#setPriority} does nothing on Linux unless the JVM runs with
 * {@code -XX:ThreadPriorityPolicy=1}, which prints a permission warning for every user but root; so this
 * calls {@code setpriority(2)} on the thread's id through JNA. Threads the niced thread starts inherit its
 * nice value: the tuning pool's workers, and ND4J's deallocator threads when the first training starts ND4J.
 * Linux only; elsewhere, or if the call fails, nothing changes.
 *
 * <p>The JVM's own background threads (JIT compilers, the collector's concurrent workers) start at nice 0 like
 * the FX thread. While training they kept busy on both cores (the JIT still compiles DL4J's and the charts' code
 * for tens of seconds; ZGC collects the trainer's garbage) and a scheduler trace showed them preempting the FX
 * thread often enough to delay its pulses (decision record 0009). {@link #lowerComputeThreads}
 * nices them too: they still get every cycle the window does not want. The VM thread, which runs the
 * stop-the-world pauses that stop the FX thread as well, and the collector's pause workers keep their priority.
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

    /**
     * The JVM's background threads by their OS name (Java 17, Linux; truncated to 15 characters): JIT compilers,
     * the code-cache sweeper, the periodic task, the reference handler (it queues the weak references of freed ND4J
     * arrays for the deallocator, in bursts of several milliseconds after each collection) and the concurrent
     * collector threads of ZGC (the workbench's collector) and G1. Not the VM thread or the workers of collector pauses ("RuntimeWorker", "GC Thread").
     */
    static final java.util.function.Predicate<String> JVM_HELPER = java.util.regex.Pattern.compile(
            "C[12] CompilerThre.*|Sweeper thread|VM Periodic Tas|Reference Handl|ZWorker#\\d+|ZDirector|ZDriver|ZStat|ZUnmapper|ZUncommitter"
                    + "|G1 Conc#\\d+|G1 Refine#\\d+|G1 Service").asMatchPredicate();

    /**
     * For a thread about to train or tune: nices it ({@link #lowerCurrentThread}) and the JVM's background threads
     * ({@link #JVM_HELPER}), so that the window's threads run first whenever they want a core.
     */
    public static void lowerComputeThreads() {
        lowerCurrentThread();
        if (RuntimeOptions.current().lowerJvmThreads()) {
            lowerThreadsNamed(JVM_HELPER);
        }
    }

    /** Nices every thread of this process whose OS name matches; returns how many now run at {@link #NICE} or lower. */
    static int lowerThreadsNamed(java.util.function.Predicate<String> name) {
        if (!linux()) {
            return 0;
        }
        int lowered = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (name.test(Files.readString(task.resolve("comm")).strip()) && lower(task)) {
                        lowered++;
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("Cannot list this process's threads: {}", e.toString());
        }
        return lowered;
    }

    private static boolean lower(Path task) throws java.io.IOException {
        if (niceOf(task) >= NICE) {
            return true;
        }
        return setNice(Integer.parseInt(task.getFileName().toString()));
    }

    /** Nices the calling thread; true if it now runs at {@link #NICE} or lower priority. */
    public static boolean lowerCurrentThread() {
        if (!linux()) {
            return false;
        }
        try {
            if (currentNice() >= NICE) {
                return true; // already niced as much (say, the whole workbench was started with nice)
            }
            return setNice(currentThreadId());
        } catch (Exception e) {
            LOG.debug("Cannot lower the priority of compute threads: {}", e.toString());
            return false;
        }
    }

    private static boolean linux() {
        return !unavailable && System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }

    private static boolean setNice(int tid) {
        try {
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
        return niceOf(Path.of("/proc/thread-self"));
    }

    /** The nice value of the thread whose /proc folder is {@code task}. */
    static int niceOf(Path task) throws java.io.IOException {
        String stat = Files.readString(task.resolve("stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }
}
