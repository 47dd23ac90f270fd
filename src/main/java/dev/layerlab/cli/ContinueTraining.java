package dev.layerlab.cli;

import dev.layerlab.InvalidInputException;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.runs.RunJob;
import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.TrainingListener;
import dev.layerlab.training.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code train --resume DIR} and {@code train --from model.zip}: the printing around the engine's {@link RunJob}
 * (which the workbench's Resume and Fine-tune use too). Kept out of TrainCommand to keep it small.
 */
final class ContinueTraining {
    private ContinueTraining() {
    }

    static void refuseWith(String option, Object... others) {
        for (Object other : others) {
            if (other != null) {
                throw new InvalidInputException(option + " takes its settings from the run or model it continues: "
                        + "leave out the other data/network options (got '" + other + "')");
            }
        }
    }

    static int resume(Path runDir, PrintWriter out) throws IOException {
        RunJob job = RunJob.resume(runDir);
        out.println("Resuming " + runDir + " after epoch " + job.firstEpoch() + " (" + job.data().source() + ") ...");
        out.flush();
        TrainingResult result = job.run(new RunControl(), List.of(progress(out, job.firstEpoch())));
        out.println(MetricsTable.render(result.metrics()));
        out.println("Run written to " + runDir + " (model.zip, experiment.json, history.csv, metrics.json)");
        out.flush();
        return 0;
    }

    static int fineTune(ModelBundle parent, Path parentFile, Experiment experiment, Path baseDir, boolean refit,
                        Double learningRate, Path runDir, PrintWriter out) throws IOException {
        out.println("Fine-tuning " + parentFile + " on " + experiment.data().path() + " ...");
        out.flush();
        RunJob job = RunJob.fineTune(parent, parentFile, experiment, baseDir, refit, learningRate, runDir);
        PreparedData prepared = job.data();
        prepared.warnings().forEach(w -> out.println("warning: " + w));
        out.printf("%d training, %d validation, %d test rows%n", prepared.train().rows(), prepared.validation().rows(),
                prepared.test().rows());
        TrainingResult result = job.run(new RunControl(), List.of(progress(out, job.firstEpoch())));
        out.println(MetricsTable.render(result.metrics()));
        out.println("Fine-tuned model written to " + runDir + " (parent: " + job.parentModel() + ")");
        out.flush();
        return 0;
    }

    /** Progress shown as "epoch 57/200" when a run continues after {@code done} epochs (the trainer counts on). */
    private static TrainingListener progress(PrintWriter out, int done) {
        ProgressPrinter printer = new ProgressPrinter(out, System.console() != null);
        return new TrainingListener() {
            @Override
            public void onStart(int epochs, int iterationsPerEpoch) {
                printer.onStart(done + epochs, iterationsPerEpoch);
            }

            @Override
            public void onIteration(int epoch, long iteration, double loss) {
                printer.onIteration(epoch, iteration, loss);
            }

            @Override
            public void onEpoch(EpochRecord record) {
                printer.onEpoch(record);
            }

            @Override
            public void onMessage(String message) {
                printer.onMessage(message);
            }

            @Override
            public void onEnd(TrainingResult result) {
                printer.onEnd(result);
            }
        };
    }
}
