package dev.layerlab.export.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import dev.layerlab.TestData;
import dev.layerlab.data.ColumnSpec;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.Imputation;
import dev.layerlab.data.Role;
import dev.layerlab.data.Scaling;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.Activation;
import dev.layerlab.model.ActivationLayer;
import dev.layerlab.model.BatchNormLayer;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.Initializer;
import dev.layerlab.model.InputNode;
import dev.layerlab.model.Loss;
import dev.layerlab.model.MergeLayer;
import dev.layerlab.model.MergeMode;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.NetworkTemplates;
import dev.layerlab.model.OutputNode;
import dev.layerlab.model.OutputSpec;
import dev.layerlab.training.CheckpointSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.ScheduleKind;
import dev.layerlab.training.TrainingSpec;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated code: the Keras scripts are compared with golden files (regenerate them with
 * {@code -Dlayerlab.regenerateGolden=true}); the DL4J classes are compiled with javac and trained for 2 epochs.
 */
class CodeGeneratorTest {
    static final Path GOLDEN = Path.of("src", "test", "resources", "codegen");

    @TempDir
    Path dir;

    /** Regression with a categorical column, dropout, batch norm, Adam and early stopping. */
    static Experiment regression(String csv) {
        DataSpec data = new DataSpec(csv, ',', true, "y", TaskChoice.AUTO,
                Map.of("colour", new ColumnSpec(null, Imputation.CONSTANT, "unknown", null),
                        "x2", new ColumnSpec(null, Imputation.MEDIAN, null, Scaling.MINMAX)),
                new SplitSpec(0.7, 0.15, 0.15, 7, true), true);
        NetworkSpec network = NetworkSpec.of(new DenseLayer(null, 16, Activation.RELU, Initializer.HE_NORMAL, 0.0, 0.0, 0.0001),
                DropoutLayer.of(0.2), BatchNormLayer.of(), new DenseLayer(null, 8, Activation.PRELU, null, 0.1, 0.0, 0.0),
                ActivationLayer.of(Activation.TANH));
        TrainingSpec training = new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, 0.003), 16, 40, 11,
                new EarlyStoppingSpec(true, "val_rmse", 5, 0.001, true), CheckpointSpec.none());
        return new Experiment(0, "house prices", data, network, training);
    }

    /** Classification with an ignored column, SGD with momentum and a step schedule, no early stopping. */
    static Experiment classification(String csv) {
        DataSpec data = new DataSpec(csv, null, null, "label", TaskChoice.CLASSIFICATION,
                Map.of("id", ColumnSpec.ignored()), new SplitSpec(0.8, 0.2, 0.0, 3, false), null);
        NetworkSpec network = new NetworkSpec(List.of(DenseLayer.of(8, Activation.ELU)),
                OutputSpec.auto().withRegularization(0.001, 0.0));
        TrainingSpec training = new TrainingSpec(new OptimizerSpec(OptimizerKind.SGD, 0.05, 0.9, ScheduleKind.STEP, 0.5, 10),
                8, 30, 5, EarlyStoppingSpec.disabled(), CheckpointSpec.none());
        return new Experiment(0, "spam-or-ham", data, network, training);
    }

    @Test
    void kerasScriptsMatchTheGoldenFiles() throws Exception {
        assertGolden("regression_keras.py", KerasGenerator.generate(regression("data/houses.csv")));
        assertGolden("classification_keras.py", KerasGenerator.generate(classification("data/mail.csv")));
    }

    /** Where python3 is installed, every golden script must at least parse (no Keras needed for that). */
    @Test
    void goldenScriptsAreValidPython() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(pythonAvailable(), "python3 is not installed");
        try (var files = Files.list(GOLDEN)) {
            for (Path script : files.filter(f -> f.toString().endsWith(".py")).sorted().toList()) {
                Process p = new ProcessBuilder("python3", "-c", "import ast, sys; ast.parse(sys.stdin.read())")
                        .redirectErrorStream(true).start();
                p.getOutputStream().write(Files.readAllBytes(script));
                p.getOutputStream().close();
                String errors = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor()).as(script + ": " + errors).isZero();
            }
        }
    }

    private static boolean pythonAvailable() {
        try {
            return new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void assertGolden(String name, String actual) throws Exception {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("layerlab.regenerateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual);
        }
        assertThat(actual).as("golden file " + file + " (regenerate with -Dlayerlab.regenerateGolden=true)")
                .isEqualTo(Files.readString(file));
    }

    /**
     * The sequential classes train a MultiLayerNetwork for 2 epochs and, with the same split, preprocessing,
     * initialisation, batch order and dropout masks as LayerLab, reach the engine's own numbers.
     */
    @Test
    void generatedJavaCompilesTrainsAndMatchesTheEngine() throws Exception {
        Path csv = TestData.regression(dir, 120);
        Path mail = TestData.write(dir.resolve("mail.csv"), addIdColumn(Files.readString(TestData.classification(dir, 90))));
        Path classesDir = compile(Map.of(
                "HousePrices", Dl4jGenerator.generate(regression(csv.toString()), "HousePrices"),
                "SpamOrHam", Dl4jGenerator.generate(classification(mail.toString()), "SpamOrHam")));

        String houses = runGenerated(classesDir, "HousePrices", csv, "test: rmse");
        String spam = runGenerated(classesDir, "SpamOrHam", mail, "validation: accuracy");

        Experiment regression = regression(csv.toString());
        double engineRmse = trainWithLayerLab(regression.withTraining(regression.training().withEpochs(2)), csv)
                .get("test").get("rmse");
        assertThat(number(houses, "test: rmse")).isCloseTo(engineRmse, org.assertj.core.api.Assertions.within(1e-3));
        Experiment classification = classification(mail.toString());
        double engineAccuracy = trainWithLayerLab(classification.withTraining(classification.training().withEpochs(2)), mail)
                .get("validation").get("accuracy");
        assertThat(number(spam, "validation: accuracy")).isCloseTo(engineAccuracy, org.assertj.core.api.Assertions.within(1e-4));
    }

    /** The number printed after {@code label} in a generated program's output. */
    static double number(String output, String label) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(label) + " ([-0-9.eE]+)").matcher(output);
        assertThat(m.find()).as(label + " in " + output).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static String addIdColumn(String csv) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (String line : csv.split("\n")) {
            out.append(i == 0 ? "id" : Integer.toString(i)).append(',').append(line).append('\n');
            i++;
        }
        return out.toString();
    }

    private Path compile(Map<String, String> sources) throws Exception {
        return GeneratedJava.compile(dir, sources);
    }

    private String runGenerated(Path classesDir, String className, Path csv, String metric) throws Exception {
        Path model = dir.resolve(className + ".zip");
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classesDir.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass(className).getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {csv.toString(), "2", model.toString()});
        } finally {
            System.setOut(original);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("epoch 1:").contains("epoch 2:").contains(metric).doesNotContain("epoch 3:");
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new File(model.toString()), false);
        assertThat(net.getEpochCount()).isEqualTo(2);
        return output;
    }

    /** California housing's input columns, in file order (the target, median_house_value, left out). */
    static final List<String> CALIFORNIA_COLUMNS = List.of("longitude", "latitude", "housing_median_age", "total_rooms",
            "total_bedrooms", "population", "households", "median_income", "ocean_proximity");

    /** A template on California housing, with Adam, early stopping on the main output's RMSE and a test split. */
    static Experiment california(String csv, String template) {
        DataSpec data = new DataSpec(csv, ',', true, "median_house_value", TaskChoice.AUTO,
                Map.of("total_bedrooms", new ColumnSpec(null, Imputation.MEDIAN, null, null)),
                new SplitSpec(0.7, 0.15, 0.15, 42, false), true);
        TrainingSpec training = new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, 0.001), 32, 30, 42,
                new EarlyStoppingSpec(true, "val_rmse", 5, 0.0, true), CheckpointSpec.none());
        return new Experiment(0, template, data, NetworkTemplates.forData(template, CALIFORNIA_COLUMNS), training);
    }

    /**
     * Three heads on one deep stack: the house value, the median income (regression, MAE, its own loss weight)
     * and the ocean proximity (5 classes); a PReLU Dense, dropout and an add merge on the way; early stopping on
     * the income head's RMSE.
     */
    static Experiment otherTargets(String csv) {
        List<String> features = CALIFORNIA_COLUMNS.stream().filter(c -> !c.equals("median_income") && !c.equals("ocean_proximity")).toList();
        NetworkSpec network = new NetworkSpec(
                List.of(new InputNode("wide", features.subList(0, 2)), new InputNode("deep", features)),
                List.of(new DenseLayer("hidden1", 16, Activation.RELU, Initializer.HE_NORMAL, 0.0, 0.0, 0.0),
                        DropoutLayer.of(0.1).withName("drop"),
                        new DenseLayer("hidden2", 16, Activation.PRELU, null, 0.0, 0.0, 0.0),
                        new DenseLayer("wide_dense", 16, Activation.TANH, null, 0.0, 0.0, 0.001),
                        new MergeLayer("sum", MergeMode.ADD)),
                Map.of("hidden1", List.of("deep"), "wide_dense", List.of("wide"), "sum", List.of("wide_dense", "hidden2")),
                OutputSpec.auto(),
                List.of(new OutputNode("value", "sum", OutputSpec.auto(), 1.0),
                        new OutputNode("income", "hidden2", OutputSpec.auto().withLoss(Loss.MAE), 0.5, "median_income"),
                        new OutputNode("ocean", "hidden1", OutputSpec.auto(), 0.3, "ocean_proximity")));
        Experiment experiment = california(csv, "wide-deep").withNetwork(network);
        return new Experiment(0, "three heads", experiment.data(), network, experiment.training()
                .withEarlyStopping(new EarlyStoppingSpec(true, "val_income_rmse", 3, 0.0, true)));
    }

    @Test
    void graphKerasScriptsMatchTheGoldenFiles() throws Exception {
        assertGolden("wide_deep_keras.py", KerasGenerator.generate(california("data/california_housing.csv", "wide-deep")));
        assertGolden("wide_deep_aux_keras.py", KerasGenerator.generate(california("data/california_housing.csv", "wide-deep-aux")));
        assertGolden("other_targets_keras.py", KerasGenerator.generate(otherTargets("data/california_housing.csv")));
    }

    @Test
    void graphKerasScriptUsesTheFunctionalApiWithAHeadPerOutput() {
        String script = KerasGenerator.generate(otherTargets("houses.csv"));
        assertThat(script)
                .contains("inputs, joined = model_inputs(layout)").contains("wide = joined[\"wide\"]")
                .contains("sum_ = layers.Add(name=\"sum\")([wide_dense, hidden2])")
                .contains("hidden2 = layers.PReLU(name=\"hidden2_prelu\")(hidden2)")
                .contains("income = layers.Dense(units(encodings[\"median_income\"])")
                .contains("model = keras.Model(inputs=inputs, outputs=[value, income, ocean]")
                .contains("losses = {\"value\": auto_loss(encodings[TARGET]), \"income\": \"mae\", \"ocean\": auto_loss(encodings[\"ocean_proximity\"])}")
                .contains("\"income\": {\"target\": \"median_income\", \"loss_weight\": 0.5}")
                .contains("monitor = \"val_income_rmse\" if len(x_val[0]) else \"loss\"");
    }

    @Test
    void generatedGraphJavaCompilesAndTrains() throws Exception {
        // The first 1,500 rows keep it quick; every ocean_proximity class but ISLAND is among them.
        List<String> lines = Files.readAllLines(TestData.CALIFORNIA);
        Path csv = TestData.write(dir.resolve("california.csv"), String.join("\n", lines.subList(0, 1501)) + "\n");
        Path classesDir = compile(Map.of(
                "WideDeepAux", Dl4jGenerator.generate(california(csv.toString(), "wide-deep-aux"), "WideDeepAux"),
                "ThreeHeads", Dl4jGenerator.generate(otherTargets(csv.toString()), "ThreeHeads")));

        String aux = runGraph(classesDir, "WideDeepAux", csv);
        assertThat(aux).contains("inputs wide_input (5 features), deep_input (9 features)")
                .contains("epoch 1: loss").contains("val main_output rmse")
                .contains("test: main_output rmse").contains("test: aux_output rmse");
        String heads = runGraph(classesDir, "ThreeHeads", csv);
        assertThat(heads).contains("val income rmse").contains("test: value rmse").contains("test: income rmse")
                .contains("test: ocean accuracy").contains("ocean (ocean_proximity, multiclass, weight 0.3)");
        double incomeRmse = Double.parseDouble(heads.replaceAll("(?s).*test: income rmse ([0-9.]+).*", "$1"));
        assertThat(incomeRmse).as("income RMSE in income units (tens of thousands of dollars)").isBetween(0.1, 10.0);

        // Same split, preprocessing, initialisation, batch order and loss weights as LayerLab: the same numbers.
        Map<String, Double> engine = trainWithLayerLab(otherTargets(csv.toString()).withTraining(
                otherTargets(csv.toString()).training().withEpochs(2)), csv).get("test");
        assertThat(incomeRmse).isCloseTo(engine.get("income_rmse"), org.assertj.core.api.Assertions.within(1e-3));
        double oceanAccuracy = Double.parseDouble(heads.replaceAll("(?s).*test: ocean accuracy ([0-9.]+).*", "$1"));
        assertThat(oceanAccuracy).isCloseTo(engine.get("ocean_accuracy"), org.assertj.core.api.Assertions.within(1e-4));
        double valueRmse = Double.parseDouble(aux.replaceAll("(?s).*test: main_output rmse ([0-9.]+).*", "$1"));
        Map<String, Double> engineAux = trainWithLayerLab(california(csv.toString(), "wide-deep-aux").withTraining(
                california(csv.toString(), "wide-deep-aux").training().withEpochs(2)), csv).get("test");
        assertThat(valueRmse).isCloseTo(engineAux.get("rmse"), org.assertj.core.api.Assertions.within(0.5));
    }

    /**
     * DL4J has no Huber loss: the generated classes carry LayerLab's (not MSE in its place), train with it, save a
     * network that restores, and the graph class reproduces LayerLab's test RMSE.
     */
    @Test
    void huberLossIsCarriedIntoTheGeneratedJava() throws Exception {
        List<String> lines = Files.readAllLines(TestData.CALIFORNIA);
        Path csv = TestData.write(dir.resolve("california.csv"), String.join("\n", lines.subList(0, 1501)) + "\n");
        Experiment wideDeep = california(csv.toString(), "wide-deep");
        NetworkSpec huberGraph = wideDeep.network().withOutputs(wideDeep.network().outputs().stream()
                .map(o -> o.withSettings(o.settings().withLoss(Loss.HUBER))).toList());
        Experiment graphExperiment = wideDeep.withNetwork(huberGraph).withTraining(wideDeep.training().withEpochs(2));
        Experiment sequential = regression(TestData.regression(dir, 120).toString());
        sequential = sequential.withNetwork(sequential.network().withOutput(OutputSpec.auto().withLoss(Loss.HUBER)));

        String graphSource = Dl4jGenerator.generate(graphExperiment, "HuberGraph");
        String sequentialSource = Dl4jGenerator.generate(sequential, "HuberChain");
        assertThat(graphSource).contains("case \"huber\" -> new HuberLoss();").contains("public static class HuberLoss");
        assertThat(sequentialSource).contains("ILossFunction loss = new HuberLoss();").contains("public static class HuberLoss");
        assertThat(Dl4jGenerator.generate(california(csv.toString(), "wide-deep"), "Plain")).doesNotContain("HuberLoss");

        Path classesDir = compile(Map.of("HuberGraph", graphSource, "HuberChain", sequentialSource));
        String output = runGraph(classesDir, "HuberGraph", csv);
        double rmse = Double.parseDouble(output.replaceAll("(?s).*test: main_output rmse ([0-9.]+).*", "$1"));
        assertThat(rmse).isCloseTo(trainWithLayerLab(graphExperiment, csv).get("test").get("rmse"),
                org.assertj.core.api.Assertions.within(0.5));
        Path chainCsv = Path.of(sequential.data().path());
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classesDir.toUri().toURL()}, getClass().getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader); // the saved network names the generated HuberLoss
            runGenerated(classesDir, "HuberChain", chainCsv, "test: rmse");
        } finally {
            Thread.currentThread().setContextClassLoader(context);
        }
    }

    /** Numbers used as classes: a "grade" column of 1, 2 and 10 typed categorical, predicted by a second head. */
    @Test
    void aColumnTypedCategoricalIsPredictedAsClassesByTheGeneratedJava() throws Exception {
        StringBuilder rows = new StringBuilder("x1,x2,grade,y\n");
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 150; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            int grade = x1 > 0.5 ? 10 : x1 > -0.5 ? 2 : 1;
            rows.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%d,%.4f%n", x1, x2, grade, 2 * x1 + x2));
        }
        Path csv = TestData.write(dir.resolve("grades.csv"), rows.toString());
        NetworkSpec network = new NetworkSpec(List.of(new InputNode("in", List.of("x1", "x2"))),
                List.of(DenseLayer.of(8, Activation.RELU).withName("hidden")), Map.of(), OutputSpec.auto(),
                List.of(new OutputNode("value", "hidden", OutputSpec.auto(), 1.0),
                        new OutputNode("grade_head", "hidden", OutputSpec.auto(), 0.5, "grade")));
        DataSpec data = new DataSpec(csv.toString(), ',', true, "y", TaskChoice.AUTO,
                Map.of("grade", new ColumnSpec(null, null, null, null, dev.layerlab.data.ColumnKind.CATEGORICAL)),
                new SplitSpec(0.7, 0.15, 0.15, 3, false), true);
        Experiment experiment = new Experiment(0, "grades", data, network, new TrainingSpec(
                OptimizerSpec.of(OptimizerKind.ADAM, 0.01), 16, 2, 9, EarlyStoppingSpec.disabled(), CheckpointSpec.none()));
        assertThat(KerasGenerator.generate(experiment)).contains("\"grade\": {\"role\": None, \"impute\": None,"
                + " \"constant\": None, \"scaling\": None, \"type\": \"categorical\"}");

        Path classesDir = compile(Map.of("Grades", Dl4jGenerator.generate(experiment, "Grades")));
        String output = runGraph(classesDir, "Grades", csv);
        assertThat(output).contains("grade_head (grade, multiclass, weight 0.5)").contains("classes of grade [1, 2, 10]");
        double accuracy = Double.parseDouble(output.replaceAll("(?s).*test: grade_head accuracy ([0-9.]+).*", "$1"));
        assertThat(accuracy).isCloseTo(trainWithLayerLab(experiment, csv).get("test").get("grade_head_accuracy"),
                org.assertj.core.api.Assertions.within(1e-4));
    }

    private static Map<String, Map<String, Double>> trainWithLayerLab(Experiment experiment, Path csv) {
        dev.layerlab.data.PreparedData data = dev.layerlab.data.DataPipeline.prepare(experiment.data(), csv.getParent(),
                experiment.network().outputTargets());
        return new dev.layerlab.training.Trainer(null, null).train(experiment.network(), experiment.training(), data).metrics();
    }

    /** Runs a generated graph class for 2 epochs; its saved ComputationGraph restores with 2 epochs and its heads. */
    private String runGraph(Path classesDir, String className, Path csv) throws Exception {
        Path model = dir.resolve(className + ".zip");
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classesDir.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass(className).getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {csv.toString(), "2", model.toString()});
            // The network's JSON names the generated WeightedLoss class: restore it where that class is visible.
            Thread.currentThread().setContextClassLoader(loader);
            ComputationGraph graph = ModelSerializer.restoreComputationGraph(new File(model.toString()), false);
            assertThat(graph.getEpochCount()).isEqualTo(2);
            assertThat(graph.getConfiguration().getNetworkOutputs()).isNotEmpty();
        } finally {
            System.setOut(original);
            Thread.currentThread().setContextClassLoader(context);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("epoch 2:").doesNotContain("epoch 3:");
        return output;
    }

    @Test
    void aGraphWithBrokenWiringIsRefusedNamingTheProblem() {
        NetworkSpec graph = NetworkTemplates.forData("wide-deep-aux", List.of("a", "b", "c", "d", "e", "f"));
        Experiment cycle = new Experiment(0, "wd", DataSpec.of("x.csv", "y"), graph.withConnections(Map.of(
                "hidden1", List.of("hidden2"), "concat", List.of("wide_input", "hidden2"))), TrainingSpec.defaults());
        assertThatThrownBy(() -> KerasGenerator.generate(cycle))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot export Keras code for this graph network: ")
                .hasMessageContaining("cycle");
        Experiment wrongMain = new Experiment(0, "wd", DataSpec.of("x.csv", "y"), graph.withOutputs(List.of(
                graph.outputs().get(0).withTarget("g"), graph.outputs().get(1))), TrainingSpec.defaults());
        assertThatThrownBy(() -> Dl4jGenerator.generate(wrongMain, "Heads"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot export DL4J code for this graph network: output 'main_output': the first"
                        + " output is the main one");
    }
}
