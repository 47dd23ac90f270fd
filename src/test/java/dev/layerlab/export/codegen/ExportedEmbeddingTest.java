package dev.layerlab.export.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.Encoding;
import dev.layerlab.data.ExplicitSettings;
import dev.layerlab.data.FittedColumn;
import dev.layerlab.data.Matrix;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.InputNode;
import dev.layerlab.model.MergeLayer;
import dev.layerlab.model.MergeMode;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.OutputNode;
import dev.layerlab.model.OutputSpec;
import dev.layerlab.training.CheckpointSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingSpec;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column of many categories in exported code: the engine embeds it (an index input and a learned table per
 * column, merged with the other features), and so do the generated programs, with the same vocabulary (sorted,
 * rare categories pooled as "other" = 1, values not seen in training = 0, missing cells filled with the most
 * frequent category). The DL4J classes, sequential and graph, prepare the engine's inputs and reach its test RMSE
 * after 2 epochs; the Keras script's preparation gives the engine's matrix, index column included.
 */
class ExportedEmbeddingTest {
    @TempDir
    Path dir;

    /**
     * 700 rows: shop (40 regular shops, 4 with two rows each, 10 seen once, a missing cell in 60), colour, x, and
     * y = effect(shop) + 0.5 x + noise.
     */
    static Path stores(Path dir) {
        Random random = new Random(21);
        double[] effect = new double[60];
        for (int s = 0; s < effect.length; s++) {
            effect[s] = 2 * random.nextGaussian();
        }
        String[] colours = {"red", "green", "blue"};
        StringBuilder csv = new StringBuilder("shop,colour,x,y\n");
        for (int r = 0; r < 700; r++) {
            int shop = r < 8 ? 40 + r / 2 : r < 18 ? 44 + (r - 8) : random.nextInt(40);
            double x = random.nextGaussian();
            String colour = colours[random.nextInt(3)];
            double y = effect[shop] + 0.5 * x + (colour.equals("red") ? 0.5 : 0) + 0.3 * random.nextGaussian();
            csv.append(r % 60 == 30 ? "" : String.format(Locale.ROOT, "S%02d", shop)).append(',').append(colour).append(',')
                    .append(String.format(Locale.ROOT, "%.4f,%.4f", x, y)).append('\n');
        }
        return TestData.write(dir.resolve("stores.csv"), csv.toString());
    }

