package dev.layerlab.tuning.spark;

import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.tuning.Study;
import dev.layerlab.tuning.StudySettings;
import dev.layerlab.tuning.TrialRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * One trial as a Spark task: rebuilds the study on the executor (the experiment travels as its JSON, the data as
 * a broadcast) and trains the trial there, without pruning. Returns the trial's record with its curve.
 */
final class TrialTask implements Function<Integer, TrialRecord> {
    private static final long serialVersionUID = 1L;

    private final String experimentJson;
    private final StudySettings settings;
    private final Broadcast<PortableData> data;
    private final LinkedHashMap<String, Object> params;
    private final TrialBody body;

    TrialTask(String experimentJson, StudySettings settings, Broadcast<PortableData> data, Map<String, Object> params,
              TrialBody body) {
        this.experimentJson = experimentJson;
        this.settings = settings;
        this.data = data;
        this.params = new LinkedHashMap<>(params);
        this.body = body;
    }

    @Override
    public TrialRecord call(Integer number) {
        Experiment base = ExperimentJson.fromJson(experimentJson, "the study's experiment");
        Study study = new Study(base, data.value().prepared(), settings, null);
        TaskContext context = TaskContext.get();
        Thread watcher = null;
        if (context != null) {
            // A cancelled job (the study was stopped) only interrupts this thread, which training does not notice:
            // stop the trial at its next step instead of training it to the end for nothing.
            watcher = new Thread(() -> {
                try {
                    while (!context.isInterrupted() && !context.isCompleted()) {
                        Thread.sleep(200);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                study.stop();
            }, "layerlab-trial-" + number + "-cancel-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        try {
            return body.run(study, number, params);
        } finally {
            if (watcher != null) {
                watcher.interrupt();
            }
        }
    }
}
