package dev.layerlab.gui;

/** For tests that do not drive the window with a robot: starts the toolkit once and runs work on the FX thread. */
public final class FxCalls {
    private FxCalls() {
    }

    public interface FxCall<T> {
        T call() throws Exception;
    }

    /**
     * Starts the JavaFX toolkit unless a test already did, the way TestFX does: the UI tests share this JVM, and a
     * toolkit started with {@code Platform.startup} would make TestFX's own start fail.
     */
    public static void startToolkit() {
        try {
            org.testfx.api.FxToolkit.registerPrimaryStage();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the JavaFX toolkit did not start", e);
        }
    }

    /** Runs {@code work} on the FX thread and waits for its result. */
    public static <T> T onFx(FxCall<T> work) throws Exception {
        return dev.layerlab.bench.gui.GuiBench.fx(work::call);
    }
}
