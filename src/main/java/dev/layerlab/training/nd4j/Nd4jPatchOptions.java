package dev.layerlab.training.nd4j;

import dev.layerlab.RuntimeOptions;

/**
 * The native engine's switches, read once from system properties (then environment variables) when first asked
 * for; every switch is on unless set to {@code false}. Property {@code layerlab.shapeInfoCache} is variable
 * {@code LAYERLAB_SHAPE_INFO_CACHE}, and so on.
 *
 * @param nativeTuning    {@code layerlab.nativeTuning}: false keeps ND4J's defaults entirely (no thread settings,
 *                        no patch, no CPU-specific build choice)
 * @param nativeThreads   {@code layerlab.nativeThreads}: threads for libnd4j, OpenMP and OpenBLAS (default 1)
 * @param shapeInfoCache  {@code layerlab.shapeInfoCache}: {@link CachedShapeInfoProvider}
 * @param tadCache        {@code layerlab.tadCache}: {@link CachedTadManager}
 * @param leanDeallocator {@code layerlab.leanDeallocator}: {@link LeanDeallocatorService}
 * @param reuseOpContexts {@code layerlab.reuseOpContexts}: {@link ReusableOpContexts}
 * @param leanGemm        {@code layerlab.leanGemm}: {@link LeanLevel2}
 * @param directUpdater   {@code layerlab.directUpdater}: {@link DirectUpdaters} on each network the trainer fits
 */
public record Nd4jPatchOptions(boolean nativeTuning, int nativeThreads, boolean shapeInfoCache, boolean tadCache,
                               boolean leanDeallocator, boolean reuseOpContexts, boolean leanGemm,
                               boolean directUpdater) {
    private static volatile Nd4jPatchOptions current;

    /** Every switch on: what LayerLab runs with. */
    public static Nd4jPatchOptions allOn() {
        return new Nd4jPatchOptions(true, 1, true, true, true, true, true, true);
    }

    /** The native tuning kept, every patch of ND4J's internals off. */
    public static Nd4jPatchOptions patchesOff() {
        return new Nd4jPatchOptions(true, 1, false, false, false, false, false, false);
    }

    /** The options of this process, read from the system once. */
    public static Nd4jPatchOptions current() {
        Nd4jPatchOptions o = current;
        if (o == null) {
            synchronized (Nd4jPatchOptions.class) {
                if (current == null) {
                    current = fromSystem();
                }
                o = current;
            }
        }
        return o;
    }

    static Nd4jPatchOptions fromSystem() {
        int threads = 1;
        String t = setting("nativeThreads");
        if (t != null) {
            try {
                threads = Math.max(1, Integer.parseInt(t.trim()));
            } catch (NumberFormatException e) {
                org.slf4j.LoggerFactory.getLogger(Nd4jPatchOptions.class)
                        .warn("layerlab.nativeThreads='{}' is not a number; using 1", t);
            }
        }
        return new Nd4jPatchOptions(on("nativeTuning"), threads, on("shapeInfoCache"), on("tadCache"),
                on("leanDeallocator"), on("reuseOpContexts"), on("leanGemm"), on("directUpdater"));
    }

    /** Whether any patch of ND4J's internals is asked for. */
    public boolean anyPatch() {
        return shapeInfoCache || tadCache || leanDeallocator || reuseOpContexts || leanGemm || directUpdater;
    }

    private static boolean on(String name) {
        return RuntimeOptions.on(name);
    }

    private static String setting(String name) {
        return RuntimeOptions.setting(name);
    }
}
