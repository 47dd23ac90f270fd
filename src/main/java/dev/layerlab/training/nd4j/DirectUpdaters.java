package dev.layerlab.training.nd4j;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's updaters, put back on their standard path.
 *
 * <p>In DL4J 1.0.0-M2.1 {@code BaseMultiLayerUpdater.update} decides whether a gradient is "external" (computed
 * by another network, as RL4J does) by reference: {@code gradient.gradient() != getFlattenedGradientsView()}.
 * But {@code DefaultGradient.gradient()} returns a new reshaped view of the network's own flattened gradient on
 * every call, so every ordinary training step takes the external path: per updater block and parameter it
 * builds fresh views of the whole gradient and parameter vectors (for regularization even when there is
 * none) and re-derives the mini-batch division subsets, about half of the ~114 native buffers a step of a
 * 3-layer dense network creates, each of which the collector and ND4J's deallocator threads then process.
 *
 * <p>These subclasses hand the base class the updater's own flattened-gradient view when the step's gradient
 * is that same memory, so it takes the standard path with the views it made once at set-up. Same arithmetic
 * on the same arrays: training is bit-identical (tested). A gradient over other memory stays external.
 */
final class DirectUpdaters {
    private DirectUpdaters() {
    }

    /** Replaces the network's updater with the direct one, keeping its state (Adam's moments). */
    static void install(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            Updater current = net.getUpdater(true);
            if (current instanceof ForMultiLayer || !(current instanceof MultiLayerUpdater old)) {
                return;
            }
            net.setUpdater(new ForMultiLayer(net, old.getStateViewArray()));
        } else if (model instanceof ComputationGraph graph) {
            ComputationGraphUpdater current = graph.getUpdater(true);
            if (current == null || current instanceof ForGraph) {
                return;
            }
            graph.setUpdater(new ForGraph(graph, current.getStateViewArray()));
        }
    }

    /** Whether the network's updater is the direct one. */
    static boolean installed(Model model) {
        return model instanceof MultiLayerNetwork net ? net.getUpdater(false) instanceof ForMultiLayer
                : model instanceof ComputationGraph graph && graph.getUpdater(false) instanceof ForGraph;
    }

    /** {@code gradient}, answering {@code gradient()} with {@code ownView} when both are the same memory. */
    static Gradient onOwnView(Gradient gradient, INDArray ownView) {
        INDArray flat = gradient.gradient();
        if (ownView == null || flat == null || flat.length() != ownView.length()
                || flat.data().address() != ownView.data().address() || flat.offset() != ownView.offset()) {
            return gradient;
        }
        return new OwnViewGradient(gradient, ownView);
    }

    static final class ForMultiLayer extends MultiLayerUpdater {
        ForMultiLayer(MultiLayerNetwork network, INDArray state) {
            super(network, state);
        }

        @Override
        public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize,
                                        LayerWorkspaceMgr workspaceMgr) {
            super.update(onOwnView(gradient, getFlattenedGradientsView()), iteration, epoch, batchSize, workspaceMgr);
        }
    }

    static final class ForGraph extends ComputationGraphUpdater {
        ForGraph(ComputationGraph graph, INDArray state) {
            super(graph, state);
        }

        @Override
        public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize,
                                        LayerWorkspaceMgr workspaceMgr) {
            super.update(onOwnView(gradient, getFlattenedGradientsView()), iteration, epoch, batchSize, workspaceMgr);
        }
    }

    /** Everything from the step's gradient, except the flattened view. */
    private record OwnViewGradient(Gradient delegate, INDArray ownView) implements Gradient {
        @Override
        public INDArray gradient() {
            return ownView;
        }

        @Override
        public Map<String, INDArray> gradientForVariable() {
            return delegate.gradientForVariable();
        }

        @Override
        public INDArray gradient(List<String> order) {
            return delegate.gradient(order);
        }

        @Override
        public void clear() {
            delegate.clear();
        }

        @Override
        public INDArray getGradientFor(String variable) {
            return delegate.getGradientFor(variable);
        }

        @Override
        public INDArray setGradientFor(String variable, INDArray gradient) {
            return delegate.setGradientFor(variable, gradient);
        }

        @Override
        public INDArray setGradientFor(String variable, INDArray gradient, Character flatteningOrder) {
            return delegate.setGradientFor(variable, gradient, flatteningOrder);
        }

        @Override
        public Character flatteningOrderForVariable(String variable) {
            return delegate.flatteningOrderForVariable(variable);
        }
    }
}
