package dev.layerlab.auto.spark;

import dev.layerlab.auto.NetworkRunner;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.SplitPredictions;
import dev.layerlab.training.TrainableNetwork;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.tuning.spark.PortableData;
import dev.layerlab.tuning.spark.SparkContexts;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains each of auto's networks as a one-task Spark job. Auto's threads submit them, one per task slot; the driver
 * (this process) keeps the search, the ensemble choice and the test rows. Each distinct prepared data set is
 * broadcast once. A network is stopped at its deadline by its own task; a cancelled auto run cancels the jobs
 * (their networks are lost, as a killed process loses them).
 */
public final class SparkNetworks implements NetworkRunner {
    private final String master;
    private final NetworkTask.Body body;
    private final Map<PreparedData, Broadcast<PortableData>> broadcasts = new IdentityHashMap<>();
    private final AtomicInteger jobs = new AtomicInteger();
    private volatile JavaSparkContext context;
    private int slots;
    private double shippedMegabytes;

    /** Called by {@code NetworkRunners} by name. */
    public SparkNetworks(String master) {
        this(master, NetworkTask.Body.TRAIN);
    }

    SparkNetworks(String master, NetworkTask.Body body) {
        this.master = master;
        this.body = body;
    }

    @Override
    public int open(PreparedData data, int parallel) {
        context = SparkContexts.start(master, "LayerLab auto");
        slots = SparkContexts.slotsOf(master, context.defaultParallelism());
        broadcast(data);
        return slots;
    }

    @Override
    public String describe() {
        JavaSparkContext sc = context;
        if (sc == null) {
            return "Spark " + master;
        }
        return String.format(Locale.ROOT, "Spark %s (%s, %d networks at once, %.1f MB of prepared data broadcast)", master,
                SparkContexts.where(master, sc), slots, shippedMegabytes);
    }

    @Override
    public TrainingResult train(Experiment experiment, PreparedData data, RunControl control, long stopAtEpochMillis) {
        JavaSparkContext sc = context;
        if (sc == null) {
            throw new IllegalStateException("the Spark runner is closed");
        }
        int job = jobs.incrementAndGet();
        String group = "layerlab-auto-" + job;
        // job groups are per submitting thread: one auto thread, one network at a time
        sc.setJobGroup(group, "LayerLab auto network", true);
        Thread canceller = cancelWhenAsked(sc, group, control, stopAtEpochMillis);
        try {
            List<TrainedRemotely> out = sc.parallelize(List.of(job), 1)
                    .map(new NetworkTask(ExperimentJson.toJson(experiment), broadcast(data), stopAtEpochMillis, body))
                    .collect();
            return rebuild(experiment, data, out.get(0));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // SparkException (a failed or cancelled job) is checked in Java but thrown undeclared from Scala
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            canceller.interrupt();
            sc.clearJobGroup();
        }
    }

    /**
     * The network the task trained, rebuilt on the driver from the experiment with the task's weights, and scored
     * on every split here (only the driver has the test rows).
     */
    static TrainingResult rebuild(Experiment experiment, PreparedData data, TrainedRemotely remote) {
        TrainableNetwork net = Trainer.buildNetwork(experiment.network(), Trainer.shapeOf(data), experiment.training());
        if (remote.params().length != net.numParams()) {
            throw new IllegalStateException("the task returned " + remote.params().length + " weights for a network of "
                    + net.numParams());
        }
        INDArray params = Nd4j.createFromArray(remote.params()).reshape(1, remote.params().length)
                .castTo(net.params().dataType());
        net.setParams(params);
        for (int i = 0; i < remote.history().size(); i++) {
            net.incrementEpochCount();
        }
        Trainer.Evaluator evaluator = new Trainer.Evaluator(data.preprocessing());
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put("train", evaluator.finalMetrics(net, data.train()));
        boolean hasValidation = data.validation().rows() > 0;
        if (hasValidation) {
            metrics.put("validation", evaluator.finalMetrics(net, data.validation()));
        }
        if (data.test().rows() > 0) {
            metrics.put("test", evaluator.finalMetrics(net, data.test()));
        }
        SplitPredictions evaluation = data.test().rows() > 0 ? evaluator.predictions(net, data.test(), "test")
                : hasValidation ? evaluator.predictions(net, data.validation(), "validation") : null;
        return new TrainingResult(remote.status(), remote.message(), net, remote.history(), remote.keptEpoch(), metrics,
                evaluation);
    }

    /** Cancels the job when the whole run is cancelled (not at the network's own deadline: its task handles that). */
    private static Thread cancelWhenAsked(JavaSparkContext sc, String group, RunControl control, long stopAtEpochMillis) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    long now = System.currentTimeMillis();
                    if (control.isCancelled() && now < stopAtEpochMillis - 1000) {
                        break; // cancelled before its deadline: the user stopped the run
                    }
                    if (now > stopAtEpochMillis + 60_000) {
                        break; // the task stops itself at its deadline; this one did not (a lost executor)
                    }
                    Thread.sleep(200);
                }
                sc.cancelJobGroup(group);
            } catch (InterruptedException e) {
                // the network came back
            }
        }, group + "-cancel");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private synchronized Broadcast<PortableData> broadcast(PreparedData data) {
        return broadcasts.computeIfAbsent(data, d -> {
            PortableData portable = PortableData.of(d);
            shippedMegabytes += portable.matrixBytes() / 1e6;
            return context.broadcast(portable);
        });
    }

    @Override
    public void close() {
        JavaSparkContext sc = context;
        context = null;
        if (sc != null) {
            synchronized (this) {
                broadcasts.values().forEach(Broadcast::destroy);
                broadcasts.clear();
            }
            sc.stop();
        }
    }
}
