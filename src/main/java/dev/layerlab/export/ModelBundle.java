package dev.layerlab.export;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.layerlab.AtomicFiles;
import dev.layerlab.InvalidInputException;
import dev.layerlab.data.FittedPreprocessing;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.TrainingHistory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import dev.layerlab.training.SequentialNetwork;
import dev.layerlab.training.TrainableNetwork;

/**
 * A trained model in one zip file. The zip is a DL4J model file ({@code ModelSerializer}'s entries at the
 * root, so {@code ModelSerializer.restoreMultiLayerNetwork(file)} loads it in plain DL4J code) with LayerLab's
 * own entries under {@code layerlab/}: the fitted preprocessing, the experiment, the history, the metrics and
 * the provenance.
 */
public final class ModelBundle {
    public static final int FORMAT_VERSION = 1;
    static final String DIR = "layerlab/";
    static final String MANIFEST = DIR + "manifest.json";
    static final String PREPROCESSING = DIR + "preprocessing.json";
    static final String EXPERIMENT = DIR + "experiment.json";
    static final String HISTORY = DIR + "history.csv";
    static final String METRICS = DIR + "metrics.json";
    static final String PROVENANCE = DIR + "provenance.json";
    /** Network health sampled during training (optional: bundles of older versions have none). */
    public static final String DIAGNOSTICS = DIR + "diagnostics.csv";
    private static final long MAX_ENTRIES = 10_000;

    /**
     * Every entry a bundle may hold (besides ensemble members' {@code members/<i>/...}), with the most bytes it
     * may inflate to. Anything else is refused before it is read: add new entries here.
     */
    static final Map<String, Long> KNOWN_ENTRIES = Map.ofEntries(
            Map.entry(BundleCheck.CONFIGURATION, 8 * BundleCheck.MIB),
            Map.entry(BundleCheck.COEFFICIENTS, BundleCheck.MAX_COEFFICIENTS_BYTES),
            Map.entry(BundleCheck.UPDATER_STATE, 4 * BundleCheck.MAX_COEFFICIENTS_BYTES),
            Map.entry(MANIFEST, 64 * BundleCheck.KIB),
            Map.entry(PREPROCESSING, 64 * BundleCheck.MIB),
            Map.entry(EXPERIMENT, 8 * BundleCheck.MIB),
            Map.entry(HISTORY, 16 * BundleCheck.MIB),
            Map.entry(METRICS, BundleCheck.MIB),
            Map.entry(PROVENANCE, BundleCheck.MIB),
            Map.entry(DIAGNOSTICS, 64 * BundleCheck.MIB),
            // i17's ensemble bundles: the member list (members' own entries are members/<i>/..., see BundleCheck)
            Map.entry(DIR + "ensemble.json", BundleCheck.MIB));

    /** What the bundle says about itself. */
    public record Manifest(int formatVersion, String kind, String createdAt) {
    }

    private final TrainableNetwork network;
    private final FittedPreprocessing preprocessing;
    private final Experiment experiment;
    private final List<EpochRecord> history;
    private final Map<String, Map<String, Double>> metrics;
    private final Provenance provenance;
    private String diagnostics;

    public ModelBundle(TrainableNetwork network, FittedPreprocessing preprocessing, Experiment experiment,
                       List<EpochRecord> history, Map<String, Map<String, Double>> metrics, Provenance provenance) {
        this.network = network;
        this.preprocessing = preprocessing;
        this.experiment = experiment;
        this.history = List.copyOf(history);
        this.metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        this.provenance = provenance;
    }

    public TrainableNetwork network() {
        return network;
    }

    public FittedPreprocessing preprocessing() {
        return preprocessing;
    }

    public Experiment experiment() {
        return experiment;
    }

    public List<EpochRecord> history() {
        return history;
    }

    public Map<String, Map<String, Double>> metrics() {
        return metrics;
    }

    public Provenance provenance() {
        return provenance;
    }

    /** The network-health samples (diagnostics.csv) of the run that trained it; null when none were kept. */
    public String diagnostics() {
        return diagnostics;
    }

    /** Keeps the run's network-health samples (diagnostics.csv) in the bundle. */
    public ModelBundle withDiagnostics(String csv) {
        this.diagnostics = csv;
        return this;
    }

