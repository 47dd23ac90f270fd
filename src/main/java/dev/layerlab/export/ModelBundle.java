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

    // An ensemble: member 0 is the network at the root (so plain DL4J and older LayerLab load it alone); members
    // 1.. sit under members/<i>/, each a DL4J model's entries (no updater state) and its own experiment.
    /** Lists the members' kinds and how they are combined; absent for a single network. */
    public static final String ENSEMBLE = DIR + "ensemble.json";
    /** Folder of members 1..k-1: {@code members/<i>/} + one of the names below. */
    public static final String MEMBERS_DIR = "members/";
    public static final String MEMBER_CONFIGURATION = "configuration.json";
    public static final String MEMBER_COEFFICIENTS = "coefficients.bin";
    public static final String MEMBER_EXPERIMENT = "experiment.json";
    /** The entry names a member may have (DL4J's two, then LayerLab's). */
    public static final List<String> MEMBER_ENTRIES = List.of(MEMBER_CONFIGURATION, MEMBER_COEFFICIENTS, MEMBER_EXPERIMENT);
    /** Most networks one bundle may hold. */
    public static final int MAX_MEMBERS = 64;

    /** The entry {@code name} of member {@code index} (1 or more). */
    public static String memberEntry(int index, String name) {
        return MEMBERS_DIR + index + "/" + name;
    }

    /** What {@link #ENSEMBLE} holds: the combination ("mean") and each member's network kind, member 0 first. */
    public record Ensemble(String combine, List<String> kinds) {
    }

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
            Map.entry(ENSEMBLE, BundleCheck.MIB));

    /** What the bundle says about itself. */
    public record Manifest(int formatVersion, String kind, String createdAt) {
    }

    private final TrainableNetwork network;
    private final FittedPreprocessing preprocessing;
    private final Experiment experiment;
    private final List<EpochRecord> history;
    private final Map<String, Map<String, Double>> metrics;
    private final Provenance provenance;
    private final List<TrainableNetwork> members;
    private final List<Experiment> memberExperiments;
    private String diagnostics;

    public ModelBundle(TrainableNetwork network, FittedPreprocessing preprocessing, Experiment experiment,
                       List<EpochRecord> history, Map<String, Map<String, Double>> metrics, Provenance provenance) {
        this(List.of(network), List.of(experiment), preprocessing, history, metrics, provenance);
    }

    /**
     * An ensemble over one preprocessing: {@code members.get(0)} with {@code experiments.get(0)} is the bundle's
     * main network and experiment; predictions average all members.
     */
    public ModelBundle(List<TrainableNetwork> members, List<Experiment> experiments, FittedPreprocessing preprocessing,
                       List<EpochRecord> history, Map<String, Map<String, Double>> metrics, Provenance provenance) {
        if (members.isEmpty() || members.size() != experiments.size() || members.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("an ensemble needs 1 to " + MAX_MEMBERS + " members, each with its experiment");
        }
        this.members = List.copyOf(members);
        this.memberExperiments = List.copyOf(experiments);
        TrainableNetwork network = members.get(0);
        Experiment experiment = experiments.get(0);
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

    /** Every network the bundle holds, the main one first; one for a single network. */
    public List<TrainableNetwork> members() {
        return members;
    }

    /** Each member's experiment (the same order as {@link #members()}). */
    public List<Experiment> memberExperiments() {
        return memberExperiments;
    }

    public boolean isEnsemble() {
        return members.size() > 1;
    }

    /** This bundle with other networks averaged in (same preprocessing) and the ensemble's metrics. */
    public ModelBundle withMembers(List<TrainableNetwork> others, List<Experiment> otherExperiments,
                                   Map<String, Map<String, Double>> ensembleMetrics) {
        List<TrainableNetwork> all = new java.util.ArrayList<>(members);
        all.addAll(others);
        List<Experiment> experiments = new java.util.ArrayList<>(memberExperiments);
        experiments.addAll(otherExperiments);
        return new ModelBundle(all, experiments, preprocessing, history, ensembleMetrics, provenance)
                .withDiagnostics(diagnostics);
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
                    if (isEnsemble()) {
                        writeMembers(out);
                    }
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
            ModelBundle bundle;
            if (zip.getEntry(ENSEMBLE) == null) {
                bundle = new ModelBundle(network, preprocessing, experiment, history, metrics, provenance);
            } else {
                List<TrainableNetwork> members = new java.util.ArrayList<>(List.of(network));
                List<Experiment> experiments = new java.util.ArrayList<>(List.of(experiment));
                readMembers(zip, file, preprocessing, members, experiments, check);
                bundle = new ModelBundle(members, experiments, preprocessing, history, metrics, provenance);
            }
            return zip.getEntry(DIAGNOSTICS) == null ? bundle : bundle.withDiagnostics(text(zip, DIAGNOSTICS, file));
        } catch (ZipException e) {
            throw new InvalidInputException(file + " is not a model bundle or is damaged/truncated (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read model bundle " + file + ": " + e.getMessage());
        }
    }

    private void writeMembers(ZipOutputStream out) throws IOException {
        put(out, ENSEMBLE, json(new Ensemble("mean", members.stream().map(TrainableNetwork::kind).toList())));
        for (int i = 1; i < members.size(); i++) {
            Path memberFile = Files.createTempFile("layerlab-member-", ".zip");
            try {
                members.get(i).save(memberFile.toFile(), false);
                try (ZipFile dl4j = new ZipFile(memberFile.toFile())) {
                    Enumeration<? extends ZipEntry> entries = dl4j.entries();
                    while (entries.hasMoreElements()) {
                        ZipEntry entry = entries.nextElement();
                        if (!MEMBER_ENTRIES.contains(entry.getName())) {
                            continue; // e.g. an empty normalizer entry: a member needs its configuration and weights only
                        }
                        out.putNextEntry(new ZipEntry(memberEntry(i, entry.getName())));
                        try (InputStream in = dl4j.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
                put(out, memberEntry(i, MEMBER_EXPERIMENT), ExperimentJson.toJson(memberExperiments.get(i)));
            } finally {
                Files.deleteIfExists(memberFile);
            }
        }
    }

    /** Members 1.. of an ensemble bundle, each checked and restored from its own entries. */
    private static void readMembers(ZipFile zip, Path file, FittedPreprocessing preprocessing,
                                    List<TrainableNetwork> members, List<Experiment> experiments, BundleCheck check)
            throws IOException {
        Ensemble ensemble = ExperimentJson.MAPPER.readValue(text(zip, ENSEMBLE, file), Ensemble.class);
        if (ensemble.kinds() == null || ensemble.kinds().isEmpty() || ensemble.kinds().size() > MAX_MEMBERS
                || !"mean".equals(ensemble.combine())) {
            throw new InvalidInputException(file + " has an invalid " + ENSEMBLE + " (1 to " + MAX_MEMBERS
                    + " members combined by 'mean' expected)");
        }
        for (int i = 1; i < ensemble.kinds().size(); i++) {
            Experiment experiment = ExperimentJson.fromJson(text(zip, memberEntry(i, MEMBER_EXPERIMENT), file),
                    file + "!" + memberEntry(i, MEMBER_EXPERIMENT));
            BundleCheck.CheckedNetwork checked = check.networks().get(MEMBERS_DIR + i + "/");
            if (checked == null) {
                throw new InvalidInputException(file + " is incomplete: it has no " + memberEntry(i, MEMBER_CONFIGURATION));
            }
            BundleCheck.checkWidths(checked, preprocessing, experiment, file);
            Path memberFile = Files.createTempFile("layerlab-member-", ".zip");
            try {
                try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(memberFile))) {
                    for (String name : List.of(MEMBER_CONFIGURATION, MEMBER_COEFFICIENTS)) {
                        ZipEntry entry = zip.getEntry(memberEntry(i, name));
                        if (entry == null) {
                            throw new InvalidInputException(file + " is incomplete: it has no " + memberEntry(i, name));
                        }
                        out.putNextEntry(new ZipEntry(name));
                        try (InputStream in = zip.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
                TrainableNetwork member;
                try {
                    member = NetworkFiles.restore(ensemble.kinds().get(i), memberFile, experiment, preprocessing, false);
                } catch (RuntimeException e) {
                    throw new InvalidInputException(file + " holds an ensemble member (" + i + ") DL4J cannot read: " + e.getMessage());
                }
                if (member.numParams() <= 0) {
                    throw new InvalidInputException(file + " holds an empty ensemble member (" + i + ")");
                }
                members.add(member);
                experiments.add(experiment);
            } finally {
                Files.deleteIfExists(memberFile);
            }
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
