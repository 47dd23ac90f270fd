package dev.layerlab.auto;

import dev.layerlab.tuning.TrialBackends;

/**
 * Creates network runners. The Spark one lives in {@code dev.layerlab.auto.spark}, which nothing imports: it is
 * loaded by name, so an auto run on this machine (and the workbench) never loads Spark.
 */
public final class NetworkRunners {
    static final String SPARK_CLASS = "dev.layerlab.auto.spark.SparkNetworks";

    private NetworkRunners() {
    }

    /**
     * Networks as Spark tasks.
     *
     * @param master {@code local[N]}, {@code spark://host:7077}, ... (what spark-submit's --master accepts)
     * @throws dev.layerlab.InvalidInputException for anything else
     */
    public static NetworkRunner spark(String master) {
        String m = TrialBackends.checkedMaster(master);
        try {
            return (NetworkRunner) Class.forName(SPARK_CLASS).getConstructor(String.class).newInstance(m);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("Spark is not on the class path (" + e + "); build LayerLab with its pom", e);
        }
    }
}
