package dev.layerlab.training.nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process-wide tuning of the native engine (ND4J/libnd4j, OpenMP, OpenBLAS, JavaCPP) for the small dense
 * networks LayerLab trains, where a step is a few dozen tiny kernels and the cost is all around them.
 *
 * <ol>
 *   <li>{@link #selectBinary()} (before ND4J loads): picks the CPU-specific libnd4j build this CPU can run.
 *       With the {@code -avx2} and {@code -avx512} nd4j-native jars on the class path, JavaCPP loads the most
 *       specific one present, whatever the CPU (an AVX-512 build on an AVX2-only CPU dies on an illegal
 *       instruction). Setting {@code org.bytedeco.javacpp.platform.extension} to {@code -avx512}, {@code -avx2}
 *       or {@code ""} (the generic build) makes it load exactly that one. An explicit setting (system
 *       property, or {@code LAYERLAB_NATIVE=generic|avx2|avx512}) wins over detection.</li>
 *   <li>{@link #selectBinary()} also switches JavaCPP's physical-memory check off (it re-reads
 *       {@code /proc/self/statm} on every native allocation) unless the launcher already set it.</li>
 *   <li>{@link #init()} (once, at engine start-up): one native thread for libnd4j's parallel sections, OpenMP
 *       and OpenBLAS (splitting a 32x64 matrix product between two threads costs more in spin-waiting than it
 *       saves), and ND4J's periodic {@code System.gc()} off (off-heap memory is still freed when the JVM
 *       collects the arrays; workspaces keep the per-step arrays off the heap anyway).</li>
 *   <li>{@link #init()} also installs the replacements of ND4J's internals through {@link Nd4jPatches}
 *       (docs/decisions), as {@link Nd4jPatchOptions} say.</li>
 * </ol>
 * {@code -Dlayerlab.nativeTuning=false} keeps ND4J's defaults (the bench's reference runs this way, in a child JVM).
 */
public final class NativeRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(NativeRuntime.class);
    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    private static volatile boolean initialised;
    private static volatile String binaryChoice = "not selected";

    private NativeRuntime() {
    }

    /**
     * Chooses the libnd4j build for this CPU and turns JavaCPP's memory checks off. Only effective before the
     * first ND4J class loads: {@code Main} calls it first thing. Idempotent.
     */
    public static synchronized void selectBinary() {
        if (!tuningEnabled()) {
            binaryChoice = "ND4J default (tuning off)";
            return;
        }
        setIfAbsent("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        setIfAbsent("org.bytedeco.javacpp.maxBytes", "0");
        String explicit = System.getProperty(EXTENSION_PROPERTY);
        if (explicit != null) {
            binaryChoice = "set by " + EXTENSION_PROPERTY + "=" + explicit;
            return;
        }
        String requested = dev.layerlab.RuntimeOptions.setting("native"); // -Dlayerlab.native or LAYERLAB_NATIVE
        String extension = requested != null && !requested.isBlank() && !requested.equalsIgnoreCase("auto")
                ? extensionFor(requested)
                : extensionFor(cpuFlags());
        System.setProperty(EXTENSION_PROPERTY, extension);
        binaryChoice = extension.isEmpty() ? "generic" : extension.substring(1);
    }

    /** "-avx512", "-avx2" or "" (generic) for a LAYERLAB_NATIVE value. */
    static String extensionFor(String requested) {
        return switch (requested.trim().toLowerCase(Locale.ROOT)) {
            case "avx512", "-avx512" -> "-avx512";
            case "avx2", "-avx2" -> "-avx2";
            default -> "";
        };
    }

    /**
     * The most specific build these CPU flags can run. The libnd4j builds are compiled with
     * {@code -mavx512f -mavx512bw -mavx512dq -mavx512vl -mavx512cd} and {@code -mavx2 -mfma} respectively.
     */
    static String extensionFor(Set<String> flags) {
        if (flags.containsAll(Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd", "avx2", "fma"))) {
            return "-avx512";
        }
        if (flags.containsAll(Set.of("avx2", "fma"))) {
            return "-avx2";
        }
        return "";
    }

    /** The CPU feature flags from /proc/cpuinfo (empty when unknown: the generic build is then used). */
    static Set<String> cpuFlags() {
        Set<String> flags = new TreeSet<>();
        String arch = System.getProperty("os.arch", "");
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return flags;
        }
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            lines.filter(l -> l.startsWith("flags")).findFirst().ifPresent(l -> {
                for (String f : l.substring(l.indexOf(':') + 1).trim().split("\\s+")) {
                    flags.add(f);
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not read CPU flags, using the generic native build: {}", e.toString());
        }
        return flags;
    }

    /** Applies the thread and GC settings once; safe to call from every entry point. */
    public static void init() {
        if (initialised) {
            return;
        }
        synchronized (NativeRuntime.class) {
            if (initialised) {
                return;
            }
            initialised = true;
            if (!tuningEnabled()) {
                LOG.info("Native tuning off: ND4J defaults");
                return;
            }
            Nd4jPatchOptions options = Nd4jPatchOptions.current();
            int threads = options.nativeThreads();
            try {
                Nd4j.getEnvironment().setMaxThreads(threads);
                Nd4j.getEnvironment().setMaxMasterThreads(threads);
                NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
                Nd4j.factory().blas().setMaxThreads(threads);
                Nd4j.getMemoryManager().togglePeriodicGc(false);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Could not set the native engine's threads, keeping its defaults", e);
            }
            Nd4jPatches.Installed patches = Nd4jPatches.install(options);
            LOG.info("Native engine: {} (binary {}), {} native thread(s), periodic GC off; ND4J patches: {}",
                    describeBinary(), binaryChoice, threads, patches);
        }
    }

    /**
     * Frees the calling thread's ND4J workspaces (their off-heap blocks are released right here).
     * {@code destroyAllWorkspacesForCurrentThread()} does the same and then calls {@code System.gc()}: a full,
     * stop-the-world collection (15-100 ms) that froze every other trial of a parallel study at each trial's end.
     */
    public static void releaseThreadWorkspaces() {
        var manager = Nd4j.getWorkspaceManager();
        for (var workspace : List.copyOf(manager.getAllWorkspacesForCurrentThread())) {
            manager.destroyWorkspace(workspace);
        }
    }

    public static boolean tuningEnabled() {
        return Nd4jPatchOptions.current().nativeTuning();
    }

    /** "Binary level AVX512 optimization level AVX512", as ND4J's own start-up line says it. */
    public static String describeBinary() {
        try {
            NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
            return "Binary level " + levelName(ops.binaryLevel()) + " optimization level " + levelName(ops.optimalLevel());
        } catch (RuntimeException | LinkageError e) {
            return "unknown (" + e + ")";
        }
    }

    /** How the binary was chosen: "avx512", "generic", "set by ...". */
    public static String binaryChoice() {
        return binaryChoice;
    }

    private static String levelName(int level) {
        return switch (level) {
            case 3 -> "AVX512";
            case 2 -> "AVX/AVX2";
            default -> "Generic x86";
        };
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
