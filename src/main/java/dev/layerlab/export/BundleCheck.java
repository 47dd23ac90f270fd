package dev.layerlab.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.layerlab.InvalidInputException;
import dev.layerlab.data.FittedPreprocessing;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.InputLayout;
import dev.layerlab.model.NetworkGraph;
import dev.layerlab.model.NetworkShape;
import dev.layerlab.training.Trainer;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Checks a bundle before any parser or native code sees its contents: only known entries, each within its size
 * cap and all within a total (measured by streaming, never inflated into memory), class names in each network
 * configuration from an allow-list (checked on a plain JSON tree, before DL4J's Jackson could load a class),
 * and each ND4J array header consistent with the configuration's parameter count and with the entry's real
 * size. DL4J's reader trusts those headers and allocates native memory from them.
 */
final class BundleCheck {
    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    /** Most bytes all entries together may inflate to. */
    static final long MAX_TOTAL_BYTES = 2048 * MIB;
    /** Most bytes one network's weights may take (128 M float parameters). */
    static final long MAX_COEFFICIENTS_BYTES = 512 * MIB;

    /** A DL4J network's entries (at the root, or under {@code members/<i>/} for an ensemble's members). */
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String UPDATER_STATE = "updaterState.bin";
    private static final Map<String, Long> NETWORK_ENTRIES = Map.of(
            CONFIGURATION, 8 * MIB,
            COEFFICIENTS, MAX_COEFFICIENTS_BYTES,
            UPDATER_STATE, 4 * MAX_COEFFICIENTS_BYTES);

    /** An ensemble member's entry: {@code members/<i>/<name>}. */
    private static final Pattern MEMBER_ENTRY = Pattern.compile("members/([0-9]{1,3})/([A-Za-z]+\\.(?:json|bin))");
    private static final Map<String, Long> MEMBER_ENTRIES = Map.of(
            CONFIGURATION, 8 * MIB,
            COEFFICIENTS, MAX_COEFFICIENTS_BYTES,
            UPDATER_STATE, 4 * MAX_COEFFICIENTS_BYTES,
            "experiment.json", 8 * MIB);

    /**
     * The classes a configuration may name: the DL4J layers, vertices, activations, losses, updaters,
     * schedules, initializers and regularizers LayerLab writes, and LayerLab's own losses. Anything else is
     * refused before DL4J's Jackson would load it (loading a class runs its static initializer).
     */
    static final Set<String> ALLOWED_CLASSES = Set.of(
            // layers and graph vertices
            "org.deeplearning4j.nn.conf.layers.DenseLayer",
            "org.deeplearning4j.nn.conf.layers.OutputLayer",
            "org.deeplearning4j.nn.conf.layers.LossLayer",
            "org.deeplearning4j.nn.conf.layers.BatchNormalization",
            "org.deeplearning4j.nn.conf.layers.DropoutLayer",
            "org.deeplearning4j.nn.conf.layers.ActivationLayer",
            "org.deeplearning4j.nn.conf.layers.PReLULayer",
            "org.deeplearning4j.nn.conf.layers.EmbeddingLayer",
            "org.deeplearning4j.nn.conf.graph.LayerVertex",
            "org.deeplearning4j.nn.conf.graph.MergeVertex",
            "org.deeplearning4j.nn.conf.graph.ElementWiseVertex",
            // activations
            "org.nd4j.linalg.activations.impl.ActivationReLU",
            "org.nd4j.linalg.activations.impl.ActivationLReLU",
            "org.nd4j.linalg.activations.impl.ActivationELU",
            "org.nd4j.linalg.activations.impl.ActivationSELU",
            "org.nd4j.linalg.activations.impl.ActivationTanH",
            "org.nd4j.linalg.activations.impl.ActivationSigmoid",
            "org.nd4j.linalg.activations.impl.ActivationSoftmax",
            "org.nd4j.linalg.activations.impl.ActivationIdentity",
            "org.nd4j.linalg.activations.impl.ActivationSwish",
            "org.nd4j.linalg.activations.impl.ActivationGELU",
            // losses
            "org.nd4j.linalg.lossfunctions.impl.LossMSE",
            "org.nd4j.linalg.lossfunctions.impl.LossMAE",
            "org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT",
            "org.nd4j.linalg.lossfunctions.impl.LossMCXENT",
            "org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood",
            "dev.layerlab.model.HuberLoss",
            "dev.layerlab.model.WeightedLoss",
            "dev.layerlab.model.ClassWeightedBinaryXent",
            // updaters and learning-rate schedules
            "org.nd4j.linalg.learning.config.Adam",
            "org.nd4j.linalg.learning.config.AdaMax",
            "org.nd4j.linalg.learning.config.Nadam",
            "org.nd4j.linalg.learning.config.AdaGrad",
            "org.nd4j.linalg.learning.config.AMSGrad",
            "org.nd4j.linalg.learning.config.RmsProp",
            "org.nd4j.linalg.learning.config.Sgd",
            "org.nd4j.linalg.learning.config.Nesterovs",
            "org.nd4j.linalg.learning.config.NoOp",
            "org.nd4j.linalg.schedule.ExponentialSchedule",
            "org.nd4j.linalg.schedule.StepSchedule",
            "org.nd4j.linalg.schedule.FixedSchedule",
            "org.nd4j.linalg.schedule.MapSchedule",
            // weight initializers, dropout, regularization
            "org.deeplearning4j.nn.weights.WeightInitXavier",
            "org.deeplearning4j.nn.weights.WeightInitXavierUniform",
            "org.deeplearning4j.nn.weights.WeightInitRelu",
            "org.deeplearning4j.nn.weights.WeightInitReluUniform",
            "org.deeplearning4j.nn.weights.WeightInitLecunUniform",
            "org.deeplearning4j.nn.weights.WeightInitNormal",
            "org.deeplearning4j.nn.weights.WeightInitUniform",
            "org.deeplearning4j.nn.weights.WeightInitConstant",
            "org.deeplearning4j.nn.weights.WeightInitDistribution",
            "org.deeplearning4j.nn.conf.distribution.NormalDistribution",
            "org.deeplearning4j.nn.conf.distribution.UniformDistribution",
            "org.deeplearning4j.nn.conf.dropout.Dropout",
            "org.deeplearning4j.nn.conf.dropout.AlphaDropout",
            "org.nd4j.linalg.learning.regularization.L1Regularization",
            "org.nd4j.linalg.learning.regularization.L2Regularization",
            "org.nd4j.linalg.learning.regularization.WeightDecay");

    /** A text value shaped like a qualified Java class name (checked wherever it appears, not only in "@class"). */
    private static final Pattern CLASS_NAME = Pattern.compile("(?:[a-z_$][a-z0-9_$]*\\.){2,}[A-Z][A-Za-z0-9_$]*(?:\\$[A-Za-z0-9_$]+)*");

    /** Plain Jackson (not DL4J's shaded one, which resolves type ids): bounded nesting and string lengths. */
    private static final ObjectMapper TREE = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(200).maxStringLength(1 << 20).maxNumberLength(100).build())
            .build()).build();

    /** The array element types a LayerLab network is saved with, and their sizes in bytes. */
    private static final Map<String, Integer> ELEMENT_BYTES = Map.of("FLOAT", 4, "DOUBLE", 8, "HALF", 2, "BFLOAT16", 2);
    private static final String ALLOCATION_MODE = "MIXED_DATA_TYPES";
    private static final int MAX_RANK = 32;

    /** One network in the bundle, its configuration parsed after the class check. */
    record CheckedNetwork(String prefix, Object configuration, long parameters) {
    }

    private final ZipFile zip;
    private final Path file;
    private final Map<String, Long> knownEntries;
    private final Map<String, Long> realSizes = new HashMap<>();
    private final Map<String, CheckedNetwork> networks = new LinkedHashMap<>();

    private BundleCheck(ZipFile zip, Path file, Map<String, Long> knownEntries) {
        this.zip = zip;
        this.file = file;
        this.knownEntries = knownEntries;
    }

    /**
     * Checks names, sizes, configurations and array headers.
     *
     * @param knownEntries the bundle's own entries (LayerLab's and the main network's) with each one's size cap
     */
    static BundleCheck check(ZipFile zip, Path file, Map<String, Long> knownEntries) throws IOException {
        BundleCheck check = new BundleCheck(zip, file, knownEntries);
        check.checkNamesAndSizes();
        check.checkNetworks();
        return check;
    }

    /** The size cap of an entry, or -1 if the name is not one a bundle may hold. */
    static long capOf(String name, Map<String, Long> knownEntries) {
        Long cap = knownEntries.get(name);
        if (cap != null) {
            return cap;
        }
        Matcher member = MEMBER_ENTRY.matcher(name);
        if (member.matches()) {
            Long memberCap = MEMBER_ENTRIES.get(member.group(2));
            return memberCap == null ? -1 : memberCap;
        }
        return NETWORK_ENTRIES.getOrDefault(name, -1L);
    }

    /** The networks found (the root one under prefix "", members under "members/i/"). */
    Map<String, CheckedNetwork> networks() {
        return networks;
    }

    private void checkNamesAndSizes() throws IOException {
        Set<String> seen = new HashSet<>();
        long total = 0;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName();
            if (entry.isDirectory()) {
                continue;
            }
            if (!seen.add(name)) {
                throw refused("entry '" + name + "' appears twice");
            }
            long cap = capOf(name, knownEntries);
            if (cap < 0) {
                throw refused("unknown entry '" + abbreviate(name) + "' (a LayerLab bundle holds only its own entries)");
            }
            long room = MAX_TOTAL_BYTES - total;
            long size = measure(entry, Math.min(cap, room));
            if (size < 0) {
                throw refused(cap <= room
                        ? "entry '" + name + "' is larger than " + mib(cap) + " (the cap for it)"
                        : "its entries inflate to more than " + mib(MAX_TOTAL_BYTES) + " in total");
            }
            total += size;
            realSizes.put(name, size);
        }
    }

    /** Streams an entry counting its bytes; -1 as soon as it passes {@code limit}. Nothing is kept in memory. */
    private long measure(ZipEntry entry, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                count += n;
                if (count > limit) {
                    return -1;
                }
            }
        }
        return count;
    }

    private void checkNetworks() throws IOException {
        List<String> prefixes = new ArrayList<>();
        prefixes.add("");
        for (String name : realSizes.keySet()) {
            Matcher member = MEMBER_ENTRY.matcher(name);
            if (member.matches() && member.group(2).equals(CONFIGURATION)) {
                prefixes.add("members/" + member.group(1) + "/");
            }
        }
        for (String prefix : prefixes) {
            if (!realSizes.containsKey(prefix + CONFIGURATION) && prefix.isEmpty()) {
                continue; // reported by the reader as an incomplete bundle
            }
            networks.put(prefix, checkNetwork(prefix));
        }
    }

    private CheckedNetwork checkNetwork(String prefix) throws IOException {
        String configName = prefix + CONFIGURATION;
        String json = text(configName);
        JsonNode tree;
        try {
            tree = TREE.readTree(json);
        } catch (JsonProcessingException e) {
            throw refused(configName + " is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw refused(configName + " is not a network configuration");
        }
        checkClasses(tree, configName);
        Object configuration;
        long parameters;
        try {
            if (tree.has("vertices")) {
                ComputationGraphConfiguration graph = ComputationGraphConfiguration.fromJson(json);
                configuration = graph;
                parameters = 0;
                for (GraphVertex vertex : graph.getVertices().values()) {
                    parameters = Math.addExact(parameters, vertex.numParams(true));
                }
            } else if (tree.has("confs")) {
                MultiLayerConfiguration sequential = MultiLayerConfiguration.fromJson(json);
                configuration = sequential;
                parameters = 0;
                for (NeuralNetConfiguration layer : sequential.getConfs()) {
                    parameters = Math.addExact(parameters, layer.getLayer().initializer().numParams(layer));
                }
            } else {
                throw refused(configName + " is not a DL4J network configuration");
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (ArithmeticException e) {
            throw refused(configName + " describes a network with more parameters than a long can count");
        } catch (RuntimeException e) {
            throw refused(configName + " is not a network configuration DL4J can read (" + oneLine(e) + ")");
        }
        if (parameters < 0 || parameters * 2 > MAX_COEFFICIENTS_BYTES) {
            throw refused(configName + " describes " + parameters + " parameters, more than a bundle may hold");
        }
        String coefficients = prefix + COEFFICIENTS;
        if (!realSizes.containsKey(coefficients)) {
            throw refused("it has no " + coefficients + " (the network's weights)");
        }
        long weights = checkArray(coefficients);
        if (weights != parameters) {
            throw refused(coefficients + " holds " + weights + " values but " + configName + " describes "
                    + parameters + " parameters");
        }
        String updater = prefix + UPDATER_STATE;
        if (realSizes.containsKey(updater)) {
            long state = checkArray(updater);
            // Adam and Nadam keep two values per parameter, AMSGrad three; none keeps more than four.
            if (state > 4 * parameters) {
                throw refused(updater + " holds " + state + " values, more than the optimizer of " + parameters
                        + " parameters can have");
            }
        }
        return new CheckedNetwork(prefix, configuration, parameters);
    }

    /**
     * Refuses a configuration naming a class outside {@link #ALLOWED_CLASSES}, reading it as a plain tree.
     *
     * @throws InvalidInputException naming the class
     */
    static void checkConfigurationClasses(String json, Path file) throws IOException {
        new BundleCheck(null, file, Map.of()).checkClasses(TREE.readTree(json), CONFIGURATION);
    }

    /** Every "@class" value, and every text shaped like a class name, must be one LayerLab writes. */
    private void checkClasses(JsonNode node, String where) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (field.getKey().equals("@class") || field.getKey().equals("@type")) {
                    if (!value.isTextual() || !ALLOWED_CLASSES.contains(value.textValue())) {
                        throw refused(where + " names class " + abbreviate(value.asText())
                                + ", which LayerLab does not write (refused before loading it)");
                    }
                } else {
                    checkClasses(value, where);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                checkClasses(item, where);
            }
        } else if (node.isTextual() && CLASS_NAME.matcher(node.textValue()).matches()
                && !ALLOWED_CLASSES.contains(node.textValue())) {
            throw refused(where + " names class " + abbreviate(node.textValue())
                    + ", which LayerLab does not write (refused before loading it)");
        }
    }

    /**
     * Reads an ND4J array entry's headers ({@code Nd4j.write}: the shape buffer, then the data buffer, each as
     * allocation mode, length and type) and checks them against each other and against the entry's real size.
     *
     * @return the number of values the array holds
     */
    private long checkArray(String name) throws IOException {
        long size = realSizes.get(name);
        try (DataInputStream in = new DataInputStream(zip.getInputStream(zip.getEntry(name)))) {
            String mode = in.readUTF();
            long shapeLength = in.readLong();
            String shapeType = in.readUTF();
            if (!mode.equals(ALLOCATION_MODE) || !shapeType.equals("LONG") || shapeLength < 4
                    || shapeLength > 2 * MAX_RANK + 4 || shapeLength % 2 != 0) {
                throw refused(name + " has an array header this LayerLab does not write");
            }
            long[] shapeInfo = new long[(int) shapeLength];
            for (int i = 0; i < shapeInfo.length; i++) {
                shapeInfo[i] = in.readLong();
            }
            long rank = shapeInfo[0];
            if (rank != (shapeLength - 4) / 2) {
                throw refused(name + " has an array header whose rank disagrees with its shape");
            }
            long elements = 1;
            for (int i = 1; i <= rank; i++) {
                if (shapeInfo[i] < 0) {
                    throw refused(name + " has an array header with a negative dimension");
                }
                elements = Math.multiplyExact(elements, shapeInfo[i]);
            }
            String dataMode = in.readUTF();
            long length = in.readLong();
            String dataType = in.readUTF();
            Integer elementBytes = ELEMENT_BYTES.get(dataType);
            if (!dataMode.equals(ALLOCATION_MODE) || elementBytes == null) {
                throw refused(name + " has an array header this LayerLab does not write");
            }
            if (length != elements) {
                throw refused(name + " has an array header claiming " + length + " values for a shape of " + elements);
            }
            long header = utfBytes(mode) + 8 + utfBytes(shapeType) + 8 * shapeLength
                    + utfBytes(dataMode) + 8 + utfBytes(dataType);
            if (Math.addExact(header, Math.multiplyExact(length, elementBytes)) != size) {
                throw refused(name + " claims " + length + " values of " + dataType + " but holds " + (size - header)
                        + " bytes of data");
            }
            return length;
        } catch (EOFException e) {
            throw refused(name + " is truncated");
        } catch (ArithmeticException e) {
            throw refused(name + " has an array header claiming more values than a long can count");
        }
    }

    /** Bytes {@code writeUTF} used for an ASCII string. */
    private static long utfBytes(String s) {
        return 2L + s.getBytes(StandardCharsets.UTF_8).length;
    }

    private String text(String name) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return new String(in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, realSizes.get(name))), StandardCharsets.UTF_8);
        }
    }

    /** Checks that the preprocessing's width matches the network's inputs and outputs. */
    static void checkWidths(CheckedNetwork network, FittedPreprocessing prep, Experiment experiment, Path file) {
        NetworkShape shape = Trainer.shapeOf(prep);
        if (network.configuration() instanceof MultiLayerConfiguration sequential) {
            List<NeuralNetConfiguration> confs = sequential.getConfs();
            Layer first = confs.get(0).getLayer();
            if (first instanceof FeedForwardLayer ff && ff.getNIn() != shape.inputs()) {
                throw new InvalidInputException(file + " is refused: its preprocessing makes " + shape.inputs()
                        + " inputs but the network takes " + ff.getNIn());
            }
            Layer last = confs.get(confs.size() - 1).getLayer();
            if (last instanceof FeedForwardLayer ff && ff.getNOut() != shape.outputs()) {
                throw new InvalidInputException(file + " is refused: its preprocessing expects " + shape.outputs()
                        + " outputs but the network gives " + ff.getNOut());
            }
            return;
        }
        ComputationGraphConfiguration graph = (ComputationGraphConfiguration) network.configuration();
        // What each DL4J input's first layer must take: its columns, or for an embedded column's index input the
        // embedding table's rows (every index the preprocessing can write).
        Map<String, Long> inputWidths = new HashMap<>();
        try {
            NetworkGraph.of(experiment.network(), shape);
            NetworkShape seen = NetworkGraph.shapeFor(experiment.network(), shape);
            for (InputLayout.Input input : InputLayout.of(experiment.network(), seen).inputs()) {
                inputWidths.put(input.name(), input.embedding() != null ? input.embedding().vocabulary()
                        : input.features() == null ? seen.inputs() : (long) input.features().length);
            }
        } catch (RuntimeException e) {
            throw new InvalidInputException(file + " is refused: its experiment's network does not fit its preprocessing ("
                    + oneLine(e) + ")");
        }
        if (!inputWidths.keySet().equals(new HashSet<>(graph.getNetworkInputs()))) {
            throw new InvalidInputException(file + " is refused: the network's inputs " + graph.getNetworkInputs()
                    + " are not the experiment's " + inputWidths.keySet());
        }
        for (Map.Entry<String, List<String>> e : graph.getVertexInputs().entrySet()) {
            GraphVertex vertex = graph.getVertices().get(e.getKey());
            if (e.getValue().size() == 1 && inputWidths.containsKey(e.getValue().get(0))
                    && vertex instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof FeedForwardLayer ff
                    && ff.getNIn() != inputWidths.get(e.getValue().get(0))) {
                throw new InvalidInputException(file + " is refused: its preprocessing gives input '" + e.getValue().get(0)
                        + "' " + inputWidths.get(e.getValue().get(0)) + " columns but layer '" + e.getKey()
                        + "' takes " + ff.getNIn());
            }
        }
    }

    private InvalidInputException refused(String why) {
        return new InvalidInputException(file + " is refused: " + why);
    }

    private static String mib(long bytes) {
        return bytes >= MIB ? (bytes / MIB) + " MiB" : (bytes / KIB) + " KiB";
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("\\s*\\R\\s*", " ");
        return m.length() <= 200 ? m : m.substring(0, 197) + "...";
    }
}
