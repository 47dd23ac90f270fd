package dev.layerlab.training;

import dev.layerlab.RuntimeOptions;
import dev.layerlab.data.FittedPreprocessing;
import dev.layerlab.data.FittedTarget;
import dev.layerlab.data.Matrix;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.TaskType;
import dev.layerlab.model.Dl4jTranslator;
import dev.layerlab.model.NetworkShape;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.NetworkValidator;
import dev.layerlab.training.nd4j.Nd4jPatchOptions;
import dev.layerlab.training.nd4j.Nd4jPatches;
import dev.layerlab.training.nd4j.NativeRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a network to prepared data: mini-batches in a seeded order, per-epoch history and metrics, early
 * stopping, checkpoints, pause/cancel between steps, and a clean stop when the loss diverges.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** Rows per forward pass when evaluating a whole split: bounds memory on large files. */
    private static final int EVAL_CHUNK = 8192;

    private final List<TrainingListener> listeners = new ArrayList<>();
    private final RunControl control;
    private final Path checkpointDir;
    private StepProbe probe;
    private boolean prefetch = RuntimeOptions.current().prefetchEpochs();
    private boolean directUpdater = Nd4jPatchOptions.current().directUpdater();

    /**
     * @param checkpointDir where checkpoints go ("last.zip", "best.zip"); null to write none
     */
    public Trainer(RunControl control, Path checkpointDir) {
        this.control = control == null ? new RunControl() : control;
        this.checkpointDir = checkpointDir;
    }

    /**
     * True (the default; {@code -Dlayerlab.prefetchEpochs=false} changes it): with pre-batched epochs, the next
     * epoch's rows are shuffled and gathered on a background thread while this one trains ({@link EpochPrefetcher}).
     * Same batches either way.
     */
    public Trainer prefetchEpochs(boolean on) {
        this.prefetch = on;
        return this;
    }

    /**
     * True (the default; {@code -Dlayerlab.directUpdater=false} changes it): DL4J's updater takes its standard
     * path on every step instead of its "external gradient" one (training.nd4j.DirectUpdaters); bit-identical training,
     * about 40 % fewer native buffers per step. False: DL4J's updater as it comes, for comparison.
     */
    public Trainer directUpdater(boolean on) {
        this.directUpdater = on;
        return this;
    }

    /** Looks inside the steps it asks for (network health); null for none. */
    public Trainer probe(StepProbe stepProbe) {
        this.probe = stepProbe;
        return this;
    }

    public Trainer addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** The network shape this data calls for. */
    public static NetworkShape shapeOf(PreparedData data) {
        return shapeOf(data.preprocessing());
    }

    public static NetworkShape shapeOf(FittedPreprocessing prep) {
        double[] weights = prep.classWeights().isEmpty() ? null
                : prep.classWeights().stream().mapToDouble(Double::doubleValue).toArray();
        List<dev.layerlab.model.EmbeddedColumn> embeddings = prep.columns().stream().filter(c -> c.embedding())
                .map(c -> new dev.layerlab.model.EmbeddedColumn(c.name(), c.vocabulary(), c.embeddingDim())).toList();
        return new NetworkShape(prep.featureCount(), prep.targetWidth(), prep.task(), prep.featureNames(),
                prep.targetColumn(), targetShapes(prep.outputTargets()), weights, embeddings);
    }

    /** The shapes of these target columns, by column name, in order. */
    public static Map<String, NetworkShape.Target> targetShapes(List<FittedTarget> targets) {
        Map<String, NetworkShape.Target> shapes = new LinkedHashMap<>();
        for (FittedTarget t : targets) {
            shapes.put(t.column(), new NetworkShape.Target(t.task(), t.width()));
        }
        return shapes;
    }

    /** Builds the DL4J network for a spec, validated, with weights initialised from the seed. */
    public static TrainableNetwork buildNetwork(NetworkSpec network, NetworkShape shape, TrainingSpec spec) {
        return buildNetwork(network, shape, spec, Updaters.toDl4j(spec.optimizer(), spec.epochs()));
    }

    /** As {@link #buildNetwork(NetworkSpec, NetworkShape, TrainingSpec)} with another DL4J updater (e.g. another rate schedule). */
    public static TrainableNetwork buildNetwork(NetworkSpec network, NetworkShape shape, TrainingSpec spec,
                                                org.nd4j.linalg.learning.config.IUpdater updater) {
        NativeRuntime.init();
        spec.requireValid();
        NetworkValidator.requireValid(network, shape);
        if (network.isGraph() || shape.hasEmbeddings()) {
            var graphConf = Dl4jTranslator.toGraphConfiguration(network, shape, updater, spec.seed());
            List<org.deeplearning4j.nn.conf.NeuralNetConfiguration> layers = graphConf.getVertices().values().stream()
                    .filter(v -> v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex)
                    .map(v -> ((org.deeplearning4j.nn.conf.graph.LayerVertex) v).getLayerConf()).toList();
            GradientClipping.apply(spec.clipping(), layers);
            DecoupledWeightDecay.apply(spec.optimizer().weightDecayOrZero(), layers);
            ComputationGraph graph = new ComputationGraph(graphConf);
            graph.init();
            return new GraphNetwork(graph, network, shape);
        }
        MultiLayerConfiguration conf = Dl4jTranslator.toConfiguration(network, shape, updater, spec.seed());
        GradientClipping.apply(spec.clipping(), conf.getConfs());
        DecoupledWeightDecay.apply(spec.optimizer().weightDecayOrZero(), conf.getConfs());
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return new SequentialNetwork(net);
    }

    public TrainingResult train(NetworkSpec network, TrainingSpec spec, PreparedData data) {
        TrainableNetwork net = buildNetwork(network, shapeOf(data), spec);
        return fit(net, spec, data);
    }

    /** Trains {@code net} (fresh or already trained) for {@code spec.epochs()} more epochs. */
    public TrainingResult fit(TrainableNetwork net, TrainingSpec spec, PreparedData data) {
        return fit(net, spec, data, null);
    }

    /**
     * Continues the run whose checkpoints are in this trainer's folder, from {@code last.zip} (weights, optimizer
     * state, history and early-stopping state), up to {@code spec.epochs()} epochs in all: it ends where the
     * uninterrupted run would have.
     */
    public TrainingResult resume(TrainingSpec spec, PreparedData data) {
        return resume(null, spec, data);
    }

    /** As {@link #resume(TrainingSpec, PreparedData)}; {@code network} is needed for graph networks (null = sequential). */
    public TrainingResult resume(NetworkSpec network, TrainingSpec spec, PreparedData data) {
        Path last = checkpointDir == null ? null : checkpointDir.resolve(Checkpoints.LAST);
        if (last == null || !java.nio.file.Files.isRegularFile(last)) {
            throw new dev.layerlab.InvalidInputException("nothing to resume: there is no checkpoint " + last
                    + " (the run stopped before its first checkpoint); start it again");
        }
        TrainingState state = Checkpoints.readState(last);
        if (state == null) {
            throw new dev.layerlab.InvalidInputException(last + " has no run state (written by an older LayerLab): cannot resume from it");
        }
        TrainableNetwork net = network == null ? Checkpoints.read(last) : Checkpoints.read(last, network, shapeOf(data));
        int done = state.history().size(); // epochs of this run (a fine-tuned network counts its parent's too)
        if (spec.epochs() - done < 1) {
            throw new dev.layerlab.InvalidInputException("the run already finished all " + spec.epochs() + " epochs: nothing to resume");
        }
        return fit(net, spec.withEpochs(spec.epochs() - done), data, state);
    }

    /**
     * @param resumed the state of the run being continued (from a checkpoint), or a fresh {@link TrainingState#start}
     *             naming the run; null for none. Checkpoints carry it forward so the run can be resumed.
     */
    public TrainingResult fit(TrainableNetwork net, TrainingSpec spec, PreparedData data, TrainingState resumed) {
        Run run = begin(net, spec, data, resumed);
        try {
            for (int e = 1; e <= spec.epochs(); e++) {
                int epoch = run.startEpoch + e;
                if (!trainEpoch(run, epoch) || !endEpoch(run, epoch, e == spec.epochs())) {
                    break;
                }
            }
        } finally {
            run.prefetcher.close();
        }
        restoreBest(run);
        return result(run);
    }

    /** One fit's settings and running state, passed between its named steps. */
    private static final class Run {
        TrainableNetwork net;
        TrainingSpec spec;
        PreparedData data;
        Matrix train;
        Evaluator evaluator;
        boolean hasValidation;
        EarlyStoppingSpec stopping;
        String monitor;
        boolean higherIsBetter;
        int batch;
        int stepsPerEpoch;
        EpochPrefetcher prefetcher;
        TrainingState state;
        List<EpochRecord> history;
        INDArray lastGoodParams;
        double bestValue;
        int bestEpoch;
        int epochsWithoutImprovement;
        int startEpoch;
        INDArray bestParams;
        long iteration;
        long started;
        Plateau plateau;
        RunStatus status = RunStatus.COMPLETED;
        String endMessage;
        int keptEpoch;
        /** The epoch just trained: its mean step loss and the rate it used, for its record. */
        double pendingTrainLoss;
        double pendingRate;
    }

    /** Checks the settings, prepares the batches and takes over the state of a resumed run. */
    private Run begin(TrainableNetwork net, TrainingSpec spec, PreparedData data, TrainingState resumed) {
        NativeRuntime.init();
        spec.requireValid();
        if (directUpdater) {
            Nd4jPatches.prepareNetwork(net.dl4j(), true);
        }
        Run run = new Run();
        run.net = net;
        run.spec = spec;
        // a single-output network predicts the experiment's target only
        run.data = net instanceof GraphNetwork ? data : data.withMainTargetOnly();
        run.train = run.data.train();
        if (run.train.rows() == 0) {
            throw new dev.layerlab.InvalidInputException("the training split has no rows: raise the train fraction or use more data");
        }
        run.evaluator = new Evaluator(run.data.preprocessing());
        run.hasValidation = run.data.validation().rows() > 0;
        run.stopping = spec.earlyStopping();
        run.monitor = run.hasValidation ? run.stopping.monitor() : "train_loss";
        run.higherIsBetter = run.hasValidation && run.stopping.higherIsBetter();
        run.batch = Math.min(spec.batchSize(), run.train.rows());
        run.stepsPerEpoch = (run.train.rows() + run.batch - 1) / run.batch;
        listeners.forEach(l -> l.onStart(spec.epochs(), run.stepsPerEpoch));
        if (!run.hasValidation && run.stopping.enabled()) {
            message("No validation split: early stopping watches the training loss instead of " + run.stopping.monitor() + ".");
        }
        int width = run.train.featureCount();
        int targetWidth = run.train.targetWidth();
        run.prefetcher = new EpochPrefetcher(run.train, spec.seed(), new EpochBatches.Slots(width, targetWidth), prefetch);

        run.state = resumed != null ? resumed : TrainingState.start(null, null, null);
        run.history = new ArrayList<>(run.state.history());
        run.lastGoodParams = net.params().dup();
        run.bestValue = run.state.bestValue() == null ? Double.NaN : run.state.bestValue();
        run.bestEpoch = run.state.bestEpoch();
        run.epochsWithoutImprovement = run.state.epochsWithoutImprovement();
        run.startEpoch = net.epochCount();
        run.bestParams = run.bestEpoch == 0 ? null : run.bestEpoch == run.startEpoch ? run.lastGoodParams : bestCheckpoint(run.bestEpoch);
        run.iteration = (long) run.startEpoch * run.stepsPerEpoch;
        run.started = System.nanoTime() - (run.history.isEmpty() ? 0 : run.history.get(run.history.size() - 1).elapsedMillis() * 1_000_000);
        run.plateau = Plateau.replay(spec.optimizer(), run.history, run.hasValidation);
        return run;
    }

    /** The mini-batch steps of one epoch; false when the run ends inside it (cancelled or diverged). */
    private boolean trainEpoch(Run run, int epoch) {
        // Batch order and dropout masks are seeded per epoch, so a run resumed at any epoch boundary
        // continues exactly as the uninterrupted run would have.
        Nd4j.getRandom().setSeed(run.spec.seed() * 1_000_003L + epoch);
        EpochBatches epochRows = run.prefetcher.epoch(epoch, run.startEpoch + run.spec.epochs());
        double rate = run.net.currentLearningRate(); // this epoch's, read before the epoch counter moves
        double lossSum = 0;
        int lossCount = 0;
        for (int step = 0; step < run.stepsPerEpoch; step++) {
            control.awaitIfPaused();
            if (control.isCancelled()) {
                run.status = RunStatus.CANCELLED;
                run.endMessage = "Stopped by the user during epoch " + epoch + "; the weights trained so far are kept.";
                return false;
            }
            INDArray[] xy = batch(run, epochRows, step);
            double loss = step(run, xy[0], xy[1], epoch);
            if (!Double.isFinite(loss)) {
                run.status = RunStatus.DIVERGED;
                run.net.setParams(run.lastGoodParams);
                run.endMessage = divergenceMessage(epoch, loss, run.spec);
                return false;
            }
            lossSum += loss;
            lossCount++;
        }
        run.net.incrementEpochCount();
        run.pendingTrainLoss = lossSum / Math.max(lossCount, 1);
        run.pendingRate = Double.isFinite(rate) ? rate : LearningRates.at(run.spec.optimizer(), run.spec.epochs(), epoch - 1);
        return true;
    }

    /** Step {@code step}'s features and targets: slices of the epoch's pre-gathered rows. */
    private static INDArray[] batch(Run run, EpochBatches epochRows, int step) {
        int from = step * run.batch;
        int rows = Math.min(run.batch, run.train.rows() - from);
        return new INDArray[] {epochRows.features(from, rows), epochRows.targets(from, rows)};
    }

    /** One optimisation step, probed when the probe asks for it; its loss (not finite: the run diverged). */
    private double step(Run run, INDArray x, INDArray y, int epoch) {
        boolean probed = probe != null && probe.wants(run.iteration);
        if (probed) {
            probe.beforeStep(run.net, x, y, epoch, run.iteration);
        }
        run.net.fit(x, y);
        double loss = run.net.score();
        if (probed) {
            probe.afterStep(run.net, loss);
        }
        if (Double.isFinite(loss)) {
            for (TrainingListener listener : listeners) {
                listener.onIteration(epoch, run.iteration, loss);
            }
            run.iteration++;
        }
        return loss;
    }

    /**
     * After an epoch's steps: its record, the best epoch, a plateau's rate drop, checkpoints and early stopping;
     * false when the run ends here.
     */
    private boolean endEpoch(Run run, int epoch, boolean lastEpoch) {
        EpochRecord record = run.evaluator.epochRecord(run.net, run.data, epoch, run.pendingTrainLoss, run.pendingRate,
                (System.nanoTime() - run.started) / 1_000_000);
        if (!Double.isFinite(record.trainLoss()) || (run.hasValidation && !Double.isFinite(record.valLoss()))) {
            run.status = RunStatus.DIVERGED;
            run.net.setParams(run.lastGoodParams);
            run.endMessage = divergenceMessage(epoch, Double.NaN, run.spec);
            return false;
        }
        run.history.add(record);
        listeners.forEach(l -> l.onEpoch(record));
        run.lastGoodParams = run.net.params().dup();
        boolean improved = trackBest(run, record, epoch);
        if (run.plateau != null && run.plateau.observe(record)) {
            run.net.setLearningRate(run.plateau.rate());
            message(String.format(java.util.Locale.ROOT, "The validation loss stalled for %d epochs: learning rate lowered to %s.",
                    run.plateau.patience(), format(run.plateau.rate())));
        }
        writeCheckpoints(run, epoch, improved);
        if (run.stopping.enabled() && run.epochsWithoutImprovement >= run.stopping.patience() && !lastEpoch) {
            run.status = RunStatus.EARLY_STOPPED;
            run.endMessage = String.format("Early stopping after epoch %d: %s has not improved for %d epochs (best %s at epoch %d).",
                    epoch, run.monitor, run.stopping.patience(), format(run.bestValue), run.bestEpoch);
            return false;
        }
        return true;
    }

    /** Updates the best epoch and the early-stopping counter; true when this epoch is the best so far. */
    private static boolean trackBest(Run run, EpochRecord record, int epoch) {
        double value = record.value(run.monitor);
        boolean improved = run.bestEpoch == 0 || (run.higherIsBetter
                ? value > run.bestValue + run.stopping.minDelta()
                : value < run.bestValue - run.stopping.minDelta());
        if (improved) {
            run.bestValue = value;
            run.bestEpoch = epoch;
            run.bestParams = run.lastGoodParams;
            run.epochsWithoutImprovement = 0;
        } else {
            run.epochsWithoutImprovement++;
        }
        return improved;
    }

    private void writeCheckpoints(Run run, int epoch, boolean improved) {
        CheckpointSpec checkpoints = run.spec.checkpoints();
        if (checkpointDir != null && checkpoints.everyEpochs() > 0 && epoch % checkpoints.everyEpochs() == 0) {
            Checkpoints.write(run.net, checkpointDir.resolve(Checkpoints.LAST), run.state.progress(epoch, run.data.task(),
                    run.history, run.bestEpoch, run.bestValue, run.epochsWithoutImprovement));
        }
        // After last.zip: a crash in between leaves best = the last checkpoint's epoch, restored from it.
        if (improved && checkpointDir != null && checkpoints.best()) {
            Checkpoints.write(run.net, checkpointDir.resolve(Checkpoints.BEST));
        }
    }

    /** Puts back the best epoch's weights when asked (not after a divergence) and settles the end message. */
    private void restoreBest(Run run) {
        List<EpochRecord> history = run.history;
        run.keptEpoch = history.isEmpty() ? run.startEpoch : history.get(history.size() - 1).epoch();
        if (run.stopping.restoreBest() && run.bestParams != null && run.bestEpoch != run.keptEpoch
                && run.status != RunStatus.DIVERGED) {
            run.net.setParams(run.bestParams);
            run.keptEpoch = run.bestEpoch;
            run.endMessage = (run.endMessage == null ? "" : run.endMessage + " ")
                    + "Restored the weights of epoch " + run.bestEpoch + " (best " + run.monitor + ").";
        }
        if (run.endMessage == null) {
            run.endMessage = "Finished " + history.size() + " epochs.";
        }
        if (run.status == RunStatus.DIVERGED && checkpointDir != null) {
            Checkpoints.write(run.net, checkpointDir.resolve(Checkpoints.LAST), run.state.progress(run.net.epochCount(),
                    run.data.task(), history, run.bestEpoch, run.bestValue, run.epochsWithoutImprovement));
        }
        message(run.endMessage);
        LOG.info("Run ended: {} - {}", run.status, run.endMessage);
    }

    /** The final metrics per split and the predictions shown with the run. */
    private TrainingResult result(Run run) {
        PreparedData data = run.data;
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put("train", run.evaluator.finalMetrics(run.net, data.train()));
        if (run.hasValidation) {
            metrics.put("validation", run.evaluator.finalMetrics(run.net, data.validation()));
        }
        if (data.test().rows() > 0) {
            metrics.put("test", run.evaluator.finalMetrics(run.net, data.test()));
        }
        SplitPredictions evaluation = data.test().rows() > 0 ? run.evaluator.predictions(run.net, data.test(), "test")
                : run.hasValidation ? run.evaluator.predictions(run.net, data.validation(), "validation") : null;
        TrainingResult result = new TrainingResult(run.status, run.endMessage, run.net, run.history, run.keptEpoch,
                metrics, evaluation);
        listeners.forEach(l -> l.onEnd(result));
        return result;
    }

    /** The weights of best.zip when it holds {@code epoch}; null (with a message) when it does not. */
    private INDArray bestCheckpoint(int epoch) {
        Path best = checkpointDir == null ? null : checkpointDir.resolve(Checkpoints.BEST);
        if (best != null && java.nio.file.Files.isRegularFile(best)) {
            int savedEpoch = Checkpoints.readEpochCount(best);
            if (savedEpoch == epoch) {
                return Checkpoints.readParams(best);
            }
        }
        message("The best weights so far (epoch " + epoch + ") were not kept in a checkpoint: they cannot be restored at the end.");
        return null;
    }

    private void message(String text) {
        listeners.forEach(l -> l.onMessage(text));
    }

    private static String divergenceMessage(int epoch, double loss, TrainingSpec spec) {
        String what = Double.isNaN(loss) ? "NaN" : Double.isInfinite(loss) ? "infinite" : "not a number";
        return String.format("Training diverged in epoch %d (the loss became %s). The learning rate (%s) is probably too high: "
                        + "try %s. The weights of the last good epoch (%d) are kept.",
                epoch, what, format(spec.optimizer().learningRate()),
                format(spec.optimizer().learningRate() / 10), epoch - 1);
    }

    private static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.4g", value);
    }

    /** Forward passes over whole splits: losses, metrics in target units, predictions. */
    public static final class Evaluator {
        private final TaskType task;
        private final FittedPreprocessing prep;

        public Evaluator(FittedPreprocessing prep) {
            this.task = prep.task();
            this.prep = prep;
        }

        EpochRecord epochRecord(TrainableNetwork net, PreparedData data, int epoch, double trainLoss, double rate, long elapsedMillis) {
            Map<String, Double> trainMetrics = metrics(net, data.train());
            double valLoss = Double.NaN;
            Map<String, Double> valMetrics = Map.of();
            if (data.validation().rows() > 0) {
                valLoss = loss(net, data.validation());
                valMetrics = metrics(net, data.validation());
            }
            return new EpochRecord(epoch, trainLoss, valLoss, trainMetrics, valMetrics, rate, elapsedMillis);
        }

        double loss(TrainableNetwork net, Matrix split) {
            double weighted = 0;
            for (int from = 0; from < split.rows(); from += EVAL_CHUNK) {
                int rows = Math.min(EVAL_CHUNK, split.rows() - from);
                weighted += net.loss(slice(split.features(), split.featureCount(), from, rows),
                        slice(split.targets(), split.targetWidth(), from, rows)) * rows;
            }
            return weighted / split.rows();
        }

        /** As {@link #metrics}, plus for classification each class's precision and recall (the run's final figures). */
        public Map<String, Double> finalMetrics(TrainableNetwork net, Matrix split) {
            Map<String, Double> metrics = new LinkedHashMap<>(metrics(net, split));
            FittedTarget main = prep.mainTarget();
            if (split.rows() > 0 && main.task().isClassification()) {
                float[] output = Inference.output(net, split.features(), split.rows(), split.featureCount());
                int width = main.width();
                float[] head = width == prep.labelWidth() && output.length == split.rows() * width ? output : null;
                if (head != null) {
                    int[] labels = classLabels(block(split, 0, prep.targetWidth()), width, split.rows());
                    int[] predicted = Metrics.predictedClasses(head, width, split.rows());
                    metrics.putAll(Metrics.perClass(Metrics.confusion(predicted, labels, main.classes().size()),
                            main.classes()));
                }
            }
            return metrics;
        }

        public Map<String, Double> metrics(TrainableNetwork net, Matrix split) {
            if (split.rows() == 0) {
                return Map.of();
            }
            float[] output = Inference.output(net, split.features(), split.rows(), split.featureCount());
            Map<String, Double> metrics = new LinkedHashMap<>(headMetrics(output, split));
            if (net instanceof GraphNetwork graph && graph.outputNames().size() > 1) {
                metrics.putAll(perOutput(graph, split));
            }
            return metrics;
        }

        /** An ensemble's metrics on a split: its members' mean output scored like one network's (main head only). */
        public Map<String, Double> metrics(List<? extends TrainableNetwork> members, Matrix split) {
            if (members.size() == 1) {
                return metrics(members.get(0), split);
            }
            if (split.rows() == 0) {
                return Map.of();
            }
            return new LinkedHashMap<>(headMetrics(Inference.meanOutput(members, split.features(), split.rows(),
                    split.featureCount()), split));
        }

        /**
         * Metrics of any model's output for the main target on a split, in the network's output terms (the scaled
         * target for regression, probabilities for classification): how baselines are scored like the network.
         */
        public Map<String, Double> metrics(float[] output, Matrix split) {
            return split.rows() == 0 ? Map.of() : new LinkedHashMap<>(headMetrics(output, split));
        }

        private Map<String, Double> headMetrics(float[] output, Matrix split) {
            return metricsFor(prep.mainTarget(), output, block(split, 0, prep.targetWidth()), split.rows());
        }

        /** A target's metrics: in its own units (regression) or on class probabilities (classification). */
        private static Map<String, Double> metricsFor(FittedTarget target, float[] output, float[] labels, int rows) {
            if (target.task() == TaskType.REGRESSION) {
                return Metrics.regression(toUnits(target, output), toUnits(target, labels));
            }
            return Metrics.classification(output, target.width(), classLabels(labels, target.width(), rows),
                    target.classes().size());
        }

        /**
         * For each head of a multi-output graph: its own (unweighted) loss and its target's headline metric,
         * named "<output>_loss" and e.g. "<output>_rmse" (in that target's units) or "<output>_accuracy", as Keras
         * reports "aux_output_loss".
         */
        private Map<String, Double> perOutput(GraphNetwork graph, Matrix split) {
            float[][] outputs = Inference.outputs(graph, split.features(), split.rows(), split.featureCount());
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (int o = 0; o < outputs.length; o++) {
                String name = graph.outputNames().get(o);
                FittedTarget target = targetOf(graph.outputNodes().get(o));
                int width = graph.labelWidth(o);
                float[] labels = block(split, graph.labelOffset(o), width);
                INDArray labelArray = Nd4j.create(labels, new long[] {split.rows(), width}, DataType.FLOAT);
                INDArray predictions = Nd4j.create(outputs[o], new long[] {split.rows(), width}, DataType.FLOAT);
                metrics.put(name + "_loss", graph.headLoss(o).computeScore(labelArray, predictions,
                        new org.nd4j.linalg.activations.impl.ActivationIdentity(), null, true));
                String headline = Metrics.headline(target.task());
                metrics.put(name + "_" + headline, metricsFor(target, outputs[o], labels, split.rows()).get(headline));
            }
            return metrics;
        }

        /** The encoding of the column an output predicts. */
        public FittedTarget targetOf(dev.layerlab.model.OutputNode output) {
            if (output.predictsMainTarget(prep.targetColumn())) {
                return prep.mainTarget();
            }
            FittedTarget target = prep.outputTarget(output.target());
            if (target == null) {
                throw new dev.layerlab.InvalidInputException("output '" + output.name() + "' predicts column '"
                        + output.target() + "', which the model's preprocessing does not know");
            }
            return target;
        }

        public SplitPredictions predictions(TrainableNetwork net, Matrix split, String name) {
            float[] output = Inference.output(net, split.features(), split.rows(), split.featureCount());
            FittedTarget main = prep.mainTarget();
            float[] targets = block(split, 0, main.width());
            if (task == TaskType.REGRESSION) {
                return new SplitPredictions(name, toUnits(main, output), toUnits(main, targets), null, 0, null, null);
            }
            int width = main.width();
            int[] labels = classLabels(targets, width, split.rows());
            int[] predicted = Metrics.predictedClasses(output, width, split.rows());
            double[] predictedD = new double[predicted.length];
            double[] actualD = new double[labels.length];
            for (int i = 0; i < labels.length; i++) {
                predictedD[i] = predicted[i];
                actualD[i] = labels[i];
            }
            return new SplitPredictions(name, predictedD, actualD, output, width, prep.classes(),
                    Metrics.confusion(predicted, labels, prep.classes().size()));
        }

        private static double[] toUnits(FittedTarget target, float[] scaled) {
            double[] values = new double[scaled.length];
            for (int i = 0; i < scaled.length; i++) {
                values[i] = target.inverse(scaled[i]);
            }
            return values;
        }

        /** One target's label columns of a split (the split's own array when it holds nothing else). */
        static float[] block(Matrix split, int offset, int width) {
            int all = split.targetWidth();
            if (offset == 0 && width == all) {
                return split.targets();
            }
            float[] block = new float[split.rows() * width];
            for (int r = 0; r < split.rows(); r++) {
                System.arraycopy(split.targets(), r * all + offset, block, r * width, width);
            }
            return block;
        }

        static int[] classLabels(Matrix split) {
            return classLabels(split.targets(), split.targetWidth(), split.rows());
        }

        static int[] classLabels(float[] targets, int width, int rows) {
            int[] labels = new int[rows];
            for (int i = 0; i < rows; i++) {
                if (width == 1) {
                    labels[i] = targets[i] >= 0.5f ? 1 : 0;
                } else {
                    int best = 0;
                    for (int c = 1; c < width; c++) {
                        if (targets[i * width + c] > targets[i * width + best]) {
                            best = c;
                        }
                    }
                    labels[i] = best;
                }
            }
            return labels;
        }

        private static INDArray slice(float[] values, int width, int from, int rows) {
            float[] part = java.util.Arrays.copyOfRange(values, from * width, (from + rows) * width);
            return Nd4j.create(part, new long[] {rows, width}, DataType.FLOAT);
        }
    }
}
