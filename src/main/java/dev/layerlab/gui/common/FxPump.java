package dev.layerlab.gui.common;

import javafx.animation.AnimationTimer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Drains state that background threads wrote (training progress, logs) into FX properties at most
 * about 30 times a second, on the FX thread: background threads never call {@code Platform.runLater}
 * per event, they write into lock-free state that the pump's drains read.
 */
public final class FxPump {
    private static final long PERIOD_NANOS = 33_000_000L;

    private final List<Runnable> drains = new CopyOnWriteArrayList<>();
    private long last;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (now - last >= PERIOD_NANOS) {
                last = now;
                drainNow();
            }
        }
    };

    public void add(Runnable drain) {
        drains.add(drain);
    }

    public void start() {
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    /** Runs every drain once (FX thread). */
    public void drainNow() {
        for (Runnable d : drains) {
            d.run();
        }
    }
}
