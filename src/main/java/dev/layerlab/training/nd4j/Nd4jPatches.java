package dev.layerlab.training.nd4j;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way LayerLab's replacements of ND4J/DL4J internals are installed (why: docs/decisions/0001-0007).
 * Each replacement mirrors upstream code of one version, {@value #WRITTEN_FOR}, and reaches ND4J's fields by
 * name; so they are installed only when ND4J and DL4J report that version at run time. On any other version,
 * or when a switch in {@link Nd4jPatchOptions} is off, ND4J's own objects stay, and the log says which and why.
 */
public final class Nd4jPatches {
    /** The ND4J/DL4J version every patch here was written against. */
    public static final String WRITTEN_FOR = "1.0.0-M2.1";
    private static final Logger LOG = LoggerFactory.getLogger(Nd4jPatches.class);
    private static final List<String> ARTIFACTS = List.of("nd4j-api", "nd4j-native", "deeplearning4j-nn");
    private static volatile Installed installed = Installed.NONE;
    private static volatile Boolean versionMatches;

    private Nd4jPatches() {
    }

    /** Which patches are in place in this process. */
    public record Installed(boolean shapeInfoCache, boolean tadCache, boolean leanDeallocator,
                            boolean reuseOpContexts, boolean leanGemm, boolean directUpdater) {
        static final Installed NONE = new Installed(false, false, false, false, false, false);

        @Override
        public String toString() {
            return "shape-info cache " + onOff(shapeInfoCache) + ", TAD cache " + onOff(tadCache)
                    + ", lean deallocator " + onOff(leanDeallocator) + ", reused op contexts " + onOff(reuseOpContexts)
                    + ", lean gemv " + onOff(leanGemm) + ", direct updaters " + onOff(directUpdater);
        }

        private static String onOff(boolean on) {
            return on ? "on" : "off";
        }
    }

    /**
     * Installs the process-wide patches that {@code options} ask for, once ND4J is loaded
     * ({@link NativeRuntime#init()} calls this). Idempotent for a given set of options.
     */
    static synchronized Installed install(Nd4jPatchOptions options) {
        if (!options.anyPatch()) {
            LOG.info("ND4J patches: all off by option; ND4J's own internals in use");
            return installed = Installed.NONE;
        }
        Optional<String> mismatch = versionMismatch();
        if (mismatch.isPresent()) {
            LOG.warn("ND4J patches not installed: they were written for ND4J/DL4J {} and this process has {}; "
                    + "ND4J's own internals in use", WRITTEN_FOR, mismatch.get());
            return installed = Installed.NONE;
        }
        // The op-context executioner first: the TAD cache goes into the executioner it leaves in place.
        boolean reuse = options.reuseOpContexts() && attempt("reused op contexts", ReusableOpContexts::install);
        boolean shape = options.shapeInfoCache() && attempt("shape-info cache", CachedShapeInfoProvider::install);
        boolean tad = options.tadCache() && attempt("TAD cache", CachedTadManager::install);
        boolean dealloc = options.leanDeallocator() && attempt("lean deallocator", LeanDeallocatorService::install);
        boolean gemm = options.leanGemm() && attempt("lean gemv", LeanLevel2::install);
        installed = new Installed(shape, tad, dealloc, reuse, gemm, options.directUpdater());
        return installed;
    }

    /** Puts the direct updaters on a network about to be fitted, when the options and the version allow it. */
    public static void prepareNetwork(Model network, boolean directUpdater) {
        if (directUpdater && versionMismatch().isEmpty()) {
            DirectUpdaters.install(network);
        }
    }

    /** Whether the network's updater is LayerLab's direct one. */
    public static boolean hasDirectUpdater(Model network) {
        return DirectUpdaters.installed(network);
    }

    /** The patches in place in this process. */
    public static Installed installed() {
        return installed;
    }

    /**
     * Empty when ND4J and DL4J report {@link #WRITTEN_FOR}; otherwise what they report. A jar reporting no version counts
     * as a mismatch.
     */
    static synchronized Optional<String> versionMismatch() {
        if (versionMatches == null) {
            String found = runtimeVersions();
            versionMatches = found.equals(expected());
            if (!versionMatches) {
                mismatchText = found;
            }
        }
        return versionMatches ? Optional.empty() : Optional.of(mismatchText);
    }

    private static String mismatchText = "";

    static String expected() {
        StringBuilder b = new StringBuilder();
        for (String a : ARTIFACTS) {
            b.append(b.length() == 0 ? "" : ", ").append(a).append(' ').append(WRITTEN_FOR);
        }
        return b.toString();
    }

    /**
     * "nd4j-api 1.0.0-M2.1, nd4j-native 1.0.0-M2.1, deeplearning4j-nn 1.0.0-M2.1", as found at run time: the
     * version each jar's Maven descriptor states ("none" when absent; all versions found, when jars disagree).
     */
    static String runtimeVersions() {
        StringBuilder b = new StringBuilder();
        for (String artifact : ARTIFACTS) {
            String group = artifact.startsWith("nd4j") ? "org.nd4j" : "org.deeplearning4j";
            java.util.TreeSet<String> versions = new java.util.TreeSet<>();
            try {
                var urls = Nd4jPatches.class.getClassLoader()
                        .getResources("META-INF/maven/" + group + "/" + artifact + "/pom.properties");
                while (urls.hasMoreElements()) {
                    try (var in = urls.nextElement().openStream()) {
                        java.util.Properties p = new java.util.Properties();
                        p.load(in);
                        versions.add(p.getProperty("version", "none"));
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("Could not read the version of {}: {}", artifact, e.toString());
            }
            b.append(b.length() == 0 ? "" : ", ").append(artifact).append(' ')
                    .append(versions.isEmpty() ? "none" : String.join("+", versions));
        }
        return b.toString();
    }

    private static boolean attempt(String name, java.util.function.BooleanSupplier install) {
        try {
            boolean ok = install.getAsBoolean();
            if (!ok) {
                LOG.warn("ND4J patch '{}' not installed (see the line before); ND4J's own in use", name);
            }
            return ok;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("ND4J patch '{}' failed to install; ND4J's own in use", name, e);
            return false;
        }
    }
}
