package dev.layerlab.gui.model;

import dev.layerlab.TestData;
import dev.layerlab.cli.LayerLabCommand;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.diagnostics.NetworkHealth;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.gui.common.LiveChart;
import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.gui.explain.ExplainView;
import dev.layerlab.gui.explain.ExplainViewModel;
import dev.layerlab.gui.task.CurrentThreadTaskExecutor;
import dev.layerlab.gui.training.EpochPoint;
import dev.layerlab.gui.training.RunHandle;
import dev.layerlab.gui.training.TrainingMonitor;
import dev.layerlab.gui.training.TrainingView;
import dev.layerlab.gui.training.TrainingViewModel;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.Initializer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.CheckpointSpec;
import dev.layerlab.training.EarlyStoppingSpec;
import dev.layerlab.training.EpochRecord;
import dev.layerlab.training.OptimizerSpec;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingListener;
import dev.layerlab.training.TrainingSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Not a test: writes the screenshots of docs/guide/health.md (health view, learning-rate finder, Explain view) from
 * real runs on the housing sample. Run with
 * {@code mvn -o test -Dtest=DiagnosticsScreenshots -Dlayerlab.screenshots=docs/screenshots}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "layerlab.screenshots", matches = ".+")
class DiagnosticsScreenshots {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    static Path out() {
        return Path.of(System.getProperty("layerlab.screenshots"));
    }

    @Test
    void writeScreenshots(FxRobot robot) throws Exception {
        Path dir = Files.createTempDirectory("shots");
        List<String> lines = Files.readAllLines(TestData.CALIFORNIA);
        Path csv = dir.resolve("housing.csv");
        Files.write(csv, lines.subList(0, 4001));
        PreparedData data = DataPipeline.prepare(new DataSpec(csv.toString(), null, null, "median_house_value",
                TaskChoice.AUTO, Map.of(), new SplitSpec(0.7, 0.15, 0.15, 42, true), null), dir);

        // Health view: a network with a layer of dead ReLUs (bias -10), so the banner has something to say.
        TrainingViewModel vm = new TrainingViewModel(new StatusModel());
        TrainingMonitor[] monitor = new TrainingMonitor[1];
        robot.interact(() -> vm.start("housing (bias -10 in dense_2)", "RMSE", "", m -> {
            monitor[0] = m;
            return new RunHandle() {
                public void pause() { }
                public void resume() { }
                public void cancel() { }
            };
        }));
        NetworkSpec sick = NetworkSpec.of(new DenseLayer(null, 64, Activation.RELU, Initializer.HE_NORMAL, 0, 0, 0),
                new DenseLayer(null, 64, Activation.RELU, Initializer.HE_NORMAL, -10, 0, 0),
                new DenseLayer(null, 32, Activation.RELU, Initializer.HE_NORMAL, 0, 0, 0));
        Trainer trainer = new Trainer(null, null);
        new NetworkHealth(10).addListener(monitor[0].healthListener()).attachTo(trainer);
        trainer.addListener(new TrainingListener() {
            @Override
            public void onStart(int epochs, int perEpoch) {
                monitor[0].onStart(epochs, perEpoch);
            }

            @Override
            public void onIteration(int epoch, long iteration, double loss) {
                monitor[0].onIteration(epoch, loss);
            }

            @Override
            public void onEpoch(EpochRecord r) {
                monitor[0].onEpoch(EpochPoint.of(r, "rmse"));
            }
        });
        trainer.train(sick, new TrainingSpec(OptimizerSpec.defaults(), 32, 8, 42, EarlyStoppingSpec.disabled(),
                CheckpointSpec.none()), data);
        robot.interact(() -> {
            TrainingView view = new TrainingView(vm, new CurrentThreadTaskExecutor(), () -> stage, () -> { });
            stage.setScene(new Scene(new BorderPane(view.root()), 1280, 800));
            stage.show();
            vm.drain();
            robot.lookup("#training-views").queryAs(TabPane.class).getSelectionModel().select(1);
        });
        robot.interact(() -> { });
        snapshot(robot, "health.png");

        // Learning-rate finder on the default network.
        Path runDir = dir.resolve("run");
        int code = LayerLabCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .execute("train", "--data", csv.toString(), "--target", "median_house_value", "--out", runDir.toString(),
                        "--epochs", "10");
        if (code != 0) {
            throw new IllegalStateException("train failed");
        }
        Experiment experiment = ExperimentJson.read(runDir.resolve("experiment.json"));
        LrFindViewModel lr = new LrFindViewModel(new CurrentThreadTaskExecutor(), new StatusModel(), () -> experiment,
                () -> dir, new javafx.beans.property.SimpleDoubleProperty(0.001));
        lr.find();
        robot.interact(() -> stage.setScene(new Scene((Parent) new LrFindPane(lr).root(), 820, 500)));
        robot.interact(() -> { });
        snapshot(robot, "lr-find.png");

        // Explain view of that run.
        ExplainViewModel explain = new ExplainViewModel(new CurrentThreadTaskExecutor(), new StatusModel());
        explain.explain(runDir);
        robot.interact(() -> stage.setScene(new Scene((Parent) new ExplainView(explain, true).root(), 1250, 650)));
        robot.interact(() -> { });
        snapshot(robot, "explain.png");
    }

    private void snapshot(FxRobot robot, String name) throws Exception {
        Files.createDirectories(out());
        javafx.scene.image.WritableImage[] image = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> image[0] = stage.getScene().getRoot().snapshot(null, null));
        LiveChart.writePng(image[0], out().resolve(name));
        // a screenshot of a laid-out window, not an empty scene
        org.assertj.core.api.Assertions.assertThat(image[0].getWidth()).isGreaterThan(400);
        org.assertj.core.api.Assertions.assertThat(Files.size(out().resolve(name))).isGreaterThan(10_000L);
    }
}