    static Experiment experiment(Path csv, NetworkSpec network) {
        DataSpec data = new DataSpec(csv.toString(), ',', true, "y", TaskChoice.REGRESSION, Map.of(),
                new SplitSpec(0.7, 0.15, 0.15, 3, false), null);
        TrainingSpec training = new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, 0.01), 32, 2, 7,
                EarlyStoppingSpec.disabled(), CheckpointSpec.none());
        return new Experiment(0, "stores", data, network, training);
    }

    static final NetworkSpec SEQUENTIAL = NetworkSpec.of(DenseLayer.of(16, Activation.RELU), DenseLayer.of(8, Activation.RELU));

    /** "shop_only" takes only the embedded column; "all" every feature, so the shop's embedding is shared. */
    static final NetworkSpec GRAPH = new NetworkSpec(
            List.of(new InputNode("shop_only", List.of("shop")), new InputNode("all", List.of())),
            List.of(DenseLayer.of(4, Activation.TANH).withName("shop_dense"), DenseLayer.of(8, Activation.RELU).withName("hidden"),
                    new MergeLayer("both", MergeMode.CONCATENATE)),
            Map.of("shop_dense", List.of("shop_only"), "hidden", List.of("all"), "both", List.of("shop_dense", "hidden")),
            OutputSpec.auto(), List.of(new OutputNode("y_out", "both", OutputSpec.auto(), 1.0)));

    static Experiment exported(Experiment e, Path csv) {
        return e.withData(ExplicitSettings.forCodeExport(e.data(), csv.getParent()));
    }

    @Test
    void theGeneratedJavaEmbedsTheColumnAsTheEngineAndReachesItsRmse() throws Exception {
        Path csv = stores(dir);
        Experiment sequential = experiment(csv, SEQUENTIAL);
        Experiment graph = experiment(csv, GRAPH);
        Experiment exportedSequential = exported(sequential, csv);
        assertThat(exportedSequential.data().columns().get("shop").encoding()).as("made explicit for the export")
                .isEqualTo(Encoding.EMBEDDING);
        String sequentialSource = Dl4jGenerator.generate(exportedSequential, "StoresChain");
        assertThat(sequentialSource).as("a sequential network over an embedded column is a graph, as in the engine")
                .contains("ComputationGraph").contains("new EmbeddingLayer.Builder()").contains("inputs.resolve(\"input\")");
        String graphSource = Dl4jGenerator.generate(exported(graph, csv), "StoresGraph");
        Path classes = GeneratedJava.compile(dir, Map.of("StoresChain", sequentialSource, "StoresGraph", graphSource));

        PreparedData engine = DataPipeline.prepare(sequential.data(), dir);
        FittedColumn shop = engine.preprocessing().columns().get(0);
        assertThat(shop.embedding()).isTrue();
        assertThat(shop.rare()).as("the shops with fewer than 3 training rows").isNotEmpty();
        int index = engine.preprocessing().featureNames().indexOf("shop:index");
        int features = engine.preprocessing().featureCount();
        Matrix[] parts = {engine.train(), engine.validation(), engine.test()};
        assertThat(IntStream.range(1, 3).anyMatch(p -> IntStream.range(0, parts[p].rows()).anyMatch(r -> parts[p].feature(r, index) == 0)))
                .as("some validation or test shop was not seen in training (index 0)").isTrue();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Object prepared = GeneratedJava.call(loader.loadClass("StoresChain"), "prepare", new Class<?>[] {Path.class, String[].class},
                    csv, new String[0]);
            float[][] x = (float[][]) GeneratedJava.field(prepared, "x");
            for (int p = 0; p < 3; p++) {
                assertThat(x[p]).hasSize(parts[p].features().length);
                for (int i = 0; i < x[p].length; i++) {
                    assertThat(x[p][i]).as("split %d, row %d, %s", p, i / features, engine.preprocessing().featureNames().get(i % features))
                            .isCloseTo(parts[p].features()[i], within(1e-5f));
                }
            }
            List<?> embedded = (List<?>) GeneratedJava.field(prepared, "embedded");
            assertThat(embedded).hasSize(1);
            assertThat(embedded.get(0).toString()).isEqualTo("Embedded[column=shop, feature=" + index + ", vocabulary="
                    + shop.vocabulary() + ", dimension=" + shop.embeddingDim() + "]");
        }

        String chain = GeneratedJava.run(classes, "StoresChain", csv.toString(), "2", dir.resolve("chain.zip").toString());
        assertThat(chain).contains("Column shop: embedding of " + shop.vocabulary() + " rows");
        double engineRmse = new Trainer(null, null).train(SEQUENTIAL, sequential.training(), engine).metrics().get("test").get("rmse");
        assertThat(CodeGeneratorTest.number(chain, "test: output rmse")).isCloseTo(engineRmse, within(1e-4));

        String branches = GeneratedJava.run(classes, "StoresGraph", csv.toString(), "2", dir.resolve("graph.zip").toString());
        assertThat(branches).contains("inputs shop_only (1 features), all (");
        double graphRmse = new Trainer(null, null).train(GRAPH, graph.training(), engine).metrics().get("test").get("rmse");
        assertThat(CodeGeneratorTest.number(branches, "test: y_out rmse")).isCloseTo(graphRmse, within(1e-4));
    }

    /**
     * The file alone tells how many categories a column has, not how many the training rows held: 28 shops with
     * many rows and 6 seen once (34 in the file) are embedded or not depending on where the single rows fall.
     * Exported from a model, each column keeps the encoding it was trained with.
     */
    @Test
    void exportedFromAModelEachColumnKeepsTheEncodingItWasTrainedWith() throws Exception {
        StringBuilder csv = new StringBuilder("shop,x,y\n");
        Random random = new Random(3);
        for (int r = 0; r < 300; r++) {
            String shop = r < 6 ? "single" + r : String.format(Locale.ROOT, "S%02d", random.nextInt(28));
            csv.append(shop).append(',').append(String.format(Locale.ROOT, "%.3f,%.3f%n", random.nextGaussian(), random.nextGaussian()));
        }
        Path file = TestData.write(dir.resolve("singles.csv"), csv.toString());
        boolean sawOneHot = false;
        boolean sawEmbedded = false;
        for (long seed = 1; seed <= 40 && !(sawOneHot && sawEmbedded); seed++) {
            DataSpec data = new DataSpec(file.toString(), ',', true, "y", TaskChoice.REGRESSION, Map.of(),
                    new SplitSpec(0.7, 0.15, 0.15, seed, false), null);
            boolean embedded = DataPipeline.prepare(data, dir).preprocessing().columns().get(0).embedding();
            DataSpec fromFile = ExplicitSettings.forCodeExport(data, dir);
            DataSpec fromModel = ExplicitSettings.forCodeExport(data, dir, DataPipeline.prepare(data, dir).preprocessing());
            assertThat(fromFile.columns().get("shop").encoding()).as("34 categories in the file").isEqualTo(Encoding.EMBEDDING);
            assertThat(fromModel.columns().get("shop").encoding()).as("split seed %d", seed)
                    .isEqualTo(embedded ? Encoding.EMBEDDING : Encoding.ONE_HOT);
            Experiment e = new Experiment(0, "singles", fromModel, SEQUENTIAL, experiment(file, SEQUENTIAL).training());
            assertThat(Dl4jGenerator.generate(e, "Singles")).contains(embedded ? "ComputationGraph" : "MultiLayerNetwork");
            sawOneHot |= !embedded;
            sawEmbedded |= embedded;
        }
        assertThat(sawOneHot).as("a split leaving at least 4 single shops out of the training rows").isTrue();
        assertThat(sawEmbedded).as("a split with more than 30 training shops").isTrue();
    }

    @Test
    void theKerasScriptFeedsEachEmbeddedColumnThroughItsOwnInputAndEmbedding() throws Exception {
        Path csv = stores(dir);
        for (Experiment e : List.of(experiment(csv, SEQUENTIAL), experiment(csv, GRAPH))) {
            String script = KerasGenerator.generate(exported(e, csv));
            assertThat(script).contains("\"shop\": {\"role\": None").contains("\"encoding\": \"embedding\"")
                    .contains("tensor = keras.Input(shape=(1 if step else i[\"width\"],), name=keras_name(i[\"name\"]))")
                    .contains("layers.Embedding(step[\"vocabulary\"], step[\"dimension\"], name=keras_name(name))(tensor)")
                    .contains("layers.Flatten(name=keras_name(name + \"_flat\"))(table)")
                    .contains("layers.Concatenate(name=keras_name(name + \"_merge\"))")
                    .contains("inputs, joined = model_inputs(layout)");
            Path file = Files.writeString(dir.resolve("stores.py"), script);
            Process p = new ProcessBuilder("python3", "-m", "py_compile", file.toString()).redirectErrorStream(true).start();
            String errors = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(errors).isZero();
        }
        assertThat(KerasGenerator.generate(exported(experiment(csv, SEQUENTIAL), csv)))
                .contains("x = joined[\"input\"]").contains("model = keras.Model(inputs=inputs, outputs=output");
        assertThat(KerasGenerator.generate(exported(experiment(csv, GRAPH), csv)))
                .contains("shop_only = joined[\"shop_only\"]").contains("all_ = joined[\"all\"]");
    }

    /**
     * A stand-in for Keras that records the functional graph build_model wires (TensorFlow is not installed here):
     * the generated model code runs, and its inputs and layers are the engine's branches.
     */
    static final String RECORDING_KERAS = String.join("\n",
            "class T:",
            "    def __init__(self, op, name, inputs=()):",
            "        self.op, self.name, self.inputs = op, name, list(inputs)",
            "    def __repr__(self):",
            "        inner = ', '.join(repr(i) for i in self.inputs)",
            "        return '%s(%s)' % (self.op, self.name) + ('[' + inner + ']' if inner else '')",
            "class Layer:",
            "    def __init__(self, op, args, kw):",
            "        self.op, self.args, self.kw = op, args, kw",
            "    def __call__(self, x):",
            "        op = self.op + ''.join(':' + str(a) for a in self.args)",
            "        return T(op, self.kw.get('name'), x if isinstance(x, list) else [x])",
            "class Layers:",
            "    def __getattr__(self, op):",
            "        return lambda *a, **k: Layer(op, a, k)",
            "layers = Layers()",
            "def Input(shape, name=None):",
            "    return T('Input:%d' % shape[0], name)",
            "class Model:",
            "    def __init__(self, inputs, outputs, name=None):",
            "        self.inputs, self.outputs = inputs, outputs",
            "class initializers:",
            "    Constant = staticmethod(lambda v: v)",
            "class regularizers:",
            "    L1L2 = staticmethod(lambda **k: k)",
            "");

    /** The generated build_model, run on the prepared layout, wires the engine's inputs, embeddings and merges. */
    @Test
    void theKerasModelTakesTheIndexThroughAnEmbeddingJoinedWithTheOtherFeatures() throws Exception {
        Assumptions.assumeTrue(ExportedTrainingSettingsTest.pandas(), "/usr/bin/python3 with pandas and numpy is not installed");
        Path csv = stores(dir);
        Path stub = Files.createDirectories(dir.resolve("recording").resolve("keras"));
        Files.writeString(stub.resolve("__init__.py"), RECORDING_KERAS);
        PreparedData engine = DataPipeline.prepare(experiment(csv, SEQUENTIAL).data(), dir);
        FittedColumn shop = engine.preprocessing().columns().get(0);
        String table = "Embedding:" + shop.vocabulary() + ":" + shop.embeddingDim() + "(shop_embedding)[Input:1(shop_index)]";
        String[][] cases = {
                {"chain.py", KerasGenerator.generate(exported(experiment(csv, SEQUENTIAL), csv)),
                        "model, loss = m.build_model(layout, 1, 'regression')",
                        "Dense:1(output)[Dense:8(dense_1)[Dense:16(dense)[Concatenate(input_merge)[Input:4(input), Flatten(shop_embedding_flat)["
                                + table + "]]]]]"},
                {"graph.py", KerasGenerator.generate(exported(experiment(csv, GRAPH), csv)),
                        "model, losses = m.build_model(layout, encodings)",
                        "Dense:1(y_out)[Concatenate(both)[Dense:4(shop_dense)[Flatten(shop_embedding_flat)[" + table + "]], "
                                + "Dense:8(hidden)[Concatenate(all_merge)[Input:4(all), Flatten(shop_embedding_flat)[" + table + "]]]]]"}};
        for (String[] c : cases) {
            Path script = Files.writeString(dir.resolve(c[0]), c[1]);
            String program = String.join("\n",
                    "import importlib.util, sys",
                    "spec = importlib.util.spec_from_file_location('exported', sys.argv[1])",
                    "m = importlib.util.module_from_spec(spec)",
                    "spec.loader.exec_module(m)",
                    "encodings, layout, parts = m.prepare(sys.argv[2], getattr(m, 'INPUTS', None), [None])",
                    c[2],
                    "print([repr(i) for i in model.inputs])",
                    "print(repr(model.outputs[0] if isinstance(model.outputs, list) else model.outputs))", "");
            ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", "-c", program, script.toString(), csv.toString())
                    .redirectErrorStream(true);
            builder.environment().put("PYTHONPATH", stub.getParent().toString());
            Process python = builder.start();
            String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.waitFor()).as(printed).isZero();
            List<String> lines = printed.lines().filter(l -> !l.startsWith("Column ")).toList();
            assertThat(lines.get(0)).as(c[0]).isEqualTo(c[0].equals("chain.py") ? "['Input:4(input)', 'Input:1(shop_index)']"
                    : "['Input:1(shop_index)', 'Input:4(all)']");
            assertThat(lines.get(1)).as(c[0]).isEqualTo(c[3]);
            // and the whole script runs (against a stand-in that trains nothing)
            assertThat(ExportedTrainingSettingsTest.runWithFakeKeras(dir, c[1], csv)).contains("Column shop: embedding of "
                    + shop.vocabulary() + " rows").contains("saved model.keras");
        }
    }

    /**
     * The Keras script's preprocessing fitted on the engine's training rows gives the engine's matrices on every
     * split (the shop's index included: other = 1, unseen = 0), and its model inputs are the engine's: a dense
     * input and the shop's index input, joined; the graph's shop_only input is the shop's embedding alone.
     */
    @Test
    void theGeneratedPythonIndexesTheCategoriesAsTheEngine() throws Exception {
        Assumptions.assumeTrue(ExportedTrainingSettingsTest.pandas(), "/usr/bin/python3 with pandas and numpy is not installed");
        Path csv = stores(dir);
        Experiment experiment = experiment(csv, GRAPH);
        PreparedData engine = DataPipeline.prepare(experiment.data(), dir);
        Matrix[] parts = {engine.train(), engine.validation(), engine.test()};
        Path script = Files.writeString(dir.resolve("train_stores.py"), KerasGenerator.generate(exported(experiment, csv)));
        Path rows = Files.writeString(dir.resolve("train_rows.txt"), IntStream.of(parts[0].sourceRows()).mapToObj(Integer::toString)
                .collect(Collectors.joining(" ")));
        Path stub = Files.createDirectories(dir.resolve("stub").resolve("keras"));
        Files.writeString(stub.resolve("__init__.py"), "layers = None  # stands in for Keras: only the preparation runs\n");
        String program = String.join("\n",
                "import importlib.util, sys",
                "spec = importlib.util.spec_from_file_location('exported', sys.argv[1])",
                "m = importlib.util.module_from_spec(spec)",
                "spec.loader.exec_module(m)",
                "frame = m.load(sys.argv[2])",
                "train = [int(r) for r in open(sys.argv[3]).read().split()]",
                "prep = m.Preprocessing(frame.iloc[train], m.input_columns(frame, [m.TARGET]))",
                "inputs, joins = m.input_layout(prep, m.INPUTS)",
                "print(' '.join(i['name'] + '=' + ','.join(i['columns']) for i in inputs))",
                "print(' '.join(name + '=' + '+'.join(parts) for name, parts in joins.items()))",
                "for row in prep.transform(frame):",
                "    print(' '.join(repr(float(v)) for v in row))", "");
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", "-c", program, script.toString(), csv.toString(),
                rows.toString()).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", stub.getParent().toString());
        Process python = builder.start();
        String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor()).as(printed).isZero();
        List<String> lines = new ArrayList<>(printed.lines().toList());

        assertThat(lines.remove(0)).isEqualTo("shop_index=shop all=colour,x");
        assertThat(lines.remove(0)).isEqualTo("shop_only=shop_embedding all=all+shop_embedding");
        int features = engine.preprocessing().featureCount();
        for (Matrix part : parts) {
            for (int i = 0; i < part.rows(); i++) {
                String[] row = lines.get(part.sourceRows()[i]).split(" ");
                assertThat(row).hasSize(features);
                for (int f = 0; f < features; f++) {
                    assertThat(Float.parseFloat(row[f])).as("row %d, %s", part.sourceRows()[i], engine.preprocessing().featureNames().get(f))
                            .isCloseTo(part.feature(i, f), within(1e-4f));
                }
            }
        }
    }
}
