package dev.layerlab.cli;

import dev.layerlab.AtomicFiles;
import dev.layerlab.InvalidInputException;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.codegen.Dl4jGenerator;
import dev.layerlab.export.codegen.KerasGenerator;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a runnable Keras script or DL4J class that builds and trains an experiment's network outside LayerLab. */
@Command(name = "export-code", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a runnable program that prepares the data and builds and trains the same network:",
                "a Python Keras script (--lang keras) or a Java DL4J class (--lang dl4j)."})
final class ExportCodeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--experiment", paramLabel = "E.json", description = "An experiment file.")
    Path experimentFile;
    @Option(names = "--model", paramLabel = "model.zip", description = "A model bundle: its experiment is used.")
    Path model;
    @Option(names = "--member", paramLabel = "N",
            description = "For an ensemble bundle (train --ensemble, auto): export member N (0 = the first; layerlab summary lists them).")
    Integer member;
    @Option(names = "--lang", required = true, paramLabel = "keras|dl4j", description = "keras (Python) or dl4j (Java).")
    String lang;
    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write it (train.py; for dl4j a .java file whose name is the class name, e.g. TrainModel.java).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if ((experimentFile == null) == (model == null)) {
            throw new InvalidInputException("give either --experiment E.json or --model model.zip");
        }
        if (member != null && model == null) {
            throw new InvalidInputException("--member picks a network of an ensemble bundle: use it with --model");
        }
        Experiment experiment;
        dev.layerlab.data.FittedPreprocessing trained = null;
        if (experimentFile != null) {
            experiment = ExperimentJson.read(experimentFile);
        } else {
            ModelBundle bundle = ModelBundle.read(model);
            int members = bundle.memberExperiments().size();
            if (bundle.isEnsemble() && member == null) {
                throw new InvalidInputException(model + " is an ensemble of " + members + " networks and code export writes"
                        + " one network: add --member N (0 to " + (members - 1) + ") to export one of them");
            }
            if (member != null && (member < 0 || member >= members)) {
                throw new InvalidInputException("--member " + member + ": " + model + " has " + (members == 1 ? "one network (member 0)"
                        : members + " networks (members 0 to " + (members - 1) + ")"));
            }
            experiment = member == null ? bundle.experiment() : bundle.memberExperiments().get(member);
            trained = bundle.preprocessing();
        }
        // the automatic column decisions (identifiers ignored, ...) as explicit settings the generated code follows
        java.nio.file.Path baseDir = experimentFile != null
                ? dev.layerlab.runs.RunJob.dataBaseDir(experimentFile, experiment.data().path()) : Path.of("").toAbsolutePath();
        // (from a model: each categorical column encoded as it was trained, embedded or one-hot)
        experiment = experiment.withData(trained == null ? dev.layerlab.data.ExplicitSettings.forCodeExport(experiment.data(), baseDir)
                : dev.layerlab.data.ExplicitSettings.forCodeExport(experiment.data(), baseDir, trained));
        String code = switch (lang.trim().toLowerCase(Locale.ROOT)) {
            case "keras", "python", "py" -> KerasGenerator.generate(experiment);
            case "dl4j", "java" -> Dl4jGenerator.generate(experiment, className(out));
            default -> throw new InvalidInputException("--lang must be keras or dl4j, got '" + lang + "'");
        };
        AtomicFiles.writeString(out, code);
        spec.commandLine().getOut().println("Wrote " + out + " (" + code.lines().count() + " lines) for the experiment '"
                + experiment.name() + "'");
        return 0;
    }

    static String className(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".java")) {
            throw new InvalidInputException("--out for dl4j must be a .java file named after its class, e.g. TrainModel.java");
        }
        String cls = name.substring(0, name.length() - 5);
        if (!javax.lang.model.SourceVersion.isName(cls) || cls.contains(".")) {
            throw new InvalidInputException("--out " + name + ": '" + cls + "' is not a Java class name");
        }
        return cls;
    }
}
