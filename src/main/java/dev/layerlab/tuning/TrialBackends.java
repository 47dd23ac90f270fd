package dev.layerlab.tuning;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Creates trial backends. The Spark one lives in {@code dev.layerlab.tuning.spark}, which nothing else imports:
 * it is loaded by name when a study opens it, so neither the workbench nor a study on this machine loads Spark.
 */
public final class TrialBackends {
    /** The Spark backend's class, loaded reflectively (see the class comment). */
    static final String SPARK_CLASS = "dev.layerlab.tuning.spark.SparkTrials";

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]{0,3})(,\\s*[1-9][0-9]{0,2})?])?");
    private static final Pattern CLUSTER = Pattern.compile("(spark://[^\\s/]+(:[0-9]{1,5})?(,[^\\s/,]+(:[0-9]{1,5})?)*"
            + "|yarn|k8s://\\S+)");

    private TrialBackends() {
    }

    /**
     * A backend running each trial as a Spark task.
     *
     * @param master {@code local[N]} (an embedded Spark in this process), {@code spark://host:7077}, {@code yarn},
     *               {@code k8s://...}: what spark-submit's --master accepts
     * @throws InvalidInputException for anything else
     */
    public static TrialBackend spark(String master) {
        return new Deferred(checkedMaster(master));
    }

    /**
     * The master URL, trimmed.
     *
     * @throws InvalidInputException when it is not one Spark accepts
     */
    public static String checkedMaster(String master) {
        String m = master == null ? "" : master.trim();
        if (!LOCAL.matcher(m).matches() && !CLUSTER.matcher(m).matches()) {
            throw new InvalidInputException("--spark needs a Spark master URL such as local[2], local[*] or spark://host:7077, got '"
                    + master + "'");
        }
        return m;
    }

    /** True for a master that runs Spark inside this process. */
    public static boolean isLocal(String master) {
        return master != null && LOCAL.matcher(master.trim()).matches();
    }

    /** Loads the Spark backend only when the study opens it (on the study's thread, not the caller's). */
    private static final class Deferred implements TrialBackend {
        private final String master;
        private volatile TrialBackend real;

        Deferred(String master) {
            this.master = master;
        }

        @Override
        public int open(Experiment base, PreparedData data, StudySettings settings) {
            try {
                real = (TrialBackend) Class.forName(SPARK_CLASS).getConstructor(String.class).newInstance(master);
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("Spark is not on the class path (" + e + "); build LayerLab with its pom", e);
            }
            return real.open(base, data, settings);
        }

        @Override
        public String describe() {
            TrialBackend r = real;
            return r == null ? "Spark " + master : r.describe();
        }

        @Override
        public TrialRecord run(int number, Map<String, Object> params) {
            return real.run(number, params);
        }

        @Override
        public void cancelAll() {
            TrialBackend r = real;
            if (r != null) {
                r.cancelAll();
            }
        }

        @Override
        public void close() {
            TrialBackend r = real;
            if (r != null) {
                r.close();
            }
        }
    }
}
