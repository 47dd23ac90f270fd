package dev.layerlab.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.layerlab.AtomicFiles;
import dev.layerlab.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes experiment files, refusing damaged or too-new ones with a clear message. */
public final class ExperimentJson {
    public static final int FORMAT_VERSION = 1;

    /** Shared JSON settings for everything LayerLab writes: indented, tolerant of fields added later. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private ExperimentJson() {
    }

    public static String toJson(Experiment experiment) {
        try {
            return MAPPER.writeValueAsString(experiment) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise the experiment", e);
        }
    }

    public static Experiment fromJson(String json, String source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + "): " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidInputException(source + " is not an experiment file (expected a JSON object)");
        }
        int version = tree.path("formatVersion").asInt(FORMAT_VERSION);
        if (version > FORMAT_VERSION) {
            throw new InvalidInputException(source + " was written by a newer LayerLab (experiment format " + version
                    + "; this version reads up to " + FORMAT_VERSION + ")");
        }
        try {
            Experiment experiment = MAPPER.treeToValue(tree, Experiment.class);
            if (experiment.data() == null) {
                throw new InvalidInputException(source + " has no \"data\" section (the CSV file and the target column)");
            }
            if (experiment.network() == null) {
                throw new InvalidInputException(source + " has no \"network\" section (the layers)");
            }
            return experiment;
        } catch (MismatchedInputException e) {
            throw new InvalidInputException(source + ": " + describe(e));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new InvalidInputException(source + ": " + (root instanceof JsonProcessingException j ? j.getOriginalMessage() : root.getMessage()));
        }
    }

    private static String describe(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return "bad value at \"" + path + "\": " + e.getOriginalMessage();
    }

    public static Experiment read(Path file) {
        if (!Files.exists(file)) {
            throw new InvalidInputException("experiment file not found: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + " is a directory, not an experiment file");
        }
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidInputException(file + " is not a text (UTF-8 JSON) file");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public static void write(Path file, Experiment experiment) throws IOException {
        AtomicFiles.writeString(file, toJson(experiment));
    }
}