    /** Writes the bundle atomically. */
    public void write(Path file) throws IOException {
        Path networkFile = Files.createTempFile("layerlab-network-", ".zip");
        try {
            network.save(networkFile.toFile(), true);
            AtomicFiles.write(file, temp -> {
                try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temp));
                     ZipFile dl4j = new ZipFile(networkFile.toFile())) {
                    Enumeration<? extends ZipEntry> entries = dl4j.entries();
                    while (entries.hasMoreElements()) {
                        ZipEntry entry = entries.nextElement();
                        out.putNextEntry(new ZipEntry(entry.getName()));
                        try (InputStream in = dl4j.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                        out.closeEntry();
                    }
                    put(out, MANIFEST, json(new Manifest(FORMAT_VERSION, network.kind(), provenance == null ? null : provenance.createdAt())));
                    put(out, PREPROCESSING, preprocessing.toJson());
                    put(out, EXPERIMENT, ExperimentJson.toJson(experiment));
                    put(out, HISTORY, TrainingHistory.toCsv(history, preprocessing.task()));
                    put(out, METRICS, json(metrics));
                    put(out, PROVENANCE, json(provenance));
                    if (diagnostics != null) {
                        put(out, DIAGNOSTICS, diagnostics);
                    }
                }
            });
        } finally {
            Files.deleteIfExists(networkFile);
        }
    }

    /** Reads a bundle, refusing damaged, truncated, too-new or unsafe files with a clear message. */
    public static ModelBundle read(Path file) {
        if (!Files.exists(file)) {
            throw new InvalidInputException("model bundle not found: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + " is a directory; give the model.zip file inside it");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            checkEntries(zip, file);
            BundleCheck check = BundleCheck.check(zip, file, KNOWN_ENTRIES);
            Manifest manifest = ExperimentJson.MAPPER.readValue(text(zip, MANIFEST, file), Manifest.class);
            if (manifest.formatVersion() > FORMAT_VERSION) {
                throw new InvalidInputException(file + " was written by a newer LayerLab (bundle format "
                        + manifest.formatVersion() + "; this version reads up to " + FORMAT_VERSION + ")");
            }
            FittedPreprocessing preprocessing = FittedPreprocessing.fromJson(text(zip, PREPROCESSING, file));
            Experiment experiment = ExperimentJson.fromJson(text(zip, EXPERIMENT, file), file + "!" + EXPERIMENT);
            List<EpochRecord> history = TrainingHistory.fromCsv(text(zip, HISTORY, file));
            Map<String, Map<String, Double>> metrics = ExperimentJson.MAPPER.readValue(text(zip, METRICS, file),
                    new TypeReference<LinkedHashMap<String, Map<String, Double>>>() { });
            Provenance provenance = ExperimentJson.MAPPER.readValue(text(zip, PROVENANCE, file), Provenance.class);
            BundleCheck.CheckedNetwork main = check.networks().get("");
            if (main == null) {
                throw new InvalidInputException(file + " is incomplete: it has no " + BundleCheck.CONFIGURATION);
            }
            BundleCheck.checkWidths(main, preprocessing, experiment, file);
            TrainableNetwork network;
            try {
                network = NetworkFiles.restore(manifest.kind(), file, experiment, preprocessing);
            } catch (RuntimeException e) {
                throw new InvalidInputException(file + " holds a network DL4J cannot read: " + e.getMessage());
            }
            ModelBundle bundle = new ModelBundle(network, preprocessing, experiment, history, metrics, provenance);
            return zip.getEntry(DIAGNOSTICS) == null ? bundle : bundle.withDiagnostics(text(zip, DIAGNOSTICS, file));
        } catch (ZipException e) {
            throw new InvalidInputException(file + " is not a model bundle or is damaged/truncated (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read model bundle " + file + ": " + e.getMessage());
        }
    }

    private static void checkEntries(ZipFile zip, Path file) {
        if (zip.size() > MAX_ENTRIES) {
            throw new InvalidInputException(file + " has too many entries to be a model bundle");
        }
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            Path normalized = Path.of("bundle").resolve(name).normalize();
            if (name.startsWith("/") || name.contains("\\") || name.contains(":") || !normalized.startsWith("bundle")
                    || name.equals("..") || name.startsWith("../") || name.contains("/../")) {
                throw new InvalidInputException(file + " is refused: entry '" + name + "' points outside the bundle");
            }
        }
        if (zip.getEntry(MANIFEST) == null) {
            throw new InvalidInputException(file + " is not a LayerLab model bundle (no " + MANIFEST + ")");
        }
    }

    private static String text(ZipFile zip, String name, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new InvalidInputException(file + " is incomplete: it has no " + name);
        }
        long cap = BundleCheck.capOf(name, KNOWN_ENTRIES);
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, Math.max(cap, 0) + 1));
            if (bytes.length > cap) {
                throw new InvalidInputException(file + " is refused: entry '" + name + "' is larger than its cap");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static void put(ZipOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static String json(Object value) throws IOException {
        return ExperimentJson.MAPPER.writeValueAsString(value);
    }
}
