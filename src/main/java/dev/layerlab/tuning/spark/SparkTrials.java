package dev.layerlab.tuning.spark;

import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.tuning.StudySettings;
import dev.layerlab.tuning.TrialBackend;
import dev.layerlab.tuning.TrialRecord;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Runs each trial as a one-task Spark job. The study's threads submit them (one per slot), so as many trials
 * train at once as the master has task slots; the driver (this process) keeps the strategy and the journal.
 *
 * <p>{@code local[N]} starts an embedded Spark in this process: nothing to install. A cluster URL connects to it;
 * its executors need LayerLab's jars: spark-submit's {@code --jars}, or, when run without spark-submit, the
 * application jars of this class path that a Spark distribution does not already have (set as spark.jars).
 */
public final class SparkTrials implements TrialBackend {
    private final String master;
    private final TrialBody body;
    private volatile JavaSparkContext context;
    private Broadcast<PortableData> data;
    private String experimentJson;
    private StudySettings settings;
    private int slots;
    private String shipped = "";

    /** Called by {@link TrialBackends} by name. */
    public SparkTrials(String master) {
        this(master, TrialBody.TRAIN);
    }

    /** @param body what each task does with its trial (tests make one throw) */
    public SparkTrials(String master, TrialBody body) {
        this.master = master;
        this.body = body;
    }

    @Override
    public int open(Experiment base, PreparedData prepared, StudySettings studySettings) {
        context = SparkContexts.start(master, "LayerLab study: " + base.name());
        experimentJson = ExperimentJson.toJson(base);
        settings = studySettings;
        PortableData portable = PortableData.of(prepared);
        data = context.broadcast(portable);
        shipped = String.format(Locale.ROOT, "%.1f MB of prepared data broadcast", portable.matrixBytes() / 1e6);
        slots = SparkContexts.slotsOf(master, context.defaultParallelism());
        return slots;
    }

    @Override
    public String describe() {
        JavaSparkContext sc = context;
        if (sc == null) {
            return "Spark " + master;
        }
        String where = SparkContexts.where(master, sc);
        return "Spark " + master + " (" + where + ", " + slots + " trials at once, " + shipped + ")";
    }

    @Override
    public TrialRecord run(int number, Map<String, Object> params) {
        JavaSparkContext sc = context;
        // job groups are per submitting thread: one study thread, one trial at a time
        sc.setJobGroup("layerlab-trial-" + number, "LayerLab trial " + number, true);
        try {
            List<TrialRecord> out = sc.parallelize(List.of(number), 1)
                    .map(new TrialTask(experimentJson, settings, data, params, body))
                    .collect();
            return out.isEmpty() ? null : out.get(0);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // SparkException (a failed or cancelled job) is checked in Java but thrown undeclared from Scala
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            sc.clearJobGroup();
        }
    }

    @Override
    public void cancelAll() {
        JavaSparkContext sc = context;
        if (sc != null) {
            sc.cancelAllJobs();
        }
    }

    @Override
    public void close() {
        JavaSparkContext sc = context;
        context = null;
        if (sc != null) {
            if (data != null) {
                data.destroy();
            }
            sc.stop();
        }
    }
}
