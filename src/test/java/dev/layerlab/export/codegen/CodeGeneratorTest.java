package dev.layerlab.export.codegen;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.layerlab.model.NetworkSpec;
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
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
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

    private static void assertGolden(String name, String actual) throws Exception {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("layerlab.regenerateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual);
        }
        assertThat(actual).as("golden file " + file + " (regenerate with -Dlayerlab.regenerateGolden=true)")
                .isEqualTo(Files.readString(file));
    }

    @Test
    void generatedJavaCompilesAndTrains() throws Exception {
        Path csv = TestData.regression(dir, 120);
        Path mail = TestData.write(dir.resolve("mail.csv"), addIdColumn(Files.readString(TestData.classification(dir, 90))));
        Path classesDir = compile(Map.of(
                "HousePrices", Dl4jGenerator.generate(regression(csv.toString()), "HousePrices"),
                "SpamOrHam", Dl4jGenerator.generate(classification(mail.toString()), "SpamOrHam")));

        runGenerated(classesDir, "HousePrices", csv, "test: rmse");
        runGenerated(classesDir, "SpamOrHam", mail, "validation: accuracy");
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
        List<String> args = new java.util.ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"),
                "-d", dir.resolve("classes").toString(), "-proc:none", "-Xlint:none"));
        Files.createDirectories(dir.resolve("classes"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path src = dir.resolve("src").resolve(e.getKey() + ".java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, e.getValue());
            args.add(src.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = javac.run(null, null, errors, args.toArray(String[]::new));
        assertThat(code).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        return dir.resolve("classes");
    }

    private void runGenerated(Path classesDir, String className, Path csv, String metric) throws Exception {
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
    }

    @Test
    void graphNetworksAreRefusedRatherThanExportedAsAnotherNetwork() {
        NetworkSpec graph = dev.layerlab.model.NetworkTemplates.forData("wide-deep-aux", List.of("a", "b", "c", "d", "e", "f"));
        Experiment wideDeep = new Experiment(0, "wd", DataSpec.of("x.csv", "y"), graph, TrainingSpec.defaults());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KerasGenerator.generate(wideDeep))
                .isInstanceOf(dev.layerlab.InvalidInputException.class)
                .hasMessageContaining("cannot export Keras code for a graph network (several inputs or outputs");
        Experiment heads = wideDeep.withNetwork(graph.withOutputs(List.of(graph.outputs().get(0),
                graph.outputs().get(1).withTarget("f"))));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dl4jGenerator.generate(heads, "Heads"))
                .isInstanceOf(dev.layerlab.InvalidInputException.class)
                .hasMessageContaining("cannot export DL4J code for a graph network (outputs predicting other columns (f))");
    }
}
