package dev.layerlab.training.monitor;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * An append-only series of floats written by one thread (the training thread) and read by another
 * (the FX thread) without locks: the writer fills a slot then publishes the new size through a
 * volatile write; the reader reads the size first and only slots below it. Appending costs one array
 * store and one volatile write, so monitoring does not slow training. Every point is kept.
 */
public final class FloatSeries {
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MAX_CHUNKS = 1 << 16;

    private final AtomicReferenceArray<float[]> chunks = new AtomicReferenceArray<>(MAX_CHUNKS);
    private volatile int size;

    /** Writer thread only. Points beyond about 268 million are dropped. */
    public void add(float value) {
        int n = size;
        int c = n >>> CHUNK_BITS;
        if (c >= MAX_CHUNKS) {
            return;
        }
        float[] chunk = chunks.get(c);
        if (chunk == null) {
            chunk = new float[CHUNK];
            chunks.set(c, chunk);
        }
        chunk[n & (CHUNK - 1)] = value;
        size = n + 1;
    }

    public int size() {
        return size;
    }

    /** Any thread; {@code index} must be below a {@link #size()} read before. */
    public float get(int index) {
        return chunks.get(index >>> CHUNK_BITS)[index & (CHUNK - 1)];
    }

    /** Copies {@code [from, to)} into a new array. */
    public float[] copy(int from, int to) {
        float[] out = new float[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = get(i);
        }
        return out;
    }
}
