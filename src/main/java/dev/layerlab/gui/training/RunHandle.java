package dev.layerlab.gui.training;

/** Controls a running training job from the FX thread; each call only sets a flag the job reads. */
public interface RunHandle {
    void pause();

    void resume();

    void cancel();
}
