package dev.layerlab.tuning.spark;

import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.tuning.StudySettings;
import dev.layerlab.tuning.TrialBackend;
import dev.layerlab.tuning.TrialBackends;
import dev.layerlab.tuning.TrialRecord;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
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
    private static final Pattern LOCAL_N = Pattern.compile("local\\[(\\*|\\d+)(,\\s*\\d+)?]");
    /** Jars every Spark installation has, and other platforms' native builds: not shipped to a cluster. */
    private static final Pattern NOT_SHIPPED = Pattern.compile(
            "(spark-|scala-|hadoop-client-|log4j-).*|.*-(windows|macosx|android|ios|linux-arm|linux-ppc|linux-x86\\.).*");

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
        SparkConf conf = new SparkConf() // also reads the spark.* settings spark-submit passes as system properties
                .setMaster(master)
                .setAppName("LayerLab study: " + base.name());
        if (TrialBackends.isLocal(master)) {
            // Embedded: no web UI (a port and threads nobody looks at), and the driver on the loopback interface.
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else if (!conf.contains("spark.jars")) {
            String jars = applicationJars();
            if (!jars.isEmpty()) {
                conf.set("spark.jars", jars);
            }
        }
        context = new JavaSparkContext(conf);
        experimentJson = ExperimentJson.toJson(base);
        settings = studySettings;
        PortableData portable = PortableData.of(prepared);
        data = context.broadcast(portable);
        shipped = String.format(Locale.ROOT, "%.1f MB of prepared data broadcast", portable.matrixBytes() / 1e6);
        slots = slotsOf(master, context.defaultParallelism());
        return slots;
    }

    static int slotsOf(String master, int defaultParallelism) {
        Matcher m = LOCAL_N.matcher(master.trim());
        if (m.matches()) {
            return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
        }
        return master.trim().equals("local") ? 1 : Math.max(1, defaultParallelism);
    }

    @Override
    public String describe() {
        JavaSparkContext sc = context;
        if (sc == null) {
            return "Spark " + master;
        }
        String where = TrialBackends.isLocal(master) ? "embedded in this process" : "application " + sc.sc().applicationId();
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

    /** The jars of this class path a cluster's executors need (LayerLab's own and its engine's). */
    static String applicationJars() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            File f = new File(entry);
            if (entry.endsWith(".jar") && f.isFile() && !NOT_SHIPPED.matcher(f.getName()).matches()) {
                jars.add(f.getAbsolutePath());
            }
        }
        return String.join(",", jars);
    }
}
