package dev.layerlab.runs;

import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.TrainingListener;
import dev.layerlab.training.TrainingSpec;
import java.nio.file.Path;
import java.util.List;

/** Tiny runs written into a workspace the way the CLI and the workbench write them (for tests). */
public final class SmallRuns {
    private SmallRuns() {
    }

    /** A small regression experiment on {@code csv} (target "y"): one Dense(8) layer, no early stopping, batch 32. */
    public static Experiment experiment(Path csv, int epochs) {
        return new Experiment(0, "small", DataSpec.of(csv.toAbsolutePath().toString(), "y"),
                NetworkSpec.of(DenseLayer.of(8, Activation.RELU)),
                TrainingSpec.defaults().withEpochs(epochs).withBatchSize(32).withEarlyStopping(EarlyStoppingSpec.disabled()));
    }

    /**
     * Trains a run of {@code experiment} into a new folder of the workspace at {@code workspaceDir}.
     *
     * @param stopAfter when positive, the run is stopped (as the Stop button does) once this epoch ended
     */
    public static Path train(Path workspaceDir, Experiment experiment, int stopAfter) throws Exception {
        PreparedData data = DataPipeline.prepare(experiment.data(), (Path) null);
        Path dir = new Workspace(workspaceDir).newRunDir(experiment.name());
        RunControl control = new RunControl();
        TrainingListener stopper = new TrainingListener() {
            @Override
            public void onEpoch(EpochRecord record) {
                if (stopAfter > 0 && record.epoch() >= stopAfter) {
                    control.cancel();
                }
            }
        };
        RunJob.fresh(experiment, data, null, dir).run(control, List.of(stopper));
        return dir;
    }
}
