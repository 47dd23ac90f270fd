package dev.layerlab.export.codegen;

/**
 * The source of a Huber loss nested in a generated DL4J class. DL4J 1.0.0-M2.1 has none, and the generated class
 * must not depend on LayerLab, so it carries its own copy of {@link dev.layerlab.model.HuberLoss}'s arithmetic.
 * Added only when an output uses Huber, to keep other classes short.
 */
final class GeneratedHuberLoss {
    private GeneratedHuberLoss() {
    }

    /** Appends the nested class before the generated class's closing brace. */
    static String addTo(String classSource) {
        int end = classSource.lastIndexOf('}');
        return classSource.substring(0, end) + Template.resource("dl4j/huber-loss.java.tmpl") + classSource.substring(end);
    }
}
