package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a categorical input column reaches the network: one input per category (one-hot), or one integer index
 * into a learned embedding table ({@link Embeddings}). Unset (null in {@link ColumnSpec}) = the default of
 * {@link Embeddings#EMBED_ABOVE}.
 */
public enum Encoding {
    @JsonProperty("one_hot") ONE_HOT,
    @JsonProperty("embedding") EMBEDDING
}
