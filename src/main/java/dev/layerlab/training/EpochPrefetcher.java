package dev.layerlab.training;

import dev.layerlab.data.Matrix;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Shuffles and gathers the next epoch's training rows on a background thread while the current epoch trains
 * (what DL4J's {@code AsyncDataSetIterator} does batch by batch, here for a whole epoch): at the epoch boundary
 * the training thread finds them ready instead of gathering them itself. An epoch's order depends only on the
 * seed and the epoch number, so the batches are the same with or without prefetching (tested).
 *
 * <p>One trainer's prefetcher, used from its training thread. The gathering threads are shared and idle
 * between epochs; a thread started from a niced training thread inherits its priority.
 */
final class EpochPrefetcher implements AutoCloseable {
    private static final ExecutorService GATHERERS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "LayerLab epoch prefetch");
        t.setDaemon(true);
        return t;
    });

    private final Matrix train;
    private final long seed;
    private final EpochBatches.Slots slots;
    private final boolean async;
    private Future<EpochBatches> ahead;
    private int aheadEpoch;

    /** @param async false: every epoch is gathered on the calling thread when it is asked for */
    EpochPrefetcher(Matrix train, long seed, EpochBatches.Slots slots, boolean async) {
        this.train = train;
        this.seed = seed;
        this.slots = slots;
        this.async = async;
    }

    /** The rows of {@code epoch} in its shuffled order; starts gathering epoch + 1 if it is not after {@code lastEpoch}. */
    EpochBatches epoch(int epoch, int lastEpoch) {
        EpochBatches rows = ahead != null && aheadEpoch == epoch ? await(ahead) : gather(epoch);
        cancelAhead();
        if (async && epoch < lastEpoch) {
            int next = epoch + 1;
            aheadEpoch = next;
            ahead = GATHERERS.submit(() -> gather(next));
        }
        return rows;
    }

    private EpochBatches gather(int epoch) {
        return EpochBatches.of(train, order(train.rows(), seed, epoch), slots);
    }

    /** Row order of an epoch: a seeded shuffle, so a run resumed at any epoch boundary sees the same batches. */
    static int[] order(int rows, long seed, int epoch) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static EpochBatches await(Future<EpochBatches> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while gathering an epoch's rows", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err; // say, out of memory while gathering: as if it had happened on this thread
            }
            throw new IllegalStateException(e.getCause());
        } catch (CancellationException e) {
            throw new IllegalStateException("an epoch's rows were cancelled while still needed", e);
        }
    }

    private void cancelAhead() {
        if (ahead != null) {
            ahead.cancel(false);
            ahead = null;
        }
    }

    /** Drops an epoch gathered ahead that will not be trained (early stop, cancel, the last epoch). */
    @Override
    public void close() {
        cancelAhead();
    }
}
