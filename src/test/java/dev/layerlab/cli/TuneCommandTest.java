package dev.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.layerlab.cli.CliRun.run;

import dev.layerlab.cli.CliRun.Outcome;
import dev.layerlab.TestData;
import dev.layerlab.data.DataSpec;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.TrainingSpec;
import dev.layerlab.experiment.ParamDomain;
import dev.layerlab.experiment.SearchSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {
    @TempDir
    Path dir;


    Path experiment(SearchSpace space) throws Exception {
        TestData.regression(dir, 120);
        Experiment e = new Experiment(0, "t", DataSpec.of("regression.csv", "y"), NetworkSpec.of(DenseLayer.of(8, Activation.RELU)),
                TrainingSpec.defaults().withEpochs(3)).withSearch(space);
        Path file = dir.resolve("e.json");
        ExperimentJson.write(file, e);
        return file;
    }

    @Test
    void tunesWritesTrialsAndBestModelAndResumes() throws Exception {
        Path file = experiment(SearchSpace.of(Map.of(SearchSpace.LEARNING_RATE, new ParamDomain.LogUniform(1e-3, 1e-2),
                SearchSpace.UNITS, ParamDomain.IntRange.powersOfTwo(4, 8))));
        Path out = dir.resolve("study");
        Outcome o = run("tune", "--experiment", file.toString(), "--strategy", "bayes", "--trials", "3", "--parallel", "2",
                "--out", out.toString(), "--max-epochs", "2", "--seed", "5");
        assertThat(o.code()).as(o.err() + o.out()).isZero();
        assertThat(o.out()).contains("trial   0").contains("[3/3]").contains("Best: trial").contains("val_rmse");
        List<String> csv = Files.readAllLines(out.resolve("trials.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0)).contains("training.learningRate").contains("network.units[0]").contains("status");
        assertThat(out.resolve("best").resolve("model.zip")).exists();
        assertThat(out.resolve("study.jsonl")).exists();

        Outcome again = run("tune", "--experiment", file.toString(), "--strategy", "bayes", "--trials", "3", "--parallel", "2",
                "--out", out.toString(), "--max-epochs", "2", "--seed", "5", "--no-best");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("Resuming: 3 trial(s)").doesNotContain("trial   0");
    }

    @Test
    void aTimeBudgetStopsStartingTrials() throws Exception {
        Path file = experiment(SearchSpace.of(Map.of(SearchSpace.LEARNING_RATE, new ParamDomain.LogUniform(1e-3, 1e-2))));
        // 2,000 trials of 2 epochs take far longer than 1 s even on a fast idle machine (each writes its journal line
        // and trials.csv): the budget ends the study, the trials started finish
        Outcome o = run("tune", "--experiment", file.toString(), "--strategy", "random", "--trials", "2000", "--parallel", "1",
                "--out", dir.resolve("budget").toString(), "--max-epochs", "2", "--time-budget", "1s", "--no-best");
        assertThat(o.code()).as(o.err() + o.out()).isZero();
        assertThat(o.out()).contains("Time budget reached: no new trial starts");
        int trials = Files.readAllLines(dir.resolve("budget").resolve("trials.csv")).size() - 1;
        assertThat(trials).isBetween(1, 1999);
        assertThat(o.out()).contains(trials + " trials (" + trials + " complete");
    }

    @Test
    void defaultSpaceGridCountAndBadInput() throws Exception {
        Path file = experiment(null);
        Outcome bad = run("tune", "--experiment", file.toString(), "--strategy", "annealing", "--out", dir.resolve("x").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown strategy 'annealing'");
        Outcome metric = run("tune", "--experiment", file.toString(), "--metric", "val_accuracy", "--out", dir.resolve("y").toString());
        assertThat(metric.code()).isEqualTo(2);
        assertThat(metric.err()).contains("val_accuracy");

        Outcome grid = run("tune", "--experiment", file.toString(), "--strategy", "grid", "--trials", "1", "--parallel", "1",
                "--out", dir.resolve("g").toString(), "--max-epochs", "1", "--no-best");
        assertThat(grid.code()).as(grid.err()).isZero();
        // 4 learning rates x 4 dropouts x (5 + 5^2 + 5^3 unit combinations) = 2480
        assertThat(grid.out()).contains("no search space").contains("network.units[2]").contains("grid size 2480");
    }
}
