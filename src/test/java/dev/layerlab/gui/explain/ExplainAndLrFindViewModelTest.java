package dev.layerlab.gui.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.cli.LayerLabCommand;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.explain.Explainer;
import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.gui.model.LrFindViewModel;
import dev.layerlab.gui.task.CurrentThreadTaskExecutor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javafx.beans.property.SimpleDoubleProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workbench's Explain view model and learning-rate finder, run on the current thread. */
class ExplainAndLrFindViewModelTest {
    @TempDir
    static Path dir;
    static Path run;

    @BeforeAll
    static void train() {
        StringBuilder text = new StringBuilder("x1,x2,colour,noise,y\n");
        Random random = new Random(5);
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < 900; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            String colour = colours[random.nextInt(3)];
            double y = 3 * x1 - 2 * x2 + (colour.equals("red") ? 5 : 0) + 0.1 * random.nextGaussian();
            text.append(String.format(Locale.ROOT, "%.4f,%.4f,%s,%.4f,%.4f%n", x1, x2, colour, random.nextGaussian(), y));
        }
        Path csv = dev.layerlab.TestData.write(dir.resolve("data.csv"), text.toString());
        run = dir.resolve("run");
        StringWriter err = new StringWriter();
        int code = LayerLabCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute("train", "--data", csv.toString(), "--target", "y", "--out", run.toString(), "--hidden", "32,16",
                        "--epochs", "20", "--lr", "0.01", "--seed", "3");
        assertThat(code).as(err.toString()).isZero();
    }

    @Test
    void explainsARunOnItsTestRows() {
        ExplainViewModel vm = new ExplainViewModel(new CurrentThreadTaskExecutor(), new StatusModel());
        vm.explain(run);

        List<Explainer.OutputExplanation> result = vm.resultProperty().get();
        assertThat(result).hasSize(1);
        assertThat(result.get(0).importance().get(0).column()).isEqualTo("x1");
        assertThat(result.get(0).importance()).extracting(Explainer.Importance::column)
                .containsExactlyInAnyOrder("x1", "x2", "colour", "noise");
        assertThat(vm.messageProperty().get()).contains("test split");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void findsALearningRateAndAppliesItInOneClick() throws Exception {
        Experiment experiment = ExperimentJson.read(run.resolve("experiment.json"));
        SimpleDoubleProperty rate = new SimpleDoubleProperty(0.01);
        LrFindViewModel vm = new LrFindViewModel(new CurrentThreadTaskExecutor(), new StatusModel(), () -> experiment,
                () -> dir, rate);
        vm.find();

        assertThat(vm.resultProperty().get()).isNotNull();
        double suggested = vm.resultProperty().get().suggested();
        assertThat(suggested).isBetween(1e-5, 1.0);
        assertThat(vm.messageProperty().get()).contains("suggested learning rate");
        assertThat(vm.apply()).isTrue();
        assertThat(rate.get()).isCloseTo(suggested, org.assertj.core.data.Percentage.withPercentage(1));
    }
}
