package dev.layerlab.model;

/**
 * Joins two or more branches of a graph network (wide &amp; deep joins the raw inputs with the deep stack).
 * Its inputs are named in {@link NetworkSpec#connections()}.
 *
 * @param mode null = concatenate
 */
public record MergeLayer(String name, MergeMode mode) implements LayerSpec {

    public MergeLayer {
        mode = mode == null ? MergeMode.CONCATENATE : mode;
    }

    public static MergeLayer of(MergeMode mode) {
        return new MergeLayer(null, mode);
    }

    @Override
    public MergeLayer withName(String newName) {
        return new MergeLayer(newName, mode);
    }

    @Override
    public String namePrefix() {
        return mode == MergeMode.CONCATENATE ? "concatenate" : mode.jsonName();
    }

    @Override
    public String displayType() {
        return switch (mode) {
            case CONCATENATE -> "Concatenate";
            case ADD -> "Add";
            case AVERAGE -> "Average";
        };
    }
}
