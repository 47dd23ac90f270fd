package dev.layerlab.diagnostics;

import dev.layerlab.training.StepProbe;
import dev.layerlab.training.TrainableNetwork;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Samples every layer's health on one training step in {@code every}: the gradient as DL4J computed it (before
 * clipping and the optimizer), the activations of the step's own forward pass, and the change the step made to the
 * weights. It listens to DL4J only during the sampled steps, so the other steps run exactly as without it; it draws
 * no random numbers, so training is the same with or without it.
 */
public final class HealthProbe implements StepProbe {
    /**
     * Steps between samples. One sample costs about as much as a few training steps (the parameters and gradients are
     * copied to the JVM): one in 100 keeps the overhead under the 3 % target (the bench's health.overhead figure).
     */
    public static final int DEFAULT_EVERY = 100;

    private final int every;
    private final Consumer<List<HealthSample>> sink;
    private final Capture capture = new Capture();

    private Model model;
    private Layer[] layers;
    private String[] names;
    private boolean[] relu;
    private float[][] before;
    private int epoch;
    private long iteration;
    private long batchRows;
    private Collection<TrainingListener> previousListeners;
    /** CPU time of the training thread spent sampling (here and in the DL4J callbacks): what sampling costs. */
    private long cpuNanos;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    public HealthProbe(int every, Consumer<List<HealthSample>> sink) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1");
        }
        this.every = every;
        this.sink = sink;
    }

    @Override
    public boolean wants(long iteration) {
        return iteration % every == 0;
    }

    @Override
    public void beforeStep(TrainableNetwork net, INDArray features, INDArray targets, int epoch, long iteration) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        try {
            before(net, features, epoch, iteration);
        } finally {
            cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu0;
        }
    }

    /** CPU time the training thread spent sampling so far. */
    public long cpuNanos() {
        return cpuNanos;
    }

    private void before(TrainableNetwork net, INDArray features, int epoch, long iteration) {
        Model dl4j = net.dl4j();
        if (dl4j != model) {
            describe(dl4j);
        }
        this.epoch = epoch;
        this.iteration = iteration;
        this.batchRows = Math.max(1, features.size(0));
        for (int i = 0; i < layers.length; i++) {
            before[i] = layers[i].numParams() > 0 ? values(layers[i].params()) : null;
        }
        capture.reset(layers.length);
        List<TrainingListener> listeners = new ArrayList<>();
        if (dl4j instanceof MultiLayerNetwork mln) {
            previousListeners = mln.getListeners() == null ? List.of() : new ArrayList<>(mln.getListeners());
            listeners.addAll(previousListeners);
            listeners.add(capture);
            mln.setListeners(listeners);
        } else if (dl4j instanceof ComputationGraph graph) {
            previousListeners = graph.getListeners() == null ? List.of() : new ArrayList<>(graph.getListeners());
            listeners.addAll(previousListeners);
            listeners.add(capture);
            graph.setListeners(listeners);
        }
    }

    @Override
    public void afterStep(TrainableNetwork net, double loss) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        try {
            after();
        } finally {
            cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu0;
        }
    }

    private void after() {
        if (model instanceof MultiLayerNetwork mln) {
            mln.setListeners(previousListeners);
        } else if (model instanceof ComputationGraph graph) {
            graph.setListeners(previousListeners);
        }
        List<HealthSample> samples = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            if (before[i] == null) {
                continue;
            }
            float[] after = values(layers[i].params());
            double change = 0;
            double size = 0;
            for (int k = 0; k < after.length; k++) {
                double d = (double) after[k] - before[i][k];
                change += d * d;
                size += (double) before[i][k] * before[i][k];
            }
            float[] gradient = capture.gradients[i];
            double gradNorm = gradient == null ? Double.NaN : norm(gradient);
            INDArray w = layers[i].getParam("W");
            float[] weights = w == null ? after : values(w);
            samples.add(new HealthSample(epoch, iteration, names[i], gradNorm,
                    size > 0 ? Math.sqrt(change / size) : Double.NaN,
                    relu[i] ? capture.dead[i] : Double.NaN, capture.mean[i], capture.std[i],
                    Histogram.of(weights), gradient == null ? Histogram.of(new float[0]) : Histogram.of(gradient)));
        }
        sink.accept(samples);
    }

    private void describe(Model dl4j) {
        model = dl4j;
        if (dl4j instanceof MultiLayerNetwork mln) {
            layers = mln.getLayers();
        } else if (dl4j instanceof ComputationGraph graph) {
            layers = graph.getLayers();
        } else {
            layers = new Layer[0];
        }
        names = new String[layers.length];
        relu = new boolean[layers.length];
        before = new float[layers.length][];
        for (int i = 0; i < layers.length; i++) {
            names[i] = layerName(dl4j, layers[i], i);
            relu[i] = layers[i].conf().getLayer() instanceof BaseLayer base
                    && (base.getActivationFn() instanceof ActivationReLU || base.getActivationFn() instanceof ActivationReLU6);
        }
    }

    /** "dense_1", "output_4" (1-based position) in a sequential network; the vertex name in a graph. */
    static String layerName(Model dl4j, Layer layer, int index) {
        if (dl4j instanceof ComputationGraph) {
            return layer.conf().getLayer().getLayerName();
        }
        String type = layer.conf().getLayer().getClass().getSimpleName()
                .replace("Layer", "").replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        return (type.isEmpty() ? "layer" : type) + "_" + (index + 1);
    }

    /** A copy of the array's values in row-major order. */
    static float[] values(INDArray array) {
        return array.dup('c').data().asFloat();
    }

    static double norm(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    /** Activation statistics of one layer's output on the batch (rows x units). */
    static double[] activationStats(INDArray output) {
        long rows = output.size(0);
        float[] values = values(output);
        int units = (int) (values.length / Math.max(rows, 1));
        double sum = 0;
        double squares = 0;
        int dead = 0;
        boolean[] active = new boolean[units];
        for (int k = 0; k < values.length; k++) {
            sum += values[k];
            squares += (double) values[k] * values[k];
            if (values[k] > 0) {
                active[k % units] = true;
            }
        }
        for (boolean a : active) {
            dead += a ? 0 : 1;
        }
        double mean = sum / values.length;
        double variance = Math.max(0, squares / values.length - mean * mean);
        return new double[] {mean, Math.sqrt(variance), units == 0 ? Double.NaN : (double) dead / units};
    }

    /** Listens to DL4J during a sampled step only. */
    private final class Capture extends BaseTrainingListener {
        double[] mean = new double[0];
        double[] std = new double[0];
        double[] dead = new double[0];
        float[][] gradients = new float[0][];

        void reset(int n) {
            mean = new double[n];
            std = new double[n];
            dead = new double[n];
            java.util.Arrays.fill(mean, Double.NaN);
            java.util.Arrays.fill(std, Double.NaN);
            java.util.Arrays.fill(dead, Double.NaN);
            gradients = new float[n][];
        }

        @Override
        public void onForwardPass(Model m, List<INDArray> activations) {
            // activations.get(0) is the input; layer i's output is at i + 1 (the output layer's is not computed here).
            for (int i = 0; i < layers.length && i + 1 < activations.size(); i++) {
                store(i, activations.get(i + 1));
            }
        }

        @Override
        public void onForwardPass(Model m, Map<String, INDArray> activations) {
            for (int i = 0; i < layers.length; i++) {
                INDArray output = activations.get(names[i]);
                if (output != null) {
                    store(i, output);
                }
            }
        }

        private void store(int i, INDArray output) {
            if (output == null || output.isEmpty() || output.rank() < 2) {
                return;
            }
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            double[] stats = activationStats(output);
            mean[i] = stats[0];
            std[i] = stats[1];
            dead[i] = stats[2];
            cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu0;
        }

        @Override
        public void onGradientCalculation(Model m) {
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < layers.length; i++) {
                INDArray view = layers[i].numParams() > 0 ? layers[i].getGradientsViewArray() : null;
                // DL4J sums the gradient over the batch (the updater divides later): report the mean loss's gradient.
                gradients[i] = view == null ? null : values(view);
                if (gradients[i] != null) {
                    for (int k = 0; k < gradients[i].length; k++) {
                        gradients[i][k] /= batchRows;
                    }
                }
            }
            cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu0;
        }
    }
}
