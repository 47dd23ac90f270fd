package dev.layerlab;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The process-wide settings LayerLab reads from the system, read once when first asked for: system property
 * {@code layerlab.<name>}, else environment variable {@code LAYERLAB_<NAME_IN_SNAKE_CASE>}, else the default.
 * The native engine's switches follow the same rules ({@code training.nd4j.Nd4jPatchOptions}).
 *
 * @param home            {@code layerlab.home}: the installation folder (the launcher sets it; icons and the sample
 *                        data are found there); default the working directory
 * @param workspace       {@code layerlab.workspace}: where the workbench keeps runs; default ~/.layerlab/workspace
 * @param prefetchEpochs  {@code layerlab.prefetchEpochs}: gather the next epoch's batches while this one trains
 *                        (default on; off only for A/B measurements)
 * @param lowerJvmThreads {@code layerlab.lowerJvmThreads}: nice the JVM's helper threads (GC, compiler) with the
 *                        training thread (default on; off only for A/B measurements)
 */
public record RuntimeOptions(Path home, Path workspace, boolean prefetchEpochs, boolean lowerJvmThreads) {
    private static volatile RuntimeOptions current;

    /** The options of this process, read from the system once. */
    public static RuntimeOptions current() {
        RuntimeOptions o = current;
        if (o == null) {
            synchronized (RuntimeOptions.class) {
                if (current == null) {
                    current = fromSystem();
                }
                o = current;
            }
        }
        return o;
    }

    static RuntimeOptions fromSystem() {
        String home = setting("home");
        String workspace = setting("workspace");
        return new RuntimeOptions(Path.of(home != null ? home : "."),
                workspace != null ? Path.of(workspace) : Path.of(System.getProperty("user.home"), ".layerlab", "workspace"),
                on("prefetchEpochs"), on("lowerJvmThreads"));
    }

    /** A switch that is on unless set to {@code false}. */
    public static boolean on(String name) {
        String v = setting(name);
        return v == null || !v.trim().equalsIgnoreCase("false");
    }

    /** {@code layerlab.<name>}, else {@code LAYERLAB_<NAME_IN_SNAKE_CASE>}, else null. */
    public static String setting(String name) {
        String v = System.getProperty("layerlab." + name);
        return v != null ? v : System.getenv(environmentName(name));
    }

    public static String environmentName(String name) {
        return "LAYERLAB_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
