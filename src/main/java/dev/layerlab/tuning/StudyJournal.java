package dev.layerlab.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerlab.InvalidInputException;
import dev.layerlab.experiment.ExperimentJson;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The append-only record of a study: one JSON object per line, the first describing the study
 * ({@code {"study": {...}}}), then one per finished trial ({@code {"trial": {...}}}), each line fsync'd.
 *
 * <p>Opening an existing journal reads the finished trials back. A torn last line (the process died while
 * writing it) is cut off and that trial simply runs again; a damaged line in the middle is skipped. A journal
 * written for different study settings is refused, so a resumed study is the same study.
 */
public final class StudyJournal implements Closeable {
    public static final String FILE = "study.jsonl";
    private static final ObjectMapper JSON = ExperimentJson.MAPPER.copy()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final FileChannel channel;
    private final List<TrialRecord> trials = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private StudyJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens (or creates) the journal in {@code dir}.
     *
     * @param header the study's identity (strategy, seed, metric, space, ...): must equal the journal's
     */
    public static StudyJournal open(Path dir, Map<String, Object> header) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        JsonNode expected = JSON.readTree(JSON.writeValueAsString(header));
        List<TrialRecord> trials = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long goodLength = 0;
        boolean hasHeader = false;
        if (Files.exists(file)) {
            byte[] bytes = Files.readAllBytes(file);
            int start = 0;
            int lineNo = 0;
            while (start < bytes.length) {
                int end = start;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                boolean complete = end < bytes.length;
                String line = new String(bytes, start, end - start, StandardCharsets.UTF_8).trim();
                lineNo++;
                JsonNode node = null;
                try {
                    node = line.isEmpty() ? null : JSON.readTree(line);
                } catch (IOException e) {
                    node = null;
                }
                if (!complete && (node == null || !line.endsWith("}"))) {
                    warnings.add("journal line " + lineNo + " was cut off (interrupted write): that trial runs again");
                    break; // torn tail: drop it
                }
                goodLength = complete ? end + 1 : end;
                if (node == null) {
                    if (!line.isEmpty()) {
                        warnings.add("journal line " + lineNo + " is damaged and was skipped");
                    }
                } else if (node.has("study")) {
                    if (!node.get("study").equals(expected)) {
                        throw new InvalidInputException(file + " belongs to a study with other settings ("
                                + node.get("study") + "); use another --out folder or the same settings");
                    }
                    hasHeader = true;
                } else if (node.has("trial")) {
                    try {
                        trials.add(JSON.treeToValue(node.get("trial"), TrialRecord.class));
                    } catch (IOException | IllegalArgumentException e) {
                        warnings.add("journal line " + lineNo + " is damaged and was skipped");
                    }
                }
                start = end + 1;
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        if (channel.size() > goodLength) {
            channel.truncate(goodLength);
        }
        if (goodLength > 0) {
            // a complete last line without its newline: finish it so the next record starts on its own line
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, goodLength - 1);
            if (last.get(0) != '\n') {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}), goodLength);
            }
        }
        channel.position(channel.size());
        StudyJournal journal = new StudyJournal(file, channel);
        journal.trials.addAll(dedupe(trials));
        journal.warnings.addAll(warnings);
        if (!hasHeader) {
            ObjectNode line = JSON.createObjectNode();
            line.set("study", expected);
            journal.writeLine(line);
        }
        return journal;
    }

    private static List<TrialRecord> dedupe(List<TrialRecord> trials) {
        java.util.LinkedHashMap<Integer, TrialRecord> byNumber = new java.util.LinkedHashMap<>();
        for (TrialRecord r : trials) {
            byNumber.put(r.number(), r);
        }
        return new ArrayList<>(byNumber.values());
    }

    /** The trials finished before this run, in journal order. */
    public List<TrialRecord> trials() {
        return List.copyOf(trials);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public Path file() {
        return file;
    }

    /** Appends one finished trial and forces it to disk. */
    public synchronized void append(TrialRecord record) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.set("trial", JSON.valueToTree(record));
        writeLine(line);
        trials.add(record);
    }

    private void writeLine(JsonNode node) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap((JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(true);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
