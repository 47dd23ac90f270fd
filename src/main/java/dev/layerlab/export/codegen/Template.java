package dev.layerlab.export.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A code template kept as a resource next to this class ({@code dl4j/*.java.tmpl}, {@code keras/*.py.tmpl}):
 * plain text with {@code %%NAME%%} placeholders, filled by literal substitution. Nothing else is interpreted, so
 * the templates read as the code they produce; a placeholder left unfilled is a programming error and fails.
 */
final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("%%([A-Z_]+)%%");

    private final String name;
    private final String text;
    private final Map<String, String> values = new LinkedHashMap<>();

    private Template(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** @param name the resource's path below this package, e.g. {@code dl4j/graph.java.tmpl} */
    static Template of(String name) {
        return new Template(name, resource(name));
    }

    /** The text of a template resource, as it is. */
    static String resource(String name) {
        try (InputStream in = Template.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("code template " + name + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Template with(String placeholder, String value) {
        values.put(placeholder, value);
        return this;
    }

    /** The filled text; fails naming the placeholder when one has no value. */
    String render() {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 4096);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("code template " + name + " has no value for %%" + m.group(1) + "%%");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
