package dev.layerlab.export.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.layerlab.TestData;
import dev.layerlab.data.ClassWeights;
import dev.layerlab.data.ColumnKind;
import dev.layerlab.data.ColumnSpec;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.ExplicitSettings;
import dev.layerlab.data.InvalidNumbers;
import dev.layerlab.data.Matrix;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.Role;
import dev.layerlab.data.Scaling;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.OutputSpec;
import dev.layerlab.training.CheckpointSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported programs prepare a CSV as users bring it exactly as the engine does: an identifier column dropped,
 * a date column as calendar features, a skewed column through log1p, a column of numbers with two typos (read as
 * missing, imputed), a yes/no column as one 0/1 input, a quantile-scaled column, and balanced class weights on an
 * imbalanced target.
 */
class ExportedPreprocessingTest {
    @TempDir
    Path dir;

    /** 400 rows: id, day (day/month/year with times), amount, score (2 typos), member, colour, rank, label. */
    static Path messyTable(Path dir) {
        StringBuilder csv = new StringBuilder("id,day,amount,score,member,colour,rank,label\n");
        Random random = new Random(11);
        String[] colours = {"red", "green", "blue"};
        java.time.LocalDateTime start = java.time.LocalDateTime.of(2019, 1, 1, 0, 0);
        for (int i = 0; i < 400; i++) {
            java.time.LocalDateTime day = start.plusDays(random.nextInt(1200)).plusMinutes(15L * random.nextInt(96));
            double amount = Math.exp(1.5 * random.nextGaussian() + 3);
            double score = 50 + 10 * random.nextGaussian();
            boolean member = random.nextBoolean();
            double rank = Math.pow(random.nextGaussian(), 3);
            String colour = colours[random.nextInt(3)];
            double logit = -2.2 + 0.8 * Math.log1p(amount) / 3 + (member ? 0.8 : 0) + 0.5 * rank
                    + (colour.equals("red") ? 0.7 : 0) + 0.3 * random.nextGaussian();
            String label = logit > 0 ? "rare" : "common";
            csv.append(i + 1).append(',')
                    .append(String.format(Locale.ROOT, "%02d/%02d/%d %02d:%02d", day.getDayOfMonth(), day.getMonthValue(),
                            day.getYear(), day.getHour(), day.getMinute())).append(',')
                    .append(i % 40 == 5 ? "" : String.format(Locale.ROOT, "%.2f", amount)).append(',')
                    .append(i == 17 ? "12.3.4" : i == 230 ? "n.a.n" : String.format(Locale.ROOT, "%.3f", score)).append(',')
                    .append(i % 57 == 3 ? "" : member ? "yes" : "no").append(',')
                    .append(colour).append(',')
                    // ties (many 0.0000) on purpose; "-0.0000" avoided: Java sorts -0.0 below 0.0, numpy does not
                    .append(String.format(Locale.ROOT, "%.4f", rank).replace("-0.0000", "0.0000")).append(',')
                    .append(label).append('\n');
        }
        return TestData.write(dir.resolve("messy.csv"), csv.toString());
    }

