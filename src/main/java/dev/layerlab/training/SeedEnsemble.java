package dev.layerlab.training;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.PreparedData;
import dev.layerlab.model.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains the same network with other seeds (weights and batch order), to be averaged with a first one: the
 * biggest single step in a tabular network's quality. Members train in parallel, each on its own thread.
 */
public final class SeedEnsemble {
    /** Most members {@code train --ensemble} accepts. */
    public static final int MAX_MEMBERS = 32;

    private SeedEnsemble() {
    }

    /** Refuses ensembles of multi-output graphs (one averaged head is all an ensemble predicts) and odd sizes. */
    public static void check(NetworkSpec network, int members) {
        if (members < 1 || members > MAX_MEMBERS) {
            throw new InvalidInputException("an ensemble has 1 to " + MAX_MEMBERS + " members, got " + members);
        }
        if (members > 1 && network != null && network.outputTargets().size() > 0) {
            throw new InvalidInputException("ensembles average one output: a network predicting other columns too "
                    + "cannot be ensembled");
        }
    }

    /**
     * Trains {@code seeds.size()} networks of {@code network}, member i with seed {@code seeds.get(i)}, on
     * {@code parallel} threads. {@code control} stops them all.
     */
    public static List<TrainingResult> train(NetworkSpec network, TrainingSpec spec, PreparedData data, List<Long> seeds,
                                             int parallel, RunControl control) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, seeds.size())), r -> {
            Thread t = new Thread(r, "ensemble-member");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TrainingResult>> futures = new ArrayList<>();
            for (long seed : seeds) {
                futures.add(pool.submit(() -> {
                    try {
                        return new Trainer(control, null).train(network, spec.withSeed(seed), data);
                    } finally {
                        dev.layerlab.training.nd4j.NativeRuntime.releaseThreadWorkspaces();
                    }
                }));
            }
            List<TrainingResult> results = new ArrayList<>();
            for (Future<TrainingResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training the ensemble", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
