package dev.layerlab.experiment;

import dev.layerlab.data.DataSpec;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.TrainingSpec;

/**
 * Everything a user sets up, saved as one JSON file that the GUI and the CLI both run identically:
 * the data and its preprocessing, the network, and how it is trained.
 *
 * @param formatVersion the file format; readers refuse files newer than {@link ExperimentJson#FORMAT_VERSION}
 */
public record Experiment(int formatVersion, String name, DataSpec data, NetworkSpec network, TrainingSpec training) {

    public Experiment {
        formatVersion = formatVersion == 0 ? ExperimentJson.FORMAT_VERSION : formatVersion;
        name = name == null || name.isBlank() ? "untitled" : name;
        training = training == null ? TrainingSpec.defaults() : training;
    }

    public Experiment withName(String newName) {
        return new Experiment(formatVersion, newName, data, network, training);
    }

    public Experiment withData(DataSpec newData) {
        return new Experiment(formatVersion, name, newData, network, training);
    }

    public Experiment withNetwork(NetworkSpec newNetwork) {
        return new Experiment(formatVersion, name, data, newNetwork, training);
    }

    public Experiment withTraining(TrainingSpec newTraining) {
        return new Experiment(formatVersion, name, data, network, newTraining);
    }
}