    static Experiment experiment(Path csv, SplitSpec split) {
        DataSpec data = new DataSpec(csv.toString(), ',', true, "label", TaskChoice.CLASSIFICATION,
                Map.of("amount", ColumnSpec.defaults().withLog1p(true), "rank", ColumnSpec.defaults().withScaling(Scaling.QUANTILE)),
                split, null, InvalidNumbers.MISSING, ClassWeights.BALANCED);
        NetworkSpec network = new NetworkSpec(List.of(DenseLayer.of(8, Activation.RELU)), OutputSpec.auto());
        TrainingSpec training = new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, 0.01), 32, 2, 3,
                EarlyStoppingSpec.disabled(), CheckpointSpec.none());
        return new Experiment(0, "messy", data, network, training);
    }

    /** What export-code hands the generators: the identifier ignored, the dates typed as dates. */
    static Experiment exported(Experiment experiment, Path csv) {
        return experiment.withData(ExplicitSettings.forCodeExport(experiment.data(), csv.getParent()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGeneratedJavaPreparesTheSameInputsAndReachesTheEnginesAccuracy() throws Exception {
        Path csv = messyTable(dir);
        Experiment experiment = experiment(csv, new SplitSpec(0.7, 0.15, 0.15, 5, true));
        Experiment exported = exported(experiment, csv);
        assertThat(exported.data().columns().get("id").role()).isEqualTo(Role.IGNORE);
        assertThat(exported.data().columns().get("day").type()).isEqualTo(ColumnKind.DATE);
        String source = Dl4jGenerator.generate(exported, "Messy");
        assertThat(source).contains("public static class ClassWeightedBinaryXent").contains("loss = classWeighted(loss, classWeights);");
        Path classes = GeneratedJava.compile(dir, Map.of("Messy", source));

        PreparedData engine = DataPipeline.prepare(experiment.data(), csv.getParent());
        // day: 9 calendar features (the values have times); amount, score, member, rank: 1 each; colour: 3.
        assertThat(engine.preprocessing().featureCount()).isEqualTo(16);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Object prepared = GeneratedJava.call(loader.loadClass("Messy"), "prepare", new Class<?>[] {Path.class, String[].class},
                    csv, new String[0]);
            assertThat(GeneratedJava.field(prepared, "features")).isEqualTo(16);
            assertThat((List<Object>) GeneratedJava.field(prepared, "featureColumn")).doesNotContain("id").contains("day", "score");
            float[][] x = (float[][]) GeneratedJava.field(prepared, "x");
            Matrix[] parts = {engine.train(), engine.validation(), engine.test()};
            for (int p = 0; p < 3; p++) {
                assertThat(x[p].length).isEqualTo(parts[p].features().length);
                for (int i = 0; i < x[p].length; i++) {
                    assertThat(x[p][i]).as("split %d, row %d, feature %s", p, i / 16,
                            engine.preprocessing().featureNames().get(i % 16)).isCloseTo(parts[p].features()[i], within(1e-5f));
                }
            }
            double[] weights = (double[]) GeneratedJava.field(prepared, "classWeights");
            assertThat(weights).containsExactly(engine.preprocessing().classWeights().stream().mapToDouble(Double::doubleValue)
                    .toArray(), within(1e-12));
            assertThat(weights[1]).as("the rare class weighs more").isGreaterThan(1.5);
        }

        String output = GeneratedJava.run(classes, "Messy", csv.toString(), "2", dir.resolve("messy.zip").toString());
        assertThat(output).contains("Column score: 2 cells are not numbers (the first: '12.3.4'); read as missing")
                .contains("16 input features");
        double accuracy = CodeGeneratorTest.number(output, "test: accuracy");
        double engineAccuracy = new dev.layerlab.training.Trainer(null, null)
                .train(experiment.network(), experiment.training(), engine).metrics().get("test").get("accuracy");
        assertThat(accuracy).isCloseTo(engineAccuracy, within(1e-4));
    }

    /**
     * A graph network on the same table: a "when" input taking the date's calendar features and a "what" input
     * taking every feature, merged; its class, built by GraphBuilder with the class-weighted loss on the output
     * predicting the target, reaches the engine's test accuracy.
     */
    @Test
    void theGeneratedGraphJavaWeighsTheClassesAsTheEngine() throws Exception {
        Path csv = messyTable(dir);
        Experiment sequential = experiment(csv, new SplitSpec(0.7, 0.15, 0.15, 5, true));
        NetworkSpec graph = new NetworkSpec(
                List.of(new dev.layerlab.model.InputNode("when", List.of("day")), new dev.layerlab.model.InputNode("what", List.of())),
                List.of(DenseLayer.of(4, Activation.TANH).withName("calendar"), DenseLayer.of(8, Activation.RELU).withName("hidden"),
                        new dev.layerlab.model.MergeLayer("both", dev.layerlab.model.MergeMode.CONCATENATE)),
                Map.of("calendar", List.of("when"), "hidden", List.of("what"), "both", List.of("calendar", "hidden")),
                OutputSpec.auto(), List.of(new dev.layerlab.model.OutputNode("label_out", "both", OutputSpec.auto(), 1.0)));
        Experiment experiment = sequential.withNetwork(graph);
        String source = Dl4jGenerator.generate(exported(experiment, csv), "MessyGraph");
        assertThat(source).contains("ComputationGraph").contains("classWeighted(loss, classWeights)");
        Path classes = GeneratedJava.compile(dir, Map.of("MessyGraph", source));

        String output = GeneratedJava.run(classes, "MessyGraph", csv.toString(), "2", dir.resolve("graph.zip").toString());
        assertThat(output).contains("inputs when (9 features), what (16 features)");
        PreparedData engine = DataPipeline.prepare(experiment.data(), csv.getParent(), graph.outputTargets());
        double engineAccuracy = new dev.layerlab.training.Trainer(null, null)
                .train(experiment.network(), experiment.training(), engine).metrics().get("test").get("accuracy");
        assertThat(CodeGeneratorTest.number(output, "test: label_out accuracy")).isCloseTo(engineAccuracy, within(1e-4));
    }

    /**
     * The Keras script's preparation (run with /usr/bin/python3, pandas and numpy; TensorFlow is not needed for it,
     * so a stand-in keras module lets the script load) fitted on every row gives the engine's matrix and weights.
     */
    @Test
    void theGeneratedPythonPreparesTheSameInputsAsTheEngine() throws Exception {
        Assumptions.assumeTrue(pandasAvailable(), "/usr/bin/python3 with pandas and numpy is not installed");
        Path csv = messyTable(dir);
        Experiment experiment = experiment(csv, new SplitSpec(1.0, 0.0, 0.0, 5, false));
        Path script = Files.writeString(dir.resolve("train_messy.py"), KerasGenerator.generate(exported(experiment, csv)));
        Path stub = Files.createDirectories(dir.resolve("stub").resolve("keras"));
        Files.writeString(stub.resolve("__init__.py"), "layers = None  # stands in for Keras: only the preparation runs\n");
        String program = String.join("\n",
                "import importlib.util, sys",
                "spec = importlib.util.spec_from_file_location('exported', sys.argv[1])",
                "m = importlib.util.module_from_spec(spec)",
                "spec.loader.exec_module(m)",
                "frame = m.load(sys.argv[2])",
                "x = m.Preprocessing(frame, m.input_columns(frame, [m.TARGET])).transform(frame)",
                "classes = m.sorted_classes(frame[m.TARGET])",
                "print(' '.join(repr(w) for w in m.class_weights(frame[m.TARGET].map(classes.index).to_numpy(), classes)))",
                "for row in x:",
                "    print(' '.join(repr(float(v)) for v in row))", "");
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", "-c", program, script.toString(), csv.toString())
                .redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", stub.getParent().toString());
        Process python = builder.start();
        String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor()).as(printed).isZero();
        List<String> lines = new ArrayList<>(printed.lines().filter(l -> !l.startsWith("Column ")).toList());
        assertThat(printed).contains("Column score: 2 cells are not numbers (the first: '12.3.4'); read as missing");

        PreparedData engine = DataPipeline.prepare(experiment.data(), csv.getParent());
        String[] weights = lines.remove(0).split(" ");
        List<Double> engineWeights = engine.preprocessing().classWeights();
        for (int c = 0; c < weights.length; c++) {
            assertThat(Double.parseDouble(weights[c])).isCloseTo(engineWeights.get(c), within(1e-9));
        }
        Matrix all = engine.train();
        assertThat(lines).hasSize(all.rows());
        for (int i = 0; i < all.rows(); i++) {
            String[] row = lines.get(all.sourceRows()[i]).split(" ");
            assertThat(row).hasSize(all.featureCount());
            for (int f = 0; f < row.length; f++) {
                assertThat(Float.parseFloat(row[f])).as("row %d, feature %s", all.sourceRows()[i],
                        engine.preprocessing().featureNames().get(f)).isCloseTo(all.feature(i, f), within(1e-4f));
            }
        }
    }

    private static boolean pandasAvailable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import pandas, numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
