package dev.layerlab.cli;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.runs.Workspace;
import dev.layerlab.runs.RunJob;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.Initializer;
import dev.layerlab.model.LayerSpec;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.NetworkTemplates;
import dev.layerlab.model.OutputSpec;
import dev.layerlab.diagnostics.NetworkHealth;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.GradientClipping;
import dev.layerlab.training.OptimizerKind;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.ScheduleKind;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.training.TrainingSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains a network from flags or an experiment file and writes the run's files. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network on a CSV and write DIR/model.zip, experiment.json, history.csv, metrics.json.",
                "Either give --data and --target (and optional settings), or --experiment E.json (flags then override it)."})
final class TrainCommand implements Callable<Integer> {
    static final List<Integer> DEFAULT_HIDDEN = List.of(128, 64, 32);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "F.csv", description = "The training CSV.")
    Path data;
    @Option(names = "--target", paramLabel = "COL", description = "The column to predict.")
    String target;
    @Option(names = "--experiment", paramLabel = "E.json", description = "An experiment file (as saved by the workbench).")
    Path experimentFile;
    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the run (default: a new folder in the workspace).")
    Path out;
    @Option(names = "--name", description = "A name for the experiment.")
    String name;

    @Option(names = "--task", paramLabel = "regression|classification", description = "Override the task inferred from the target.")
    String task;
    @Option(names = "--template", paramLabel = "NAME",
            description = "Start from a template network: sequential, wide-deep, wide-deep-aux (replaces --hidden).")
    String template;
    @Option(names = "--hidden", split = ",", paramLabel = "N,N", description = "Hidden layer sizes (default ${DEFAULT-VALUE}).")
    List<Integer> hidden;
    @Option(names = "--activation", description = "Hidden activation: relu, leakyrelu, elu, selu, tanh, sigmoid, swish, gelu (default relu).")
    String activation;
    @Option(names = "--dropout", paramLabel = "R", description = "Dropout rate after each hidden layer, e.g. 0.2 (default 0).")
    Double dropout;
    @Option(names = "--l1", paramLabel = "X", description = "L1 weight penalty on each hidden layer (default 0).")
    Double l1;
    @Option(names = "--l2", paramLabel = "X", description = "L2 weight penalty on each hidden layer, e.g. 0.0001 (default 0).")
    Double l2;
    @Option(names = "--optimizer", description = "sgd, adam, nadam, adamax, rmsprop or adagrad (default adam).")
    String optimizer;
    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default: the optimizer's usual one, 0.001 for adam).")
    Double learningRate;
    @Option(names = "--schedule", paramLabel = "NAME",
            description = "Learning-rate schedule: constant, step, exponential, cosine, one-cycle or plateau (default constant).")
    String schedule;
    @Option(names = "--decay", paramLabel = "X",
            description = "Factor of the step, exponential and plateau schedules, e.g. 0.5 (default 0.5).")
    Double decay;
    @Option(names = "--step-epochs", paramLabel = "N", description = "Step schedule: epochs between decays (default 10).")
    Integer stepEpochs;
    @Option(names = "--plateau-patience", paramLabel = "N",
            description = "Plateau schedule: epochs without a lower validation loss before the rate drops (default 5).")
    Integer plateauPatience;
    @Option(names = "--warmup", paramLabel = "N", description = "Linear learning-rate warm-up over the first N epochs (default 0).")
    Integer warmup;
    @Option(names = "--weight-decay", paramLabel = "X",
            description = "Decoupled weight decay, e.g. 0.01 (with adam: AdamW; default 0). Separate from --l2.")
    Double weightDecay;
    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default 32).")
    Integer batch;
    @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs (default 100).")
    Integer epochs;
    @Option(names = "--patience", paramLabel = "N", description = "Early stopping: epochs without validation improvement (default 10; 0 = off).")
    Integer patience;
    @Option(names = "--seed", paramLabel = "N", description = "Random seed for the split, the weights and the batch order (default 42).")
    Long seed;
    @Option(names = "--val", paramLabel = "F", description = "Validation fraction (default 0.15).")
    Double validation;
    @Option(names = "--test", paramLabel = "F", description = "Test fraction (default 0.15).")
    Double test;

    @Option(names = "--scaling", paramLabel = "standardize|quantile|minmax|none",
            description = "Scaling of every numeric input column (default standardize; quantile maps each to a normal by its ranks).")
    String scaling;

    @Option(names = "--ensemble", paramLabel = "K",
            description = "Train K networks with seeds seed, seed+1, ... and average them (mean value / mean probability); default 1.")
    Integer ensemble;
    @Option(names = "--parallel", paramLabel = "P", description = "With --ensemble: members trained at once (default: the number of cores).")
    Integer parallel;

    @Option(names = "--no-baselines", description = "Skip the linear and gradient-boosting baselines (DIR/baselines.json).")
    boolean noBaselines;

    @Option(names = "--clip", paramLabel = "norm:X|value:X",
            description = "Gradient clipping: rescale each layer's gradient to an L2 norm of at most X (norm:1.0) or clip each element to [-X, X] (value:0.5); 'none' turns it off.")
    String clip;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue an interrupted run (a folder written by train --out) from its last checkpoint.")
    Path resume;
    @Option(names = "--from", paramLabel = "model.zip", description = "Fine-tune a trained model on --data (new rows), keeping its preprocessing.")
    Path from;
    @Option(names = "--refit-preprocessing", description = "With --from: fit the scaling/imputation again on the new data.")
    boolean refitPreprocessing;

    @Option(names = "--strict", description = "Refuse a numeric column with any cell that is not a usable number "
            + "(default: up to 1 %% of a column's cells are read as missing, with a warning).")
    boolean strict;

    @Option(names = "--ignore", split = ",", paramLabel = "COL", description = "Columns not to use as inputs.")
    List<String> ignoreColumns;

    @Option(names = "--feature", split = ",", paramLabel = "COL",
            description = "Columns to use as inputs even when they look like identifiers or free text (ignored by default).")
    List<String> featureColumns;

    @Option(names = "--categorical", split = ",", paramLabel = "COL", description = "Columns whose values are categories (e.g. codes written as numbers).")
    List<String> categoricalColumns;

    @Option(names = "--date", split = ",", paramLabel = "COL", description = "Columns to read as dates (calendar features); most are recognised without it.")
    List<String> dateColumns;

    @Option(names = "--numeric", split = ",", paramLabel = "COL", description = "Columns to read as numbers (undoes a date or categorical setting).")
    List<String> numericColumns;

    @Option(names = "--log1p", split = ",", paramLabel = "COL", description = "Skewed positive columns (counts, money) to scale as log(1+x).")
    List<String> log1pColumns;

    @Option(names = "--zero-indicator", split = ",", paramLabel = "COL",
            description = "Numeric columns to give an extra 0/1 input \"is exactly 0\" (default: columns with at least 10 % zeros).")
    List<String> zeroIndicatorColumns;

    @Option(names = "--no-zero-indicator", split = ",", paramLabel = "COL",
            description = "Numeric columns never to give the \"is exactly 0\" input, however many zeros they hold.")
    List<String> noZeroIndicatorColumns;

    @Option(names = "--embed", split = ",", paramLabel = "COL",
            description = "Categorical columns to feed through a learned embedding (default for more than 30 categories).")
    List<String> embedColumns;

    @Option(names = "--one-hot", split = ",", paramLabel = "COL",
            description = "Categorical columns to one-hot encode even when they have many categories.")
    List<String> oneHotColumns;

    @Option(names = "--ratio", split = ",", paramLabel = "A/B",
            description = "Generated input: column A divided by column B (e.g. total_rooms/households), computed by predict and serve too.")
    List<String> ratioColumns;

    @Option(names = "--rotate", paramLabel = "LAT,LON",
            description = "Generated inputs: the latitude/longitude pair projected onto 10 directions between north and east (every 15 degrees), computed by predict and serve too.")
    String rotateColumns;

    @Option(names = "--log-target", description = "Regression: fit the network to log(1+target) (a positive, skewed target); "
            + "predictions and metrics stay in the target's units.")
    boolean logTarget;

    @Option(names = "--class-weights", paramLabel = "none|balanced|C=W,...",
            description = "Classification: weigh the loss per class: none, balanced (rare classes count as much as frequent ones), or CLASS=WEIGHT,...")
    String classWeights;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path baseDir = Path.of("").toAbsolutePath();
        if (resume != null) {
            ContinueTraining.refuseWith("--resume", data, target, experimentFile, from, this.out, epochs, hidden, learningRate);
            return ContinueTraining.resume(resume, out);
        }
        Experiment experiment;
        dev.layerlab.export.ModelBundle parent = null;
        if (from != null) {
            ContinueTraining.refuseWith("--from", experimentFile, target, task, hidden, activation, dropout, l1, l2, optimizer);
            if (data == null) {
                throw new InvalidInputException("--from needs --data: the new rows to train on");
            }
            parent = dev.layerlab.export.ModelBundle.read(from);
            experiment = parent.experiment();
        } else if (experimentFile != null) {
            experiment = ExperimentJson.read(experimentFile);
            baseDir = dataBaseDir(experimentFile, experiment.data().path());
        } else {
            if (data == null || target == null) {
                throw new InvalidInputException("give --data and --target, or --experiment");
            }
            experiment = new Experiment(0, null, new DataSpec(data.toString(), null, null, target, TaskChoice.AUTO,
                    Map.of(), SplitSpec.defaults(), null), null, TrainingSpec.defaults());
        }
        experiment = applyFlags(experiment);
        if (scaling != null) {
            experiment = experiment.withData(CliSupport.scaleAll(experiment.data(), scaling, baseDir));
        }
        experiment.training().requireValid();
        if (ensemble != null) {
            dev.layerlab.training.SeedEnsemble.check(experiment.network(), ensemble);
        }
        if (parent != null) {
            return ContinueTraining.fineTune(parent, from, experiment, baseDir, refitPreprocessing, learningRate, out(experiment), out);
        }

        out.println("Loading " + experiment.data().path() + " ...");
        out.flush();
        PreparedData prepared = DataPipeline.prepare(experiment.data(), baseDir, experiment.network().outputTargets());
        prepared.warnings().forEach(w -> out.println("warning: " + w));
        out.printf("%s: %d training, %d validation, %d test rows; %d input features%n",
                prepared.task().name().toLowerCase(java.util.Locale.ROOT), prepared.train().rows(),
                prepared.validation().rows(), prepared.test().rows(), prepared.preprocessing().featureCount());
        prepared.preprocessing().columns().stream().filter(c -> c.embedding())
                .forEach(c -> out.println(dev.layerlab.data.Embeddings.describe(c)));

        if (template != null) {
            experiment = experiment.withNetwork(NetworkTemplates.forData(template, prepared.preprocessing().inputColumns()));
        }
        Path runDir = out(experiment);
        ProgressPrinter progress = new ProgressPrinter(out, System.console() != null);
        TrainingResult result = RunJob.fresh(experiment, prepared, baseDir, runDir)
                .run(new RunControl(), List.of(progress), new NetworkHealth().addListener(progress));
        Map<String, Map<String, Double>> metrics = result.metrics();
        if (ensemble != null && ensemble > 1) {
            metrics = addMembers(experiment, prepared, runDir, out);
        }
        out.println(MetricsTable.render(metrics));
        if (!noBaselines) {
            printBaselines(prepared, runDir, metrics, experiment.training().seed(), out);
        }
        out.println("Run written to " + runDir + " (model.zip, experiment.json, history.csv, metrics.json"
                + (noBaselines ? "" : ", baselines.json") + ")");
        out.flush();
        return 0;
    }

    /** Fits the baselines on the run's split, writes DIR/baselines.json and prints them under the metrics. */
    static void printBaselines(PreparedData prepared, Path runDir, Map<String, Map<String, Double>> network, long seed,
                               PrintWriter out) throws java.io.IOException {
        out.println("Baselines on the same split ...");
        out.flush();
        dev.layerlab.baselines.Baselines.Result baselines = dev.layerlab.baselines.Baselines.fit(prepared, 1, seed);
        dev.layerlab.baselines.Baselines.write(runDir, baselines);
        out.print(MetricsTable.renderBaselines(baselines.metrics()));
        baselines.notes().forEach(n -> out.println("  " + n));
        String split = network.containsKey("test") ? "test" : "validation";
        out.println(dev.layerlab.baselines.Baselines.compare(baselines.metrics(), prepared.task(), split, network.get(split)));
    }

    /** Trains members 1..K-1 (seeds after the run's) and turns the run into their ensemble. */
    private Map<String, Map<String, Double>> addMembers(Experiment experiment, PreparedData prepared, Path runDir,
                                                        PrintWriter out) throws java.io.IOException {
        List<Long> seeds = new ArrayList<>();
        List<Experiment> experiments = new ArrayList<>();
        for (int i = 1; i < ensemble; i++) {
            long memberSeed = experiment.training().seed() + i;
            seeds.add(memberSeed);
            experiments.add(experiment.withTraining(experiment.training().withSeed(memberSeed)));
        }
        int threads = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
        out.printf("Training %d more ensemble members (seeds %s) ...%n", seeds.size(), seeds);
        out.flush();
        List<TrainingResult> members = dev.layerlab.training.SeedEnsemble.train(experiment.network(),
                experiment.training(), prepared, seeds, threads, new RunControl());
        out.println("Ensemble of " + ensemble + " networks (averaged):");
        return dev.layerlab.runs.RunWriter.addMembers(runDir, prepared, members, experiments);
    }

    private Path out(Experiment experiment) throws java.io.IOException {
        if (out == null) {
            return Workspace.defaultWorkspace().newRunDir(experiment.name());
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidInputException("--out " + out + " is a file; give a folder");
        }
        Files.createDirectories(out);
        return out;
    }

    /** The experiment's data path is looked up beside the experiment file first, then in the current folder. */
    static Path dataBaseDir(Path experimentFile, String dataPath) {
        return RunJob.dataBaseDir(experimentFile, dataPath);
    }

    private Experiment applyFlags(Experiment experiment) {
        DataSpec d = experiment.data();
        if (data != null || target != null || task != null || validation != null || test != null || seed != null) {
            SplitSpec split = d.split() == null ? SplitSpec.defaults() : d.split();
            double val = validation != null ? validation : split.validation();
            double tst = test != null ? test : split.test();
            if (val < 0 || tst < 0 || val + tst >= 1) {
                throw new InvalidInputException("--val and --test must be fractions that leave rows to train on (got " + val + " and " + tst + ")");
            }
            split = new SplitSpec(1 - val - tst, val, tst, seed != null ? seed : split.seed(), split.stratify());
            d = new DataSpec(data != null ? data.toString() : d.path(), d.delimiter(), d.header(),
                    target != null ? target : d.target(), task != null ? taskFrom(task) : d.task(),
                    d.columns(), split, d.scaleTarget(), d.invalidNumbers(), d.classWeights(), d.ratios(), d.targetTransform(), d.rotations());
        }
        if (strict) {
            d = d.withInvalidNumbers(dev.layerlab.data.InvalidNumbers.ERROR);
        }
        d = CliSupport.columnFlags(d, ignoreColumns, featureColumns, categoricalColumns, dateColumns, numericColumns,
                log1pColumns);
        d = CliSupport.encodingFlags(d, embedColumns, oneHotColumns);
        d = CliSupport.zeroIndicatorFlags(d, zeroIndicatorColumns, noZeroIndicatorColumns);
        if (classWeights != null) {
            d = d.withClassWeights(dev.layerlab.data.ClassWeights.parse(classWeights));
        }
        if (ratioColumns != null) {
            d = d.withRatios(CliSupport.ratios(ratioColumns));
        }
        if (rotateColumns != null) {
            d = d.withRotations(List.of(CliSupport.rotation(rotateColumns)));
        }
        if (logTarget) {
            d = d.withTargetTransform(dev.layerlab.data.TargetTransform.LOG1P);
        }
        NetworkSpec network = experiment.network();
        if (network == null || hidden != null || activation != null || dropout != null || l1 != null || l2 != null) {
            network = network(network);
        }
        TrainingSpec t = experiment.training();
        if (optimizer != null || learningRate != null) {
            OptimizerSpec o = t.optimizer();
            if (optimizer != null) {
                o = o.withKind(parseOptimizer(optimizer));
                if (learningRate == null) {
                    o = o.withLearningRate(o.kind().usualLearningRate());
                }
            }
            t = t.withOptimizer(learningRate != null ? o.withLearningRate(learningRate) : o);
        }
        t = t.withOptimizer(scheduleFlags(t.optimizer()));
        if (batch != null) {
            t = t.withBatchSize(batch);
        }
        if (epochs != null) {
            t = t.withEpochs(epochs);
        }
        if (seed != null) {
            t = t.withSeed(seed);
        }
        if (clip != null) {
            t = t.withClipping(clip.trim().equalsIgnoreCase("none") ? null : GradientClipping.parse(clip));
        }
        if (patience != null) {
            t = t.withEarlyStopping(patience == 0 ? EarlyStoppingSpec.disabled()
                    : new EarlyStoppingSpec(true, t.earlyStopping().monitor(), patience, t.earlyStopping().minDelta(), true));
        }
        String experimentName = name != null ? name : experiment.name().equals("untitled") && d.target() != null
                ? "predict-" + d.target() : experiment.name();
        return new Experiment(0, experimentName, d, network, t);
    }

    private NetworkSpec network(NetworkSpec base) {
        List<Integer> sizes = hidden != null ? hidden : DEFAULT_HIDDEN;
        Activation act = activation != null ? activationFrom(activation) : Activation.RELU;
        List<LayerSpec> layers = new ArrayList<>();
        for (int units : sizes) {
            layers.add(new DenseLayer(null, units, act, Initializer.HE_NORMAL, 0.0,
                    l1 == null ? 0 : l1, l2 == null ? 0 : l2));
            if (dropout != null && dropout > 0) {
                layers.add(new DropoutLayer(null, dropout));
            }
        }
        return new NetworkSpec(layers, base != null ? base.output() : OutputSpec.auto());
    }

    private static TaskChoice taskFrom(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "regression" -> TaskChoice.REGRESSION;
            case "classification" -> TaskChoice.CLASSIFICATION;
            case "auto" -> TaskChoice.AUTO;
            default -> throw new InvalidInputException("--task must be regression or classification, got '" + text + "'");
        };
    }

    private static Activation activationFrom(String text) {
        try {
            return Activation.fromJson(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--activation: " + e.getMessage());
        }
    }

    /** The optimizer with --schedule, --decay, --step-epochs, --plateau-patience, --warmup and --weight-decay applied. */
    private OptimizerSpec scheduleFlags(OptimizerSpec o) {
        if (schedule != null) {
            try {
                o = o.withSchedule(ScheduleKind.fromId(schedule), null);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--schedule: " + e.getMessage());
            }
        }
        if (decay != null || stepEpochs != null) {
            o = new OptimizerSpec(o.kind(), o.learningRate(), o.momentum(), o.schedule(), decay != null ? decay : o.decay(),
                    stepEpochs != null ? stepEpochs : o.stepEpochs(), o.weightDecay(), o.warmupEpochs(), o.plateauPatience());
        }
        if (plateauPatience != null) {
            if (o.schedule() != ScheduleKind.PLATEAU) {
                throw new InvalidInputException("--plateau-patience needs --schedule plateau");
            }
            o = o.withPlateauPatience(plateauPatience);
        }
        if (warmup != null) {
            o = o.withWarmupEpochs(warmup);
        }
        if (weightDecay != null) {
            o = o.withWeightDecay(weightDecay);
        }
        return o;
    }

    private static OptimizerKind parseOptimizer(String text) {
        try {
            return OptimizerKind.fromId(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--optimizer: " + e.getMessage());
        }
    }
}
