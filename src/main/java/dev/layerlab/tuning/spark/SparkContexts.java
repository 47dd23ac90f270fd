package dev.layerlab.tuning.spark;

import dev.layerlab.tuning.TrialBackends;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Starts the Spark context a study or an auto run uses. {@code local[N]} is an embedded Spark in this process:
 * nothing to install. A cluster URL connects to it; its executors need LayerLab's jars: spark-submit's
 * {@code --jars}, or, when run without spark-submit, the application jars of this class path that a Spark
 * distribution does not already have (set as spark.jars).
 */
public final class SparkContexts {
    private static final Pattern LOCAL_N = Pattern.compile("local\\[(\\*|\\d+)(,\\s*\\d+)?]");
    /** Jars every Spark installation has, and other platforms' native builds: not shipped to a cluster. */
    private static final Pattern NOT_SHIPPED = Pattern.compile(
            "(spark-|scala-|hadoop-client-|log4j-).*|.*-(windows|macosx|android|ios|linux-arm|linux-ppc|linux-x86\\.).*");

    private SparkContexts() {
    }

    public static JavaSparkContext start(String master, String appName) {
        SparkConf conf = new SparkConf() // also reads the spark.* settings spark-submit passes as system properties
                .setMaster(master)
                .setAppName(appName);
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
        return new JavaSparkContext(conf);
    }

    /** Task slots: N for local[N], the cores for local[*], Spark's default parallelism for a cluster. */
    public static int slotsOf(String master, int defaultParallelism) {
        Matcher m = LOCAL_N.matcher(master.trim());
        if (m.matches()) {
            return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
        }
        return master.trim().equals("local") ? 1 : Math.max(1, defaultParallelism);
    }

    /** Where the tasks run, for the user. */
    public static String where(String master, JavaSparkContext context) {
        return TrialBackends.isLocal(master) ? "embedded in this process" : "application " + context.sc().applicationId();
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
