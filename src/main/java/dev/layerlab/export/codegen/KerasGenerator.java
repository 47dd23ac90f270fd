package dev.layerlab.export.codegen;

import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.Activation;
import dev.layerlab.model.ActivationLayer;
import dev.layerlab.model.BatchNormLayer;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.LayerSpec;
import dev.layerlab.model.OutputSpec;
import dev.layerlab.training.TrainingSpec;

/**
 * A runnable Python script (pandas, numpy, TensorFlow/Keras) that prepares the same CSV the same way and builds
 * and trains the same network with the same settings. Deterministic text: the same experiment gives the same
 * script byte for byte.
 */
public final class KerasGenerator {
    private KerasGenerator() {
    }

    /**
     * The script for an experiment: the layers chained with the functional API for a sequential network (after the
     * inputs of {@code keras/inputs.py.tmpl}, which add an embedding per embedded column), the functional API
     * for a graph network (see {@link KerasGraphGenerator}).
     *
     * @throws dev.layerlab.InvalidInputException for a graph whose wiring is broken (named in the message)
     */
    public static String generate(Experiment experiment) {
        ExportLimits.requireKeras(experiment);
        if (experiment.network() != null && experiment.network().isGraph()) {
            return KerasGraphGenerator.generate(experiment);
        }
        TrainingSpec training = experiment.training();
        return KerasCode.script("sequential", experiment, KerasCode.settings(experiment), model(experiment),
                KerasCode.training(training, KerasCode.kerasMonitor(training.earlyStopping().monitor()), "len(x_val[0])"));
    }

    private static String model(Experiment experiment) {
        StringBuilder b = new StringBuilder();
        b.append("    inputs, joined = model_inputs(layout)\n");
        b.append("    x = joined[\"input\"]  # the features, with each embedded column's vector\n");
        for (LayerSpec layer : experiment.network().layers()) {
            String name = PythonLiteral.str(layer.name());
            if (layer instanceof DenseLayer d) {
                boolean prelu = d.activation() == Activation.PRELU;
                b.append("    x = layers.Dense(").append(d.units())
                        .append(", activation=").append(PythonLiteral.str(prelu ? "linear" : KerasCode.activation(d.activation())))
                        .append(", kernel_initializer=").append(PythonLiteral.str(KerasCode.initializer(d.weightInit())))
                        .append(", bias_initializer=keras.initializers.Constant(").append(PythonLiteral.num(d.biasInit())).append(')')
                        .append(KerasCode.regularizer(d.l1(), d.l2()))
                        .append(", name=").append(name).append(")(x)\n");
                if (prelu) {
                    b.append("    x = layers.PReLU(name=").append(PythonLiteral.str(d.name() + "_prelu")).append(")(x)\n");
                }
            } else if (layer instanceof DropoutLayer d) {
                b.append("    x = layers.").append(d.isAlpha() ? "AlphaDropout(" : "Dropout(").append(PythonLiteral.num(d.rate()))
                        .append(", name=").append(name).append(")(x)\n");
            } else if (layer instanceof BatchNormLayer) {
                b.append("    x = layers.BatchNormalization(name=").append(name).append(")(x)\n");
            } else if (layer instanceof ActivationLayer a) {
                if (a.activation() == Activation.PRELU) {
                    b.append("    x = layers.PReLU(name=").append(name).append(")(x)\n");
                } else {
                    b.append("    x = layers.Activation(").append(PythonLiteral.str(KerasCode.activation(a.activation())))
                            .append(", name=").append(name).append(")(x)\n");
                }
            }
        }
        OutputSpec out = experiment.network().output();
        b.append("    output_activation = ").append(out.activation() == null
                ? "{\"regression\": \"linear\", \"binary\": \"sigmoid\", \"multiclass\": \"softmax\"}[task]"
                : PythonLiteral.str(KerasCode.activation(out.activation()))).append('\n');
        b.append("    output = layers.Dense(n_outputs, activation=output_activation, kernel_initializer=")
                .append(PythonLiteral.str(KerasCode.initializer(out.resolvedWeightInit()))).append(KerasCode.regularizer(out.l1(), out.l2()))
                .append(", name=\"output\")(x)\n");
        b.append("    model = keras.Model(inputs=inputs, outputs=output, name=")
                .append(PythonLiteral.str(PythonLiteral.identifier(experiment.name()))).append(")\n");
        b.append("    loss = ").append(out.loss() == null
                ? "{\"regression\": \"mse\", \"binary\": \"binary_crossentropy\", \"multiclass\": \"categorical_crossentropy\"}[task]"
                : KerasCode.loss(out.loss())).append('\n');
        b.append("    return model, loss\n");
        return b.toString();
    }
}
