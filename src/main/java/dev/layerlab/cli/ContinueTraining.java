package dev.layerlab.cli;

import dev.layerlab.AtomicFiles;
import dev.layerlab.InvalidInputException;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.FittedPreprocessing;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.experiment.Workspace;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.RunWriter;
import dev.layerlab.training.Checkpoints;
import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.TrainingListener;
import dev.layerlab.training.RunControl;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainableNetwork;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.training.TrainingState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** {@code train --resume DIR} and {@code train --from model.zip}: kept out of TrainCommand to keep it small. */
final class ContinueTraining {
    static final String CHECKPOINTS = "checkpoints";
    /** Fine-tuning with the parent's preprocessing keeps a copy here, so a resumed fine-tune uses it again. */
    static final String PREPROCESSING = "preprocessing.json";

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

    /** The state a fresh run starts its checkpoints with. */
    static TrainingState start(Instant started, Experiment experiment, Path baseDir, PreparedData prepared) {
        return TrainingState.start(started.toString(), absolute(experiment.data().path(), baseDir).toString(),
                prepared.dataSha256());
    }

    private static Path absolute(String dataPath, Path baseDir) {
        Path path = Path.of(dataPath);
        return (path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path)).toAbsolutePath().normalize();
    }

    static int resume(Path runDir, PrintWriter out) throws IOException {
        Path experimentFile = runDir.resolve(Workspace.EXPERIMENT_FILE);
        if (!Files.isDirectory(runDir) || !Files.isRegularFile(experimentFile)) {
            throw new InvalidInputException(runDir + " is not a run folder (no " + Workspace.EXPERIMENT_FILE
                    + "): give the folder a 'train --out DIR' wrote");
        }
        if (Files.exists(runDir.resolve(Workspace.RUN_FILE))) {
            throw new InvalidInputException(runDir + " holds a finished run: to train it further, use --from "
                    + runDir.resolve(Workspace.MODEL_FILE) + " --data NEW.csv");
        }
        Path checkpoints = runDir.resolve(CHECKPOINTS);
        Path last = checkpoints.resolve(Checkpoints.LAST);
        if (!Files.isRegularFile(last)) {
            throw new InvalidInputException("nothing to resume in " + runDir + ": no checkpoint yet (the run stopped before "
                    + "its first epoch ended); start it again");
        }
        removeStaleTemporaries(checkpoints);
        removeStaleTemporaries(runDir);
        Experiment experiment = ExperimentJson.read(experimentFile);
        TrainingState state = Checkpoints.readState(last);
        if (state == null) {
            throw new InvalidInputException(last + " has no run state: it cannot be resumed");
        }
        Path dataFile = state.dataFile() != null && Files.isRegularFile(Path.of(state.dataFile()))
                ? Path.of(state.dataFile())
                : absolute(experiment.data().path(), TrainCommand.dataBaseDir(experimentFile, experiment.data().path()));
        DataSpec dataSpec = experiment.data();
        DataSpec located = new DataSpec(dataFile.toString(), dataSpec.delimiter(), dataSpec.header(), dataSpec.target(),
                dataSpec.task(), dataSpec.columns(), dataSpec.split(), dataSpec.scaleTarget());
        out.println("Resuming " + runDir + " after epoch " + state.epoch() + " (" + dataFile + ") ...");
        out.flush();
        Path savedPreprocessing = checkpoints.resolve(PREPROCESSING);
        PreparedData prepared = Files.isRegularFile(savedPreprocessing)
                ? DataPipeline.prepareWith(located, null, FittedPreprocessing.fromJson(Files.readString(savedPreprocessing)))
                : DataPipeline.prepare(located, (Path) null, experiment.network().outputTargets());
        if (state.dataSha256() != null && !state.dataSha256().equals(prepared.dataSha256())) {
            throw new InvalidInputException(dataFile + " has changed since the run started: resuming on other data would not "
                    + "continue the same run (use --from with the model instead)");
        }
        Trainer trainer = new Trainer(new RunControl(), checkpoints);
        trainer.addListener(progress(out, state.epoch()));
        TrainingResult result = trainer.resume(experiment.network(), experiment.training(), prepared);
        RunWriter.write(runDir, experiment, prepared, result, experiment.data().path(),
                state.startedAt() == null ? Instant.now() : Instant.parse(state.startedAt()),
                state.parentModel(), state.parentDataSha256());
        out.println(MetricsTable.render(result.metrics()));
        out.println("Run written to " + runDir + " (model.zip, experiment.json, history.csv, metrics.json)");
        out.flush();
        return 0;
    }

    static int fineTune(ModelBundle parent, Path parentFile, Experiment experiment, Path baseDir, boolean refit,
                        Double learningRate, Path runDir, PrintWriter out) throws IOException {
        if (parent.experiment().training().optimizer().kind() != experiment.training().optimizer().kind()) {
            throw new InvalidInputException("--from keeps the model's optimizer (" + parent.experiment().training().optimizer().kind().id()
                    + "); leave out --optimizer");
        }
        out.println("Fine-tuning " + parentFile + " on " + experiment.data().path() + " ...");
        out.flush();
        FittedPreprocessing original = parent.preprocessing();
        PreparedData prepared;
        if (refit) {
            prepared = DataPipeline.prepare(experiment.data(), baseDir, experiment.network().outputTargets());
            FittedPreprocessing fitted = prepared.preprocessing();
            if (fitted.task() != original.task() || !fitted.featureNames().equals(original.featureNames())
                    || !fitted.classes().equals(original.classes()) || !sameTargets(fitted, original)) {
                throw new InvalidInputException("refitting the preprocessing on " + experiment.data().path()
                        + " changes the model's inputs or classes (features " + fitted.featureNames() + " vs "
                        + original.featureNames() + "); fine-tune without --refit-preprocessing");
            }
        } else {
            prepared = DataPipeline.prepareWith(experiment.data(), baseDir, original);
            AtomicFiles.writeString(runDir.resolve(CHECKPOINTS).resolve(PREPROCESSING), original.toJson());
        }
        prepared.warnings().forEach(w -> out.println("warning: " + w));
        out.printf("%d training, %d validation, %d test rows%n", prepared.train().rows(), prepared.validation().rows(),
                prepared.test().rows());
        TrainableNetwork net = parent.network();
        if (learningRate != null && net.dl4j() instanceof MultiLayerNetwork multiLayer) {
            multiLayer.setLearningRate(learningRate);
        }
        String parentName = parentFile.toAbsolutePath().normalize().toString();
        String parentData = parent.provenance() == null ? null : parent.provenance().dataSha256();
        Instant started = Instant.now();
        ExperimentJson.write(runDir.resolve(Workspace.EXPERIMENT_FILE), experiment);
        Trainer trainer = new Trainer(new RunControl(), runDir.resolve(CHECKPOINTS));
        trainer.addListener(progress(out, net.epochCount()));
        TrainingResult result = trainer.fit(net, experiment.training(), prepared,
                start(started, experiment, baseDir, prepared).withParent(parentName, parentData));
        RunWriter.write(runDir, experiment, prepared, result, experiment.data().path(), started, parentName, parentData);
        out.println(MetricsTable.render(result.metrics()));
        out.println("Fine-tuned model written to " + runDir + " (parent: " + parentName + ")");
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

    /** Temporary siblings a killed process left behind ({@link AtomicFiles} names them ".NAME-*.tmp"). */
    private static void removeStaleTemporaries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(".")
                    && p.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** The same other target columns, with the same tasks and classes (their scalers may differ). */
    private static boolean sameTargets(FittedPreprocessing a, FittedPreprocessing b) {
        if (a.outputTargets().size() != b.outputTargets().size()) {
            return false;
        }
        for (int i = 0; i < a.outputTargets().size(); i++) {
            var x = a.outputTargets().get(i);
            var y = b.outputTargets().get(i);
            if (!x.column().equals(y.column()) || x.task() != y.task() || !x.classes().equals(y.classes())) {
                return false;
            }
        }
        return true;
    }
}
