package dev.layerlab.model;

/**
 * An output head of a graph network: it reads one node and predicts the experiment's target with its own
 * activation, loss and loss weight (the total loss is the weighted sum, as Keras's {@code loss_weights}).
 * The first output is the main one: its predictions are what the model reports and exports.
 *
 * @param from       the node it reads; null = the last layer
 * @param settings   activation, loss, initializer and penalties; null = from the task
 * @param lossWeight weight of this output's loss in the total; 0 or less means 1
 */
public record OutputNode(String name, String from, OutputSpec settings, double lossWeight) {
    public OutputNode {
        settings = settings == null ? OutputSpec.auto() : settings;
        lossWeight = lossWeight > 0 ? lossWeight : 1.0;
    }
}
