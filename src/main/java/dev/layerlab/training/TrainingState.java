package dev.layerlab.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.layerlab.InvalidInputException;
import dev.layerlab.data.TaskType;
import java.io.IOException;
import java.util.List;

/**
 * What a run needs besides the network to continue exactly where it stopped: the history so far and the
 * early-stopping bookkeeping. Written with every {@code last.zip} checkpoint (inside it, so the two can never
 * disagree, and mirrored to {@code checkpoints/state.json} for people and tools).
 *
 * @param epoch                    the last finished epoch (equal to the checkpointed network's epoch count)
 * @param task                     the task the history's metrics belong to
 * @param historyCsv               the history so far, as history.csv
 * @param bestEpoch                the best epoch so far (0 = none)
 * @param bestValue                the monitored value at the best epoch (null when none)
 * @param epochsWithoutImprovement the early-stopping patience counter
 * @param startedAt                when the run started (ISO-8601)
 * @param dataFile                 the absolute path of the training CSV
 * @param dataSha256               its hash, to refuse resuming on different data
 * @param parentModel              for fine-tuning: the bundle the run started from (null otherwise)
 * @param parentDataSha256         for fine-tuning: the hash of the parent's training data
 */
public record TrainingState(int epoch, TaskType task, String historyCsv, int bestEpoch, Double bestValue,
                            int epochsWithoutImprovement, String startedAt, String dataFile, String dataSha256,
                            String parentModel, String parentDataSha256) {
    public static final String FILE = "state.json";
    /** The entry name inside a {@code last.zip} checkpoint. */
    static final String ENTRY = "layerlab/state.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** A run that has not finished an epoch yet. */
    public static TrainingState start(String startedAt, String dataFile, String dataSha256) {
        return new TrainingState(0, null, null, 0, null, 0, startedAt, dataFile, dataSha256, null, null);
    }

    /** This run's state after {@code epoch}. */
    TrainingState progress(int newEpoch, TaskType newTask, List<EpochRecord> history, int newBestEpoch, double newBestValue,
                           int newEpochsWithoutImprovement) {
        return new TrainingState(newEpoch, newTask, TrainingHistory.toCsv(history, newTask), newBestEpoch,
                newBestEpoch == 0 || Double.isNaN(newBestValue) ? null : newBestValue, newEpochsWithoutImprovement,
                startedAt, dataFile, dataSha256, parentModel, parentDataSha256);
    }

    /** The same state recording the model a fine-tuning run started from. */
    public TrainingState withParent(String newParentModel, String newParentDataSha256) {
        return new TrainingState(epoch, task, historyCsv, bestEpoch, bestValue, epochsWithoutImprovement, startedAt,
                dataFile, dataSha256, newParentModel, newParentDataSha256);
    }

    public List<EpochRecord> history() {
        return historyCsv == null || historyCsv.isBlank() ? List.of() : TrainingHistory.fromCsv(historyCsv);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TrainingState fromJson(String json, String source) {
        try {
            return JSON.readValue(json, TrainingState.class);
        } catch (IOException e) {
            throw new InvalidInputException(source + " is damaged: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
