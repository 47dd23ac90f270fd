package dev.layerlab.auto.spark;

import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.training.nd4j.NativeRuntime;
import dev.layerlab.tuning.spark.PortableData;
import java.io.Serializable;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * One network as a Spark task: the experiment travels as its JSON, the prepared data as a broadcast. The task
 * stops its network at the wall-clock deadline auto gave it (the driver cannot reach a remote trainer), keeping the
 * best epoch, as auto does on this machine.
 */
final class NetworkTask implements Function<Integer, TrainedRemotely> {
    private static final long serialVersionUID = 1L;

    /** Trains one network on an executor; tests replace it with one that throws. */
    @FunctionalInterface
    interface Body extends Serializable {
        Body TRAIN = (experiment, task) -> new Trainer(task.control, null).train(experiment.network(),
                experiment.training(), task.data.value().prepared());

        TrainingResult train(Experiment experiment, NetworkTask task);
    }

    private final String experimentJson;
    private final Broadcast<PortableData> data;
    private final long stopAtEpochMillis;
    private final Body body;
    private transient RunControl control;

    NetworkTask(String experimentJson, Broadcast<PortableData> data, long stopAtEpochMillis, Body body) {
        this.experimentJson = experimentJson;
        this.data = data;
        this.stopAtEpochMillis = stopAtEpochMillis;
        this.body = body;
    }

    @Override
    public TrainedRemotely call(Integer number) {
        Experiment experiment = ExperimentJson.fromJson(experimentJson, "auto's network " + number);
        control = new RunControl();
        TaskContext context = TaskContext.get();
        Thread watcher = new Thread(() -> {
            try {
                // a cancelled job only interrupts the task's thread, which training does not notice
                while (System.currentTimeMillis() < stopAtEpochMillis && (context == null || !context.isInterrupted())) {
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                return;
            }
            control.cancel();
        }, "layerlab-network-" + number + "-deadline");
        watcher.setDaemon(true);
        watcher.start();
        try {
            TrainingResult result = body.train(experiment, this);
            float[] params = result.network().params().dup().data().asFloat();
            SparkEnv env = SparkEnv.get();
            return new TrainedRemotely(result.status(), result.message(), params, result.history(), result.keptEpoch(),
                    env == null ? "?" : env.executorId());
        } finally {
            watcher.interrupt();
            NativeRuntime.releaseThreadWorkspaces();
        }
    }
}
