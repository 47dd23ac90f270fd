package dev.layerlab.tuning;

import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.runs.RunWriter;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingListener;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.training.TrainingSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** Promotes a study's best trial to a full run written as a bundle (model.zip and the usual run files). */
public final class BestModel {
    private BestModel() {
    }

    /**
     * Retrains the best trial's concrete experiment and writes the run into {@code dir} via {@link RunWriter}.
     *
     * @param refitOnAll train on train+validation together for the best trial's kept epoch count (no early
     *                   stopping, no validation split; the test split still reports); false = train as the
     *                   experiment says, on the hold-out split with early stopping
     * @param maxEpochs  0 = the experiment's epochs; otherwise a cap (as in the study)
     */
    public static TrainingResult promote(Experiment base, PreparedData data, TrialRecord best, boolean refitOnAll,
                                         int maxEpochs, Path dir, String dataFile, TrainingListener listener,
                                         RunControl control) throws IOException {
        Experiment concrete = SpaceApplier.apply(base, best.params()).withName(base.name() + "-best");
        TrainingSpec t = concrete.training();
        if (maxEpochs > 0) {
            t = t.withEpochs(Math.min(maxEpochs, t.epochs()));
        }
        PreparedData trainData = data;
        if (refitOnAll) {
            trainData = Folds.trainOnAll(data);
            t = t.withEpochs(Math.max(1, best.bestEpoch())).withEarlyStopping(EarlyStoppingSpec.disabled());
        }
        concrete = concrete.withTraining(t);
        Trainer trainer = new Trainer(control, null);
        if (listener != null) {
            trainer.addListener(listener);
        }
        Instant started = Instant.now();
        TrainingResult result = trainer.train(concrete.network(), t, trainData);
        RunWriter.write(dir, concrete, trainData, result, dataFile, started, null);
        return result;
    }
}
