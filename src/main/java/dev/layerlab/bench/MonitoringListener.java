package dev.layerlab.bench;

import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.TrainingListener;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the workbench does while a run trains: every iteration's loss goes into a lock-free, single-writer
 * series (chunked arrays published through a volatile count, readable by a UI thread at any time), every
 * epoch record into a concurrent queue. Used by the bench to measure the cost of watching a run.
 */
public final class MonitoringListener implements TrainingListener {
    private static final int CHUNK = 4096;
    private volatile double[][] chunks = new double[16][];
    private volatile long count;
    private final ConcurrentLinkedQueue<EpochRecord> epochs = new ConcurrentLinkedQueue<>();

    @Override
    public void onIteration(int epoch, long iteration, double loss) {
        long n = count;
        int chunk = (int) (n / CHUNK);
        double[][] c = chunks;
        if (chunk >= c.length) {
            c = java.util.Arrays.copyOf(c, c.length * 2);
            chunks = c;
        }
        if (c[chunk] == null) {
            c[chunk] = new double[CHUNK];
        }
        c[chunk][(int) (n % CHUNK)] = loss;
        count = n + 1; // volatile write publishes the value
    }

    @Override
    public void onEpoch(EpochRecord record) {
        epochs.add(record);
    }

    /** Losses recorded so far (a reader's snapshot). */
    public long size() {
        return count;
    }

    public double loss(long i) {
        if (i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        return chunks[(int) (i / CHUNK)][(int) (i % CHUNK)];
    }

    public int epochCount() {
        return epochs.size();
    }
}
