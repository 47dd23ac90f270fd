package dev.layerlab.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An output head of a graph network: it reads one node and predicts a target column with its own activation,
 * loss and loss weight (the total loss is the weighted sum, as Keras's {@code loss_weights}). The first output
 * is the main one: it predicts the experiment's target, and its predictions are what the model reports and
 * exports; the others may predict other columns (auxiliary tasks).
 *
 * @param from       the node it reads; null = the last layer
 * @param settings   activation, loss, initializer and penalties; null = from the target's task
 * @param lossWeight weight of this output's loss in the total; 0 or less means 1
 * @param target     the column this output predicts; null or blank = the experiment's target. A column named
 *                   here is a target, never a feature: the data pipeline keeps it out of the inputs
 */
public record OutputNode(String name, String from, OutputSpec settings, double lossWeight,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String target) {

    @JsonCreator
    public OutputNode {
        settings = settings == null ? OutputSpec.auto() : settings;
        lossWeight = lossWeight > 0 ? lossWeight : 1.0;
        target = target == null || target.isBlank() ? null : target.strip();
    }

    /** An output that predicts the experiment's target. */
    public OutputNode(String name, String from, OutputSpec settings, double lossWeight) {
        this(name, from, settings, lossWeight, null);
    }

    public OutputNode withName(String newName) {
        return new OutputNode(newName, from, settings, lossWeight, target);
    }

    public OutputNode withFrom(String newFrom) {
        return new OutputNode(name, newFrom, settings, lossWeight, target);
    }

    public OutputNode withSettings(OutputSpec newSettings) {
        return new OutputNode(name, from, newSettings, lossWeight, target);
    }

    public OutputNode withLossWeight(double newLossWeight) {
        return new OutputNode(name, from, settings, newLossWeight, target);
    }

    /** @param newTarget a column name; null = the experiment's target */
    public OutputNode withTarget(String newTarget) {
        return new OutputNode(name, from, settings, lossWeight, newTarget);
    }

    /** True when this output predicts the experiment's target ({@code mainTarget}; null = unknown, so only an unset target counts). */
    public boolean predictsMainTarget(String mainTarget) {
        return target == null || target.equals(mainTarget);
    }
}
