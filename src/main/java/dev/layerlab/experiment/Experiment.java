package dev.layerlab.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.layerlab.data.DataSpec;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.TrainingSpec;

/**
 * Everything a user sets up, saved as one JSON file that the GUI and the CLI both run identically:
 * the data and its preprocessing, the network, and how it is trained.
 *
 * @param formatVersion the file format; readers refuse files newer than {@link ExperimentJson#FORMAT_VERSION}
 * @param search        the hyperparameter search space ({@code "search"} in the JSON); null = none (older files)
 */
public record Experiment(int formatVersion, String name, DataSpec data, NetworkSpec network, TrainingSpec training,
                         @JsonInclude(JsonInclude.Include.NON_NULL) SearchSpace search) {

    @JsonCreator
    public Experiment {
        formatVersion = formatVersion == 0 ? ExperimentJson.FORMAT_VERSION : formatVersion;
        name = name == null || name.isBlank() ? "untitled" : name;
        training = training == null ? TrainingSpec.defaults() : training;
    }

    /** An experiment without a search space. */
    public Experiment(int formatVersion, String name, DataSpec data, NetworkSpec network, TrainingSpec training) {
        this(formatVersion, name, data, network, training, null);
    }

    public Experiment withName(String newName) {
        return new Experiment(formatVersion, newName, data, network, training, search);
    }

    public Experiment withData(DataSpec newData) {
        return new Experiment(formatVersion, name, newData, network, training, search);
    }

    public Experiment withNetwork(NetworkSpec newNetwork) {
        return new Experiment(formatVersion, name, data, newNetwork, training, search);
    }

    public Experiment withTraining(TrainingSpec newTraining) {
        return new Experiment(formatVersion, name, data, network, newTraining, search);
    }

    public Experiment withSearch(SearchSpace newSearch) {
        return new Experiment(formatVersion, name, data, network, training, newSearch);
    }
}
