package dev.layerlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.SplitSpec;
import dev.layerlab.data.TaskChoice;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.export.ModelBundle;
import dev.layerlab.export.Predictor;
import dev.layerlab.runs.RunWriter;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.model.NetworkTemplates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GraphTrainingTest {
    @TempDir
    static Path dir;
    static PreparedData data;
    static DataSpec dataSpec;

    @BeforeAll
    static void load() {
        Path csv = TestData.regression(dir, 500);
        dataSpec = new DataSpec(csv.toString(), null, null, "y", TaskChoice.AUTO, Map.of(),
                new SplitSpec(0.7, 0.15, 0.15, 3, true), null);
        data = DataPipeline.prepare(dataSpec, dir);
    }

    static TrainingSpec spec(int epochs) {
        return new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, 0.01), 32, epochs, 5,
                EarlyStoppingSpec.disabled(), CheckpointSpec.none());
    }

    @Test
    void wideAndDeepWithAuxiliaryOutputTrainsAndReportsEachOutput() {
        NetworkSpec network = NetworkTemplates.forData("wide-deep-aux", data.preprocessing().inputColumns());

        TrainingResult result = new Trainer(null, null).train(network, spec(15), data);

        assertThat(result.network()).isInstanceOf(GraphNetwork.class);
        EpochRecord last = result.history().get(14);
        assertThat(last.valMetrics()).containsKeys("main_output_loss", "main_output_rmse", "aux_output_loss", "aux_output_rmse");
        // total loss = 0.9 main + 0.1 aux (no regularisation here)
        assertThat(last.valLoss()).isCloseTo(0.9 * last.valMetrics().get("main_output_loss")
                + 0.1 * last.valMetrics().get("aux_output_loss"), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(result.history().get(14).trainLoss()).isLessThan(result.history().get(0).trainLoss());
        assertThat(result.metrics().get("test").get("r2")).isGreaterThan(0.8);
        String csv = TrainingHistory.toCsv(result.history(), data.task());
        assertThat(csv.lines().findFirst().orElseThrow()).contains("val_main_output_loss").contains("val_aux_output_rmse");
    }

    @Test
    void graphBundleLoadsInPlainDl4jAsAComputationGraphPredictingBothOutputs() throws Exception {
        NetworkSpec network = NetworkTemplates.forData("wide-deep-aux", data.preprocessing().inputColumns());
        TrainingResult result = new Trainer(null, null).train(network, spec(2), data);
        Path run = Files.createDirectories(dir.resolve("graph-run"));
        RunWriter.write(run, new Experiment(0, "wd", dataSpec, network, spec(2)), data, result, "x.csv", Instant.now(), null);

        ComputationGraph plain = ModelSerializer.restoreComputationGraph(run.resolve("model.zip").toFile());
        assertThat(plain.getNumInputArrays()).isEqualTo(2);
        assertThat(plain.getNumOutputArrays()).isEqualTo(2);
        GraphNetwork trained = (GraphNetwork) result.network();
        INDArray rows = Nd4j.create(java.util.Arrays.copyOf(data.test().features(), 4 * data.test().featureCount()),
                new long[] {4, data.test().featureCount()}, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        INDArray[] expected = trained.outputs(rows);
        // plain DL4J: the caller feeds each input its columns (wide: first 5 features, deep: from the third column on)
        INDArray wide = rows.getColumns(0, 1, 2, 3, 4);
        INDArray deep = rows.getColumns(java.util.stream.IntStream.range(2, data.test().featureCount()).toArray());
        INDArray[] actual = plain.output(wide, deep);
        assertThat(actual).hasSize(2);
        assertThat(actual[0]).isEqualTo(expected[0]);
        assertThat(actual[1]).isEqualTo(expected[1]);

        ModelBundle bundle = ModelBundle.read(run.resolve("model.zip"));
        assertThat(bundle.network()).isInstanceOf(GraphNetwork.class);
        Predictor.Predictions predictions = new Predictor(bundle).predict(new Predictor(bundle).load(Path.of(dataSpec.path())));
        assertThat(predictions.size()).isEqualTo(500);
        Predictor predictor = new Predictor(bundle);
        Path out = dir.resolve("graph-predictions.csv");
        predictor.writeCsv(predictor.load(Path.of(dataSpec.path())), predictions, out);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("x1,x2,colour,y,prediction,prediction_aux_output");
        assertThat(lines).hasSize(501);
        assertThat(data.preprocessing().featureNames()).hasSize(data.test().featureCount());
        assertThat(List.of("x1", "x2", "colour")).isEqualTo(data.preprocessing().inputColumns());
    }

    @Test
    void anInterruptedGraphRunResumesToTheSameEnd() {
        NetworkSpec network = NetworkTemplates.forData("wide-deep-aux", data.preprocessing().inputColumns());
        TrainingSpec spec = new TrainingSpec(OptimizerSpec.of(OptimizerKind.ADAM, 0.01), 32, 4, 5,
                EarlyStoppingSpec.disabled(), CheckpointSpec.defaults());
        TrainingResult whole = new Trainer(null, dir.resolve("graph-whole")).train(network, spec, data);

        Path checkpoints = dir.resolve("graph-interrupted");
        RunControl control = new RunControl();
        Trainer first = new Trainer(control, checkpoints).addListener(new TrainingListener() {
            @Override
            public void onEpoch(EpochRecord record) {
                if (record.epoch() == 2) {
                    control.cancel();
                }
            }
        });
        first.fit(Trainer.buildNetwork(network, Trainer.shapeOf(data), spec), spec, data, TrainingState.start("g", "f", "h"));
        TrainingResult resumed = new Trainer(null, checkpoints).resume(network, spec, data);

        assertThat(resumed.network()).isInstanceOf(GraphNetwork.class);
        ResumeTest.assertSameRun(resumed, whole);
    }
}
