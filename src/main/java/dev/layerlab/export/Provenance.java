package dev.layerlab.export;

import java.util.Map;

/**
 * Where a model came from: enough to tell later which data, settings and libraries made it.
 *
 * @param dataFile    the CSV the model was trained on, as given
 * @param dataSha256  hash of that file's bytes
 * @param rows        data rows in the file
 * @param parentModel for a fine-tuned model: the bundle it started from (null otherwise)
 * @param parentDataSha256 for a fine-tuned model: the hash of the data the parent was trained on
 */
public record Provenance(String dataFile, String dataSha256, int rows, long seed, String createdAt,
                         Map<String, String> libraries, String parentModel, String parentDataSha256) {

    public Provenance(String dataFile, String dataSha256, int rows, long seed, String createdAt,
                      Map<String, String> libraries, String parentModel) {
        this(dataFile, dataSha256, rows, seed, createdAt, libraries, parentModel, null);
    }

    public static Map<String, String> libraryVersions() {
        return Map.of(
                "layerlab", version(Provenance.class, "0.1.0"),
                "deeplearning4j", version(org.deeplearning4j.nn.multilayer.MultiLayerNetwork.class, "1.0.0-M2.1"),
                "nd4j", version(org.nd4j.linalg.factory.Nd4j.class, "1.0.0-M2.1"),
                "java", System.getProperty("java.version"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    private static String version(Class<?> type, String fallback) {
        String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return v == null ? fallback : v;
    }
}
