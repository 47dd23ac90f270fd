package dev.layerlab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.data.TaskType;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.runs.RunWriter;
import dev.layerlab.export.bundles.Flags;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.Dl4jTranslator;
import dev.layerlab.model.Initializer;
import dev.layerlab.model.Loss;
import dev.layerlab.model.NetworkShape;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.NetworkTemplates;
import dev.layerlab.model.OutputSpec;
import dev.layerlab.training.CheckpointSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.ScheduleKind;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.training.TrainingSpec;
import dev.layerlab.training.Updaters;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corpus of crafted bundles, each refused in one line before DL4J, ND4J or a JSON parser reads it. */
class BundleValidationTest {
    @TempDir
    static Path dir;
    static Path good;
    static PreparedData data;
    static Experiment experiment;

    /** Writes extra bytes into an entry as they are produced (so a "huge" entry never exists in memory). */
    interface EntryWriter {
        void write(java.io.OutputStream out) throws IOException;
    }

    @BeforeAll
    static void trainAndSave() throws IOException {
        Path csv = TestData.regression(dir, 120);
        DataSpec spec = new DataSpec(csv.toString(), null, null, "y", TaskChoice.AUTO, Map.of(),
                new SplitSpec(0.7, 0.15, 0.15, 1, true), null);
        data = DataPipeline.prepare(spec, dir);
        NetworkSpec network = NetworkSpec.of(DenseLayer.of(4, Activation.RELU));
        TrainingSpec training = new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, 0.01), 16, 1, 9,
                EarlyStoppingSpec.disabled(), CheckpointSpec.none());
        experiment = new Experiment(0, "crafted", spec, network, training);
        TrainingResult result = new Trainer(null, null).train(network, training, data);
        Path run = Files.createDirectories(dir.resolve("run"));
        RunWriter.write(run, experiment, data, result, csv.toString(), Instant.now(), null);
        good = run.resolve("model.zip");
    }

    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> all = new java.util.LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> e = z.entries();
            while (e.hasMoreElements()) {
                ZipEntry entry = e.nextElement();
                try (InputStream in = z.getInputStream(entry)) {
                    all.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return all;
    }

    /** The good bundle with some entries replaced (null removes one) and some streamed in. */
    static Path crafted(String name, Map<String, byte[]> replaced, Map<String, EntryWriter> streamed) throws IOException {
        Path out = dir.resolve(name + ".zip");
        Map<String, byte[]> all = entries(good);
        all.putAll(replaced);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            zip.setLevel(Deflater.BEST_SPEED);
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                if (e.getValue() == null || streamed.containsKey(e.getKey())) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            for (Map.Entry<String, EntryWriter> e : streamed.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                e.getValue().write(zip);
                zip.closeEntry();
            }
        }
        return out;
    }

    static EntryWriter zeros(long bytes) {
        return out -> {
            byte[] block = new byte[1 << 20];
            for (long left = bytes; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        };
    }

    /** An ND4J array entry (Nd4j.write's format) with its shape and length rewritten to claim {@code values}. */
    static byte[] claiming(byte[] array, long values) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(array));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(in.readUTF());
        long shapeLength = in.readLong();
        out.writeLong(shapeLength);
        out.writeUTF(in.readUTF());
        long[] shape = new long[(int) shapeLength];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = in.readLong();
        }
        int rank = (int) shape[0];
        for (int i = 1; i <= rank; i++) {
            shape[i] = i == rank ? values : 1;
        }
        for (long v : shape) {
            out.writeLong(v);
        }
        out.writeUTF(in.readUTF());
        in.readLong();
        out.writeLong(values);
        out.writeUTF(in.readUTF());
        in.transferTo(out);
        out.flush();
        return bytes.toByteArray();
    }

    static String refusal(Path bundle) {
        try {
            ModelBundle.read(bundle);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).doesNotContain("\n").startsWith(bundle.toString());
            return e.getMessage();
        }
        throw new AssertionError(bundle + " was accepted");
    }

    @Test
    void everyCommandThatReadsABundleRefusesACraftedOneInOneLineWithExit2() throws IOException {
        byte[] coefficients = entries(good).get("coefficients.bin");
        Path bundle = crafted("cli-huge-header", Map.of("coefficients.bin", claiming(coefficients, 1L << 40)), Map.of());
        Path csv = dir.resolve("rows.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        List<String[]> commands = List.of(
                new String[] {"summary", "--model", bundle.toString()},
                new String[] {"predict", "--model", bundle.toString(), "--data", csv.toString(), "--out", dir.resolve("p.csv").toString()},
                new String[] {"evaluate", "--model", bundle.toString(), "--data", csv.toString()},
                new String[] {"serve", "--model", bundle.toString(), "--port", "0"});
        for (String[] args : commands) {
            java.io.StringWriter err = new java.io.StringWriter();
            int code = dev.layerlab.cli.LayerLabCommand.commandLine(new java.io.PrintWriter(new java.io.StringWriter(), true),
                    new java.io.PrintWriter(err, true)).execute(args);

            assertThat(code).as(args[0]).isEqualTo(2);
            assertThat(err.toString().strip()).as(args[0]).doesNotContain("\n").contains("is refused: coefficients.bin");
        }
    }

    @Test
    void aGoodBundleStillLoads() {
        assertThat(ModelBundle.read(good).network().numParams()).isPositive();
    }

    @Test
    void everyEntryLayerLabWritesIsKnownIncludingDiagnostics() throws IOException {
        Path withDiagnostics = dir.resolve("with-diagnostics.zip");
        ModelBundle.read(good).withDiagnostics("epoch,layer,value\n1,dense,0.5\n").write(withDiagnostics);

        assertThat(ModelBundle.read(withDiagnostics).diagnostics()).contains("dense");
        for (String name : entries(withDiagnostics).keySet()) {
            assertThat(BundleCheck.capOf(name, ModelBundle.KNOWN_ENTRIES)).as(name).isPositive();
        }
    }

    @Test
    void anArrayHeaderClaiming2Pow40ElementsIsRefusedBeforeNativeCodeAllocatesIt() throws IOException {
        byte[] coefficients = entries(good).get("coefficients.bin");
        Path bundle = crafted("huge-header", Map.of("coefficients.bin", claiming(coefficients, 1L << 40)), Map.of());

        assertThat(refusal(bundle)).contains("coefficients.bin").contains(Long.toString(1L << 40));
    }

    @Test
    void anUpdaterStateHeaderClaimingMoreThanItHoldsIsRefused() throws IOException {
        byte[] state = entries(good).get("updaterState.bin");
        Path bundle = crafted("huge-updater", Map.of("updaterState.bin", claiming(state, 1L << 33)), Map.of());

        assertThat(refusal(bundle)).contains("updaterState.bin");
    }

    @Test
    void weightsShorterThanTheirHeaderAreRefused() throws IOException {
        byte[] coefficients = entries(good).get("coefficients.bin");
        byte[] cut = java.util.Arrays.copyOf(coefficients, coefficients.length - 8);
        Path bundle = crafted("truncated-weights", Map.of("coefficients.bin", cut), Map.of());

        assertThat(refusal(bundle)).contains("coefficients.bin").contains("bytes of data");
    }

    @Test
    void anUnknownEntryIsRefusedWithoutInflatingIt() throws IOException {
        Path bundle = crafted("unknown-entry", Map.of(), Map.of("padding.bin", zeros(64L << 20)));

        assertThat(refusal(bundle)).contains("unknown entry 'padding.bin'");
    }

    @Test
    void aGigabyteConfigurationIsRefusedAtItsCapWithoutBeingRead() throws IOException {
        // 1 GiB of zeros deflates to ~1 MB; the check stops counting at the 8 MiB cap.
        Path bundle = crafted("huge-config", Map.of(), Map.of("configuration.json", zeros(1L << 30)));

        assertThat(refusal(bundle)).contains("'configuration.json' is larger than 8 MiB");
    }

    @Test
    void anOversizedManifestIsRefusedAtItsCap() throws IOException {
        Path bundle = crafted("huge-manifest", Map.of(), Map.of("layerlab/manifest.json", zeros(200L << 20)));

        assertThat(refusal(bundle)).contains("'layerlab/manifest.json' is larger than 64 KiB");
    }

    @Test
    void aPreprocessingWiderOrNarrowerThanTheNetworkIsRefusedAtLoad() throws IOException {
        NetworkShape shape = Trainer.shapeOf(data.preprocessing());
        NetworkShape wider = NetworkShape.of(shape.inputs() + 1, TaskType.REGRESSION, 0);
        MultiLayerConfiguration conf = Dl4jTranslator.toConfiguration(experiment.network(), wider,
                Updaters.toDl4j(OptimizerSpec.defaults()), 1);
        MultiLayerNetwork other = new MultiLayerNetwork(conf);
        other.init();
        Path otherFile = dir.resolve("other-network.zip");
        ModelSerializer.writeModel(other, otherFile.toFile(), true);
        Map<String, byte[]> swapped = new HashMap<>(entries(otherFile));
        Path bundle = crafted("width-mismatch", swapped, Map.of());

        assertThat(refusal(bundle)).contains("preprocessing makes " + shape.inputs() + " inputs but the network takes "
                + (shape.inputs() + 1));
    }

    @Test
    void anUnknownClassInTheConfigurationIsRefusedBeforeItIsLoaded() throws IOException {
        String config = new String(entries(good).get("configuration.json"), StandardCharsets.UTF_8);
        String evil = config.replaceFirst("org\\.deeplearning4j\\.nn\\.conf\\.layers\\.DenseLayer",
                "dev.layerlab.export.bundles.EvilLayer");
        assertThat(evil).isNotEqualTo(config);
        Path bundle = crafted("unknown-class", Map.of("configuration.json", evil.getBytes(StandardCharsets.UTF_8)), Map.of());

        assertThat(refusal(bundle)).contains("dev.layerlab.export.bundles.EvilLayer").contains("does not write");
        assertThat(Flags.EVIL_LAYER_INITIALISED).isFalse();

        // The control: handed to DL4J directly, the same kind of JSON loads the class and runs its initializer.
        String control = config.replaceFirst("org\\.deeplearning4j\\.nn\\.conf\\.layers\\.DenseLayer",
                "dev.layerlab.export.bundles.ControlLayer");
        try {
            MultiLayerConfiguration.fromJson(control);
        } catch (RuntimeException expected) {
            // DL4J refuses it only after loading it
        }
        assertThat(Flags.CONTROL_LAYER_INITIALISED).isTrue();
    }

    @Test
    void aClassNameOutsideAClassFieldIsRefusedToo() throws IOException {
        String config = new String(entries(good).get("configuration.json"), StandardCharsets.UTF_8);
        String sneaky = config.replaceFirst("\"cacheMode\" : \"NONE\"", "\"cacheMode\" : \"java.lang.ProcessBuilder\"");
        assertThat(sneaky).isNotEqualTo(config);
        Path bundle = crafted("class-in-value", Map.of("configuration.json", sneaky.getBytes(StandardCharsets.UTF_8)), Map.of());

        assertThat(refusal(bundle)).contains("java.lang.ProcessBuilder");
    }

    @Test
    void ensembleMemberEntriesAreKnownAndOthersUnderMembersAreNot() {
        assertThat(BundleCheck.capOf("members/3/configuration.json", ModelBundle.KNOWN_ENTRIES)).isPositive();
        assertThat(BundleCheck.capOf("members/3/coefficients.bin", ModelBundle.KNOWN_ENTRIES)).isPositive();
        assertThat(BundleCheck.capOf("members/3/experiment.json", ModelBundle.KNOWN_ENTRIES)).isPositive();
        assertThat(BundleCheck.capOf("members/3/preprocessor.bin", ModelBundle.KNOWN_ENTRIES)).isNegative();
        assertThat(BundleCheck.capOf("members/x/configuration.json", ModelBundle.KNOWN_ENTRIES)).isNegative();
        assertThat(BundleCheck.capOf("preprocessor.bin", ModelBundle.KNOWN_ENTRIES)).isNegative();
    }

    /** Every configuration LayerLab can write passes the allow-list: each activation, initializer, loss, optimizer, schedule, template. */
    @Test
    void theAllowListCoversEveryConfigurationLayerLabWrites() throws IOException {
        NetworkShape regression = NetworkShape.of(5, TaskType.REGRESSION, 0);
        NetworkShape multiclass = NetworkShape.of(5, TaskType.MULTICLASS_CLASSIFICATION, 3);
        NetworkShape binary = NetworkShape.of(5, TaskType.BINARY_CLASSIFICATION, 2);
        List<String> configurations = new ArrayList<>();
        for (Activation a : Activation.values()) {
            for (Initializer init : Initializer.values()) {
                NetworkSpec spec = NetworkSpec.of(DenseLayer.of(4, a).withWeightInit(init).withRegularization(1e-4, 1e-4));
                addIfValid(configurations, spec, regression, OptimizerSpec.defaults());
            }
        }
        for (Loss loss : Loss.values()) {
            for (Activation a : Activation.values()) {
                for (NetworkShape shape : List.of(regression, multiclass, binary)) {
                    NetworkSpec spec = NetworkSpec.of(DenseLayer.of(4, Activation.RELU))
                            .withOutput(new OutputSpec(a, loss, Initializer.GLOROT_UNIFORM, 1e-3, 1e-3));
                    addIfValid(configurations, spec, shape, OptimizerSpec.defaults());
                }
            }
        }
        for (OptimizerKind kind : OptimizerKind.values()) {
            for (ScheduleKind schedule : ScheduleKind.values()) {
                addIfValid(configurations, NetworkSpec.of(DenseLayer.of(4, Activation.RELU)), regression,
                        new OptimizerSpec(kind, 0.01, null, schedule, null, null));
            }
        }
        for (NetworkSpec template : NetworkTemplates.templates().values()) {
            addIfValid(configurations, template, regression, OptimizerSpec.defaults());
        }
        List<String> columns = List.of("a", "b", "c", "colour");
        NetworkShape graphShape = new NetworkShape(5, 1, TaskType.REGRESSION, List.of("a", "b", "c", "colour=red", "colour=blue"));
        for (String id : NetworkTemplates.DATA_TEMPLATES.keySet()) {
            NetworkSpec spec = NetworkTemplates.forData(id, columns);
            configurations.add(spec.isGraph()
                    ? Dl4jTranslator.toGraphConfiguration(spec, graphShape, Updaters.toDl4j(OptimizerSpec.defaults()), 1).toJson()
                    : Dl4jTranslator.toConfiguration(spec, graphShape, Updaters.toDl4j(OptimizerSpec.defaults()), 1).toJson());
        }
        assertThat(configurations).hasSizeGreaterThan(100);
        for (String json : configurations) {
            BundleCheck.checkConfigurationClasses(json, Path.of("test.zip"));
        }
    }

    private static void addIfValid(List<String> out, NetworkSpec spec, NetworkShape shape, OptimizerSpec optimizer) {
        try {
            out.add(Dl4jTranslator.toConfiguration(spec, shape, Updaters.toDl4j(optimizer), 1).toJson());
        } catch (RuntimeException notACombinationLayerLabWrites) {
            // e.g. softmax on a one-unit output, relu into cross-entropy: refused before training
        }
    }
}
