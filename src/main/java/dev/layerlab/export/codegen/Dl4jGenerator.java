package dev.layerlab.export.codegen;

import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.Activation;
import dev.layerlab.model.ActivationLayer;
import dev.layerlab.model.BatchNormLayer;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.LayerSpec;
import dev.layerlab.model.Loss;
import dev.layerlab.model.OutputSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.OptimizerSpec;

/**
 * A standalone Java class (DL4J + ND4J only, no LayerLab) that prepares the CSV as LayerLab does (same split
 * with Java's random generator, same imputation, one-hot encoding and scaling fitted on the training rows, same
 * target scaling) and builds and trains the same network with the same settings, batch order and early stopping.
 * A sequential network becomes a MultiLayerNetwork ({@code dl4j/sequential.java.tmpl}); a graph network, or any
 * network over data with embedded columns, a ComputationGraph ({@link Dl4jGraphGenerator}).
 */
public final class Dl4jGenerator {
    private Dl4jGenerator() {
    }

    /** @param className a Java identifier for the generated public class */
    public static String generate(Experiment experiment, String className) {
        ExportLimits.require(experiment);
        // With embedded columns LayerLab trains a sequential network as a ComputationGraph too (an index input and
        // an embedding per column, merged with the other features before the first layer): so does the class.
        if (experiment.network() != null && (experiment.network().isGraph() || embeds(experiment))) {
            return Dl4jGraphGenerator.generate(experiment, className);
        }
        EarlyStoppingSpec es = experiment.training().earlyStopping();
        String monitor = "    /** loss, rmse, mae or accuracy on the validation rows (LayerLab: " + es.monitor() + "). */\n"
                + "    static final String MONITOR = " + JavaLiteral.str(Dl4jCode.monitor(es.monitor())) + ";\n";
        String[] plateau = Dl4jCode.plateau(experiment.training().optimizer(), "net.score(new DataSet(Nd4j.create(x[1], new long[] {validation.size(), features}, DataType.FLOAT),\n"
                + "                    Nd4j.create(y[1], new long[] {validation.size(), outputs}, DataType.FLOAT)), false)");
        String source = Dl4jCode.classTemplate("sequential", experiment, className)
                .with("SETTINGS", Dl4jCode.settings(experiment, monitor))
                .with("NETWORK", network(experiment, experiment.training().optimizer()))
                .with("PLATEAU_STATE", plateau[0])
                .with("PLATEAU", plateau[1])
                .render();
        return Dl4jCode.withNested(source, experiment.network().output().loss() == Loss.HUBER, Dl4jCode.classWeighted(experiment),
                experiment);
    }

    /** True when a column is set to a learned embedding (code export sets the columns LayerLab would embed). */
    static boolean embeds(Experiment experiment) {
        return experiment.data() != null && experiment.data().columns() != null && experiment.data().columns().values().stream()
                .anyMatch(c -> c != null && c.encoding() == dev.layerlab.data.Encoding.EMBEDDING && c.role() != dev.layerlab.data.Role.IGNORE);
    }

    private static String network(Experiment experiment, OptimizerSpec o) {
        StringBuilder b = new StringBuilder();
        String rate = Dl4jCode.rateAndUpdater(o)[0];
        String updater = Dl4jCode.rateAndUpdater(o)[1];
        b.append("        ISchedule rate = ").append(rate).append(";\n");
        b.append("        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()\n")
                .append("                .seed(SEED)\n")
                .append("                .updater(").append(updater).append(")\n")
                .append("                .dataType(DataType.FLOAT)\n")
                .append("                .list();\n");
        b.append("        long width = nIn;\n");
        for (LayerSpec layer : experiment.network().layers()) {
            String name = JavaLiteral.str(layer.name());
            if (layer instanceof DenseLayer d) {
                boolean prelu = d.activation() == Activation.PRELU;
                b.append("        list.layer(new DenseLayer.Builder().name(").append(name).append(").nOut(").append(d.units())
                        .append(").activation(Activation.").append(prelu ? "IDENTITY" : Dl4jCode.activation(d.activation()))
                        .append(").weightInit(WeightInit.").append(Dl4jCode.init(d.weightInit())).append(").biasInit(").append(d.biasInit())
                        .append(").l1(").append(d.l1()).append(").l2(").append(2 * d.l2()).append(").build()); // l2 doubled: Keras meaning\n");
                if (prelu) {
                    b.append("        list.layer(new PReLULayer.Builder().name(").append(JavaLiteral.str(d.name() + "_prelu"))
                            .append(").inputShape(").append(d.units()).append(").build());\n");
                }
                b.append("        width = ").append(d.units()).append(";\n");
            } else if (layer instanceof DropoutLayer d) {
                b.append("        list.layer(new DropoutLayer.Builder(").append(Dl4jCode.dropout(d))
                        .append(").name(").append(name).append(").build()); // DL4J takes the probability to keep\n");
            } else if (layer instanceof BatchNormLayer) {
                b.append("        list.layer(new BatchNormalization.Builder().name(").append(name).append(").build());\n");
            } else if (layer instanceof ActivationLayer a) {
                if (a.activation() == Activation.PRELU) {
                    b.append("        list.layer(new PReLULayer.Builder().name(").append(name).append(").inputShape(width).build());\n");
                } else {
                    b.append("        list.layer(new ActivationLayer.Builder().name(").append(name).append(").activation(Activation.")
                            .append(Dl4jCode.activation(a.activation())).append(").build());\n");
                }
            }
        }
        OutputSpec out = experiment.network().output();
        b.append("        Activation outputActivation = ").append(out.activation() != null ? "Activation." + Dl4jCode.activation(out.activation())
                : "task.equals(\"regression\") ? Activation.IDENTITY : task.equals(\"binary\") ? Activation.SIGMOID : Activation.SOFTMAX").append(";\n");
        String loss = out.loss() != null ? Dl4jCode.lossExpression(out.loss())
                : "task.equals(\"regression\") ? new LossMSE() : task.equals(\"binary\") ? new LossBinaryXENT() : new LossMCXENT()";
        b.append("        ILossFunction loss = ").append(loss).append(";\n");
        if (Dl4jCode.classWeighted(experiment)) {
            b.append("        loss = classWeighted(loss, classWeights);\n");
        }
        b.append("        list.layer(new OutputLayer.Builder().name(\"output\").nOut(nOut).activation(outputActivation)\n")
                .append("                .weightInit(WeightInit.").append(Dl4jCode.init(out.resolvedWeightInit())).append(").l1(").append(out.l1())
                .append(").l2(").append(2 * out.l2()).append(").lossFunction(loss).build());\n");
        b.append("        list.setInputType(InputType.feedForward(nIn));\n");
        String decay = Dl4jCode.clipping(experiment.training().clipping(), "conf.getConfs()") + Dl4jCode.weightDecay(o, "conf.getConfs()");
        if (decay.isEmpty()) {
            b.append("        return list.build();\n");
        } else {
            b.append("        MultiLayerConfiguration conf = list.build();\n").append(decay).append("        return conf;\n");
        }
        return b.toString();
    }
}
