package dev.layerlab.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One hidden layer of a network: plain, immutable data. Records accept any values so that a GUI can hold
 * a half-edited spec; {@link NetworkValidator} reports what is wrong before anything trains.
 *
 * <p>The JSON type ids ("dense", "dropout", "batchnorm", "activation") are part of the saved-file format:
 * never rename them. Every layer carries a name so that a later graph spec can wire layers by name.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DenseLayer.class, name = "dense"),
        @JsonSubTypes.Type(value = DropoutLayer.class, name = "dropout"),
        @JsonSubTypes.Type(value = BatchNormLayer.class, name = "batchnorm"),
        @JsonSubTypes.Type(value = ActivationLayer.class, name = "activation"),
        @JsonSubTypes.Type(value = MergeLayer.class, name = "merge")
})
public sealed interface LayerSpec permits DenseLayer, DropoutLayer, BatchNormLayer, ActivationLayer, MergeLayer {

    /** The layer's name; null or blank only before it is placed in a {@link NetworkSpec}, which auto-names it. */
    String name();

    /** A copy of this layer with another name. */
    LayerSpec withName(String name);

    /** The prefix Keras uses when auto-naming this kind of layer ("dense", "dense_1", ...). */
    String namePrefix();

    /** Display type as in a Keras summary ("Dense", "Dropout", ...). */
    String displayType();
}
