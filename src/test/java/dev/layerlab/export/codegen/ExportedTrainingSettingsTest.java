package dev.layerlab.export.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.CoordinateRotation;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.Matrix;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.RatioFeature;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TargetTransform;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.InputNode;
import dev.layerlab.model.MergeLayer;
import dev.layerlab.model.MergeMode;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.OutputNode;
import dev.layerlab.model.OutputSpec;
import dev.layerlab.training.CheckpointSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.GradientClipping;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.ScheduleKind;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.training.TrainingSpec;
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
 * The newer training and data settings in exported code: learning-rate schedules spanning the run (cosine,
 * one-cycle), linear warm-up, reduce-on-plateau, decoupled weight decay (AdamW), alpha dropout, generated ratio and
 * rotated-coordinate inputs and a log1p target. The DL4J classes train for a few epochs and reach the engine's
 * numbers; the Keras script's preparation (run with /usr/bin/python3) gives the engine's matrices and labels, and its
 * training part is checked as text and compiled.
 */
class ExportedTrainingSettingsTest {
    @TempDir
    Path dir;

    /**
     * 400 homes: rooms and households (counts; one household count missing in 50, one zero), income, colour, and a
     * positive, right-skewed price driven by rooms per household and income.
     */
    static Path homes(Path dir) {
        StringBuilder csv = new StringBuilder("rooms,households,income,colour,lat,lon,rain,price\n");
        Random random = new Random(5);
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < 400; i++) {
            int households = 20 + random.nextInt(400);
            double perHousehold = 3 + 4 * random.nextDouble();
            long rooms = Math.round(households * perHousehold);
            double income = 2 + 3 * Math.abs(random.nextGaussian());
            String colour = colours[random.nextInt(3)];
            double lat = 34 + 4 * random.nextDouble();
            double lon = -122 + 4 * random.nextDouble();
            double rain = random.nextDouble() < 0.3 ? 0 : Math.exp(random.nextGaussian());
            double price = Math.exp(10 + 0.25 * perHousehold + 0.3 * income + (colour.equals("red") ? 0.2 : 0)
                    + 0.1 * (lat - 36 + lon + 120) + 0.2 * random.nextGaussian());
            csv.append(rooms).append(',')
                    .append(i % 50 == 7 ? "" : i == 13 ? "0" : Integer.toString(households)).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", income)).append(',')
                    .append(colour).append(',')
                    .append(i % 70 == 9 ? "" : String.format(Locale.ROOT, "%.4f", lat)).append(',')
                    .append(String.format(Locale.ROOT, "%.4f,%.2f,%.1f", lon, rain, price)).append('\n');
        }
        return TestData.write(dir.resolve("homes.csv"), csv.toString());
    }

    static DataSpec data(Path csv, SplitSpec split) {
        return new DataSpec(csv.toString(), ',', true, "price", TaskChoice.REGRESSION, Map.of(), split, null)
                .withRatios(List.of(new RatioFeature("rooms", "households")))
                .withRotations(List.of(new CoordinateRotation("lat", "lon", List.of(15, 45, 120))))
                .withTargetTransform(TargetTransform.LOG1P);
    }

    static TrainingSpec training(OptimizerSpec optimizer, int epochs) {
        return new TrainingSpec(optimizer, 32, epochs, 9, EarlyStoppingSpec.disabled(), CheckpointSpec.none());
    }

    /**
     * SELU with alpha dropout; Adam with decoupled weight decay (AdamW), a cosine schedule after a warm-up epoch;
     * gradients clipped by value.
     */
    static Experiment adamW(Path csv) {
        NetworkSpec network = NetworkSpec.of(DenseLayer.of(16, Activation.SELU), DropoutLayer.alpha(0.1), DenseLayer.of(8, Activation.RELU));
        OptimizerSpec adam = OptimizerSpec.of(OptimizerKind.ADAM, 0.01).withSchedule(ScheduleKind.COSINE, null)
                .withWarmupEpochs(1).withWeightDecay(0.05);
        return new Experiment(0, "homes adamw", data(csv, new SplitSpec(0.7, 0.15, 0.15, 3, false)), network,
                training(adam, 2).withClipping(GradientClipping.value(0.5)));
    }

    /** A wide-and-deep graph trained by SGD (Nesterov momentum) with weight decay, a one-cycle schedule and per-layer norm clipping. */
    static Experiment oneCycleGraph(Path csv) {
        NetworkSpec network = new NetworkSpec(
                List.of(new InputNode("wide", List.of("income")), new InputNode("deep", List.of())),
                List.of(DenseLayer.of(16, Activation.RELU).withName("hidden"), DropoutLayer.of(0.2).withName("drop"),
                        new MergeLayer("both", MergeMode.CONCATENATE)),
                Map.of("hidden", List.of("deep"), "drop", List.of("hidden"), "both", List.of("wide", "drop")),
                OutputSpec.auto(), List.of(new OutputNode("price_out", "both", OutputSpec.auto(), 1.0)));
        OptimizerSpec sgd = OptimizerSpec.of(OptimizerKind.SGD, 0.02).withSchedule(ScheduleKind.ONE_CYCLE, null).withWeightDecay(0.01);
        return new Experiment(0, "homes one-cycle", data(csv, new SplitSpec(0.7, 0.15, 0.15, 4, false)), network,
                training(sgd, 3).withClipping(GradientClipping.norm(1.0)));
    }

    /** RMSprop at a rate high enough for the validation loss to stall: reduce-on-plateau (patience 1) after a warm-up. */
    static Experiment plateau(Path csv) {
        NetworkSpec network = NetworkSpec.of(DenseLayer.of(8, Activation.TANH));
        OptimizerSpec rmsprop = OptimizerSpec.of(OptimizerKind.RMSPROP, 0.3).withSchedule(ScheduleKind.PLATEAU, 0.5)
                .withPlateauPatience(1).withWarmupEpochs(1);
        return new Experiment(0, "homes plateau", data(csv, new SplitSpec(0.7, 0.15, 0.15, 5, false)), network, training(rmsprop, 5));
    }

    static TrainingResult engine(Experiment e, Path csv) {
        PreparedData data = DataPipeline.prepare(e.data(), csv.getParent(), e.network().outputTargets());
        return new Trainer(null, null).train(e.network(), e.training(), data);
    }

    @Test
    void theGeneratedJavaTrainsWithTheEnginesScheduleWeightDecayAlphaDropoutRatiosAndLogTarget() throws Exception {
        Path csv = homes(dir);
        Experiment adamW = adamW(csv);
        Experiment graph = oneCycleGraph(csv);
        Experiment plateau = plateau(csv);
        String adamSource = Dl4jGenerator.generate(adamW, "HomesAdamW");
        assertThat(adamSource).contains("new AlphaDropout(0.9)").contains("new org.nd4j.linalg.learning.regularization.WeightDecay(0.05, true)")
                .contains("learningRates(epochs)").contains("static final int WARMUP_EPOCHS = 1;")
                .contains("static final String[][] RATIOS = {{\"rooms\", \"households\"}};").contains("static final boolean LOG_TARGET = true;");
        String graphSource = Dl4jGenerator.generate(graph, "HomesOneCycle");
        assertThat(graphSource).contains("ComputationGraph").contains("Math.round(0.3 * length)").contains("WeightDecay(0.01, true)")
                .contains("GradientNormalization.ClipL2PerLayer");
        assertThat(adamSource).contains("GradientNormalization.ClipElementWiseAbsoluteValue");
        String plateauSource = Dl4jGenerator.generate(plateau, "HomesPlateau");
        assertThat(plateauSource).contains("plateauPatience = 1;").contains("net.setLearningRate(lowered)");
        Path classes = GeneratedJava.compile(dir, Map.of("HomesAdamW", adamSource, "HomesOneCycle", graphSource,
                "HomesPlateau", plateauSource));

        // the features (ratio column included) and the log1p labels equal the engine's
        PreparedData prepared = DataPipeline.prepare(adamW.data(), dir);
        assertThat(prepared.preprocessing().featureNames()).contains("rooms/households", "lat+lon@45deg", "rain=0");
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Object p = GeneratedJava.call(loader.loadClass("HomesAdamW"), "prepare", new Class<?>[] {Path.class, String[].class},
                    csv, new String[0]);
            float[][] x = (float[][]) GeneratedJava.field(p, "x");
            float[][] y = (float[][]) GeneratedJava.field(p, "y");
            Matrix[] parts = {prepared.train(), prepared.validation(), prepared.test()};
            int features = prepared.preprocessing().featureCount();
            for (int s = 0; s < 3; s++) {
                assertThat(x[s]).hasSize(parts[s].features().length);
                for (int i = 0; i < x[s].length; i++) {
                    assertThat(x[s][i]).as("split %d row %d %s", s, i / features, prepared.preprocessing().featureNames().get(i % features))
                            .isCloseTo(parts[s].features()[i], within(1e-5f));
                }
                assertThat(y[s]).containsExactly(parts[s].targets(), within(1e-6f));
            }
        }

        TrainingResult adamEngine = engine(adamW, csv);
        String adamOut = GeneratedJava.run(classes, "HomesAdamW", csv.toString(), "2", dir.resolve("a.zip").toString());
        double engineRmse = adamEngine.metrics().get("test").get("rmse");
        assertThat(engineRmse).as("in the price's units, through expm1").isGreaterThan(1000);
        assertThat(CodeGeneratorTest.number(adamOut, "test: rmse")).isCloseTo(engineRmse, within(engineRmse * 1e-4));
        assertThat(adamOut).contains("after expm1");

        TrainingResult graphEngine = engine(graph, csv);
        String graphOut = GeneratedJava.run(classes, "HomesOneCycle", csv.toString(), "3", dir.resolve("g.zip").toString());
        double graphRmse = graphEngine.metrics().get("test").get("rmse");
        assertThat(CodeGeneratorTest.number(graphOut, "test: price_out rmse")).isCloseTo(graphRmse, within(graphRmse * 1e-4));

        TrainingResult plateauEngine = engine(plateau, csv);
        String plateauOut = GeneratedJava.run(classes, "HomesPlateau", csv.toString(), "5", dir.resolve("p.zip").toString());
        double lastRate = plateauEngine.history().get(plateauEngine.history().size() - 1).learningRate();
        assertThat(lastRate).as("the engine lowered the rate on a plateau").isLessThan(0.3 * 0.99);
        assertThat(plateauOut).contains("learning rate lowered to");
        double plateauRmse = plateauEngine.metrics().get("test").get("rmse");
        assertThat(CodeGeneratorTest.number(plateauOut, "test: rmse")).isCloseTo(plateauRmse, within(plateauRmse * 1e-4));
    }

    @Test
    void theKerasScriptWritesTheScheduleOptimizerAndAlphaDropoutAndCompiles() throws Exception {
        Path csv = homes(dir);
        String adam = KerasGenerator.generate(adamW(csv));
        assertThat(adam).contains("keras.optimizers.AdamW(learning_rate=LEARNING_RATE, clipvalue=0.5, weight_decay=0.05)")
                .contains("exclude_from_weight_decay(var_names=[\"bias\", \"gamma\", \"beta\"])")
                .contains("layers.AlphaDropout(0.1")
                .contains("WARMUP_EPOCHS = 1").contains("math.cos(math.pi * min(t, length) / length)")
                .contains("LearningRateScheduler(lambda epoch: learning_rate(epoch))")
                .contains("RATIOS = [(\"rooms\", \"households\")]").contains("ROTATIONS = [(\"lat\", \"lon\", [15, 45, 120])]")
                .contains("LOG_TARGET = True");
        assertThatThrownBy(() -> KerasGenerator.generate(oneCycleGraph(csv))).isInstanceOf(dev.layerlab.InvalidInputException.class)
                .hasMessageContaining("cannot clip gradients per layer").hasMessageContaining("--lang dl4j");
        Experiment unclipped = oneCycleGraph(csv).withTraining(oneCycleGraph(csv).training().withClipping(null));
        String graph = KerasGenerator.generate(unclipped);
        assertThat(graph).contains("keras.optimizers.SGD(learning_rate=LEARNING_RATE, momentum=0.9, nesterov=True, weight_decay=0.01)")
                .contains("rise = max(1, int(math.floor(0.3 * length + 0.5)))");
        String plateau = KerasGenerator.generate(plateau(csv));
        assertThat(plateau).contains("class ReduceOnPlateau(keras.callbacks.Callback)")
                .contains("ReduceOnPlateau(\"val_loss\" if len(x_val[0]) else \"loss\", factor=0.5, patience=1, warmup=1)")
                .contains("learning_rate(epoch) if epoch <= WARMUP_EPOCHS else rate");
        for (String[] script : new String[][] {{"adamw.py", adam}, {"graph.py", graph}, {"plateau.py", plateau}}) {
            Path file = Files.writeString(dir.resolve(script[0]), script[1]);
            Process p = new ProcessBuilder("python3", "-m", "py_compile", file.toString()).redirectErrorStream(true).start();
            String errors = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(script[0] + ": " + errors).isZero();
        }
    }

    /**
     * A stand-in for Keras (TensorFlow is not installed here) with just what the scripts call: layers record
     * their wiring, fit runs the callbacks over the epochs with a validation loss that stalls after the first
     * epoch and prints each epoch's rate, predict returns zeros.
     */
    static final String FAKE_KERAS = String.join("\n",
            "import numpy as np",
            "class T:",
            "    def __init__(self, op, args, kw, inputs):",
            "        self.op, self.args, self.kw, self.inputs = op, args, kw, inputs",
            "        self.units = args[0] if args and isinstance(args[0], int) else None",
            "class Layer:",
            "    def __init__(self, op, args, kw):",
            "        self.op, self.args, self.kw = op, args, kw",
            "    def __call__(self, x):",
            "        return T(self.op, self.args, self.kw, x)",
            "class Layers:",
            "    def __getattr__(self, op):",
            "        return lambda *a, **k: Layer(op, a, k)",
            "layers = Layers()",
            "def Input(shape, name=None):",
            "    return T('Input', shape, {'name': name}, [])",
            "class Model:",
            "    def __init__(self, inputs, outputs, name=None):",
            "        self.inputs, self.outputs = inputs, outputs",
            "    def compile(self, optimizer, loss, metrics=None, loss_weights=None):",
            "        self.optimizer = optimizer",
            "    def summary(self):",
            "        pass",
            "    def fit(self, x, y, batch_size, epochs, shuffle, callbacks, validation_data, verbose, class_weight=None, sample_weight=None):",
            "        for c in callbacks:",
            "            c.model = self",
            "        for e in range(epochs):",
            "            for c in callbacks:",
            "                c.on_epoch_begin(e, {})",
            "            print('epoch %d rate %r' % (e, float(self.optimizer.learning_rate)))",
            "            logs = {'loss': 1.0, 'val_loss': 1.0 if e == 0 else 2.0}",
            "            for c in callbacks:",
            "                c.on_epoch_end(e, logs)",
            "    def predict(self, x, verbose=0):",
            "        n = len(x[0]) if isinstance(x, list) else len(x)",
            "        outs = self.outputs if isinstance(self.outputs, list) else [self.outputs]",
            "        values = [np.zeros((n, o.units)) for o in outs]",
            "        return values if isinstance(self.outputs, list) else values[0]",
            "    def save(self, path):",
            "        print('saved', path)",
            "class callbacks:",
            "    class Callback:",
            "        def __init__(self):",
            "            self.model = None",
            "        def on_epoch_begin(self, epoch, logs=None):",
            "            pass",
            "        def on_epoch_end(self, epoch, logs=None):",
            "            pass",
            "    class LearningRateScheduler(Callback):",
            "        def __init__(self, schedule):",
            "            self.schedule = schedule",
            "        def on_epoch_begin(self, epoch, logs=None):",
            "            try:",  // as Keras: the (epoch, rate) form first
            "                rate = self.schedule(epoch, float(self.model.optimizer.learning_rate))",
            "            except TypeError:",
            "                rate = self.schedule(epoch)",
            "            self.model.optimizer.learning_rate = rate",
            "    class EarlyStopping(Callback):",
            "        def __init__(self, **kw):",
            "            pass",
            "class Optimizer:",
            "    def __init__(self, learning_rate, **kw):",
            "        self.learning_rate, self.kw = learning_rate, kw",
            "        print('optimizer', sorted(kw.items()))",
            "    def exclude_from_weight_decay(self, var_names=None):",
            "        print('excluded from weight decay', var_names)",
            "class optimizers:",
            "    Adam = SGD = AdamW = Nadam = Adamax = RMSprop = Adagrad = Optimizer",
            "class metrics:",
            "    RootMeanSquaredError = MeanAbsoluteError = AUC = staticmethod(lambda **k: k)",
            "class losses:",
            "    Huber = staticmethod(lambda **k: k)",
            "class initializers:",
            "    Constant = staticmethod(lambda v: v)",
            "class regularizers:",
            "    L1L2 = staticmethod(lambda **k: k)",
            "class utils:",
            "    set_random_seed = staticmethod(lambda seed: None)",
            "");

    /**
     * The whole Keras scripts run (against the stand-in): preparation, model, optimizer, the learning rate of
     * every epoch as LayerLab's, and reduce-on-plateau lowering it after the warm-up when the loss stalls.
     */
    @Test
    void theKerasScriptsRunWithTheEnginesRates() throws Exception {
        Assumptions.assumeTrue(pandas(), "/usr/bin/python3 with pandas and numpy is not installed");
        Path csv = homes(dir);
        Experiment unclippedGraph = oneCycleGraph(csv).withTraining(oneCycleGraph(csv).training().withClipping(null));
        for (Experiment e : List.of(adamW(csv), unclippedGraph, plateau(csv))) {
            String printed = runWithFakeKeras(dir, KerasGenerator.generate(e), csv);
            assertThat(printed).as(e.name()).contains("test: ").contains("saved model.keras");
            double[] rates = printed.lines().filter(l -> l.startsWith("epoch ")).mapToDouble(l -> Double.parseDouble(l.split(" ")[3])).toArray();
            assertThat(rates).hasSize(e.training().epochs());
            OptimizerSpec o = e.training().optimizer();
            if (o.schedule() != ScheduleKind.PLATEAU) {
                for (int i = 0; i < rates.length; i++) {
                    assertThat(rates[i]).as("%s epoch %d", e.name(), i)
                            .isCloseTo(dev.layerlab.training.LearningRates.at(o, e.training().epochs(), i), within(1e-12));
                }
            } else {
                // warm-up epoch 0 at half the rate; the stall after epoch 1 is judged from epoch 2 (patience 1): lowered
                // by the factor after epoch 2, and again after epoch 3
                assertThat(rates).containsExactly(new double[] {0.15, 0.3, 0.3, 0.15, 0.075}, within(1e-12));
                assertThat(printed).contains("learning rate lowered to 0.15");
            }
        }
    }

    /** Runs a generated Keras script on a CSV against {@link #FAKE_KERAS}; what it printed. */
    static String runWithFakeKeras(Path dir, String source, Path csv) throws Exception {
        Path stub = Files.createDirectories(dir.resolve("fake").resolve("keras"));
        Files.writeString(stub.resolve("__init__.py"), FAKE_KERAS);
        Path script = Files.writeString(dir.resolve("run.py"), source);
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", script.toString(), csv.toString())
                .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", stub.getParent().toString());
        Process python = builder.start();
        String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor()).as(printed).isZero();
        return printed;
    }

    /** The scripts of the golden files' experiments (a sequential regression and classification, a three-headed graph) run too. */
    @Test
    void theGoldenExperimentsScriptsRun() throws Exception {
        Assumptions.assumeTrue(pandas(), "/usr/bin/python3 with pandas and numpy is not installed");
        Path houses = TestData.regression(dir, 120);
        assertThat(runWithFakeKeras(dir, KerasGenerator.generate(CodeGeneratorTest.regression(houses.toString())), houses))
                .contains("test: rmse");
        Path mail = TestData.classification(dir, 90);
        assertThat(runWithFakeKeras(dir, KerasGenerator.generate(CodeGeneratorTest.classification(mail.toString())), mail))
                .contains("validation: accuracy");
        Path california = TestData.CALIFORNIA.toAbsolutePath();
        assertThat(runWithFakeKeras(dir, KerasGenerator.generate(CodeGeneratorTest.otherTargets(california.toString())), california))
                .contains("test: value rmse").contains("test: income rmse").contains("test: ocean accuracy");
    }

    /** The learning rate the Keras script gives each epoch is the engine's (run with python3, no Keras needed). */
    @Test
    void theKerasLearningRatesAreTheEngines() throws Exception {
        Path csv = homes(dir);
        OptimizerSpec adam = adamW(csv).training().optimizer();
        for (Experiment e : List.of(adamW(csv), oneCycleGraph(csv).withTraining(oneCycleGraph(csv).training().withEpochs(20).withClipping(null)),
                adamW(csv).withTraining(adamW(csv).training().withEpochs(15)),
                adamW(csv).withTraining(adamW(csv).training().withEpochs(12).withOptimizer(adam.withSchedule(ScheduleKind.EXPONENTIAL, 0.8)
                        .withWarmupEpochs(3))),
                adamW(csv).withTraining(adamW(csv).training().withEpochs(12).withOptimizer(adam.withSchedule(ScheduleKind.STEP, 0.5)
                        .withWarmupEpochs(2))))) {
            Path script = Files.writeString(dir.resolve("rates.py"), KerasGenerator.generate(e));
            // the functions are defined inside main(): take them out with the settings they read
            String text = Files.readString(script);
            int from = text.indexOf("    WARMUP_EPOCHS = ");
            int to = text.indexOf("    callbacks.append(keras.callbacks.LearningRateScheduler");
            String functions = text.substring(from, to).lines().map(l -> l.startsWith("    ") ? l.substring(4) : l)
                    .collect(java.util.stream.Collectors.joining("\n"));
            String program = "import math\nEPOCHS = " + e.training().epochs() + "\nLEARNING_RATE = "
                    + e.training().optimizer().learningRate() + "\n" + functions
                    + "\nprint(' '.join(repr(learning_rate(i)) for i in range(EPOCHS)))\n";
            Process p = new ProcessBuilder("python3", "-c", program).redirectErrorStream(true).start();
            String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.waitFor()).as(printed).isZero();
            String[] rates = printed.split(" ");
            assertThat(rates).hasSize(e.training().epochs());
            for (int i = 0; i < rates.length; i++) {
                assertThat(Double.parseDouble(rates[i])).as("epoch %d of %s", i, e.name())
                        .isCloseTo(dev.layerlab.training.LearningRates.at(e.training().optimizer(), e.training().epochs(), i), within(1e-12));
            }
        }
    }

    /** The Keras script's preparation computes the ratio input and the log1p labels as the engine does. */
    @Test
    void theGeneratedPythonPreparesTheRatioAndTheLogTargetAsTheEngine() throws Exception {
        Assumptions.assumeTrue(pandas(), "/usr/bin/python3 with pandas and numpy is not installed");
        Path csv = homes(dir);
        Experiment experiment = adamW(csv);
        DataSpec all = experiment.data().withSplit(new SplitSpec(1.0, 0.0, 0.0, 5, false));
        Path script = Files.writeString(dir.resolve("train_homes.py"), KerasGenerator.generate(experiment.withData(all)));
        Path stub = Files.createDirectories(dir.resolve("stub").resolve("keras"));
        Files.writeString(stub.resolve("__init__.py"), "layers = None  # stands in for Keras: only the preparation runs\n");
        String program = String.join("\n",
                "import importlib.util, sys",
                "import numpy as np",
                "spec = importlib.util.spec_from_file_location('exported', sys.argv[1])",
                "m = importlib.util.module_from_spec(spec)",
                "spec.loader.exec_module(m)",
                "frame = m.load(sys.argv[2])",
                "x = m.Preprocessing(frame, m.input_columns(frame, [m.TARGET])).transform(frame)",
                "y, center, scale = m.encode_target(frame[m.TARGET], np.arange(len(frame)), True)",
                "print(repr(float(center)), repr(float(scale)))",
                "for row, label in zip(x, y[:, 0]):",
                "    print(' '.join(repr(float(v)) for v in list(row) + [label]))", "");
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", "-c", program, script.toString(), csv.toString())
                .redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", stub.getParent().toString());
        Process python = builder.start();
        String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor()).as(printed).isZero();
        List<String> lines = new ArrayList<>(printed.lines().toList());

        PreparedData engine = DataPipeline.prepare(all, dir);
        String[] scaler = lines.remove(0).split(" ");
        assertThat(Double.parseDouble(scaler[0])).isCloseTo(engine.preprocessing().mainTarget().center(), within(1e-9));
        assertThat(Double.parseDouble(scaler[1])).isCloseTo(engine.preprocessing().mainTarget().scale(), within(1e-9));
        Matrix rows = engine.train();
        assertThat(engine.preprocessing().featureNames()).contains("rooms/households", "lat+lon@15deg", "lat+lon@120deg", "rain=0");
        assertThat(lines).hasSize(rows.rows());
        for (int i = 0; i < rows.rows(); i++) {
            String[] row = lines.get(rows.sourceRows()[i]).split(" ");
            assertThat(row).hasSize(rows.featureCount() + 1);
            for (int f = 0; f < rows.featureCount(); f++) {
                assertThat(Float.parseFloat(row[f])).as("row %d, %s", rows.sourceRows()[i], engine.preprocessing().featureNames().get(f))
                        .isCloseTo(rows.feature(i, f), within(1e-4f));
            }
            assertThat(Float.parseFloat(row[rows.featureCount()])).as("row %d's label", rows.sourceRows()[i])
                    .isCloseTo(rows.targets()[i], within(1e-5f));
        }
    }

    static boolean pandas() {
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
