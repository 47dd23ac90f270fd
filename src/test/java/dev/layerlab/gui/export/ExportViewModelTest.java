package dev.layerlab.gui.export;

import dev.layerlab.data.DataSpec;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.gui.task.CurrentThreadTaskExecutor;
import dev.layerlab.model.Activation;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.NetworkSpec;
import dev.layerlab.training.TrainingSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ExportViewModelTest {
    @TempDir
    Path tmp;

    private final Experiment experiment = new Experiment(ExperimentJson.FORMAT_VERSION, "demo", DataSpec.of("data.csv", "y"),
            NetworkSpec.of(DenseLayer.of(4, Activation.RELU)), TrainingSpec.defaults());

    @Test
    void exportsKerasAndDl4jCode() throws Exception {
        StatusModel status = new StatusModel();
        ExportViewModel vm = new ExportViewModel(new CurrentThreadTaskExecutor(), status);
        Path py = tmp.resolve("train.py");
        Path java = tmp.resolve("TrainDemo.java");
        vm.exportCode(experiment, ExportViewModel.CodeKind.KERAS_PYTHON, py);
        vm.exportCode(experiment, ExportViewModel.CodeKind.DL4J_JAVA, java);
        assertThat(Files.readString(py)).contains("keras");
        assertThat(Files.readString(java)).contains("class TrainDemo");
        assertThat(status.errorProperty().get()).isNull();
    }

    @Test
    void exportsAGraphNetworkAsAGraph() throws Exception {
        StatusModel status = new StatusModel();
        ExportViewModel vm = new ExportViewModel(new CurrentThreadTaskExecutor(), status);
        Experiment wideDeep = experiment.withNetwork(dev.layerlab.model.NetworkTemplates.forData("wide-deep-aux",
                java.util.List.of("a", "b", "c", "d", "e", "f")));
        Path py = tmp.resolve("train_graph.py");
        Path java = tmp.resolve("TrainGraph.java");
        vm.exportCode(wideDeep, ExportViewModel.CodeKind.KERAS_PYTHON, py);
        vm.exportCode(wideDeep, ExportViewModel.CodeKind.DL4J_JAVA, java);
        assertThat(status.errorProperty().get()).isNull();
        assertThat(Files.readString(py)).contains("wide_input = joined[\"wide_input\"]").contains("keras.Model(inputs=inputs, outputs=[main_output, aux_output]");
        assertThat(Files.readString(java)).contains("class TrainGraph").contains("ComputationGraphConfiguration.GraphBuilder");
    }

    @Test
    void savingWithoutAModelIsAnError() {
        StatusModel status = new StatusModel();
        ExportViewModel vm = new ExportViewModel(new CurrentThreadTaskExecutor(), status);
        vm.saveBundle(tmp.resolve("x.zip"), p -> { });
        assertThat(status.errorProperty().get()).contains("Nothing to save");
    }

    @Test
    void aBrokenBundleIsReported() throws Exception {
        StatusModel status = new StatusModel();
        ExportViewModel vm = new ExportViewModel(new CurrentThreadTaskExecutor(), status);
        Path bad = tmp.resolve("bad.zip");
        Files.writeString(bad, "not a zip");
        vm.load(bad);
        assertThat(vm.bundleProperty().get()).isNull();
        assertThat(status.errorProperty().get()).contains("bad.zip");
    }

    @Test
    void aCraftedBundleIsRefusedWithTheCheckersMessage() throws Exception {
        StatusModel status = new StatusModel();
        ExportViewModel vm = new ExportViewModel(new CurrentThreadTaskExecutor(), status);
        Path crafted = tmp.resolve("crafted.zip");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(crafted))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("layerlab/manifest.json"));
            zip.write("{\"formatVersion\":1,\"kind\":\"multilayer\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("preprocessor.bin")); // DL4J would read it with ObjectInputStream
            zip.write(new byte[] {(byte) 0xac, (byte) 0xed, 0, 5});
        }
        vm.load(crafted);
        assertThat(vm.bundleProperty().get()).isNull();
        assertThat(status.errorProperty().get()).contains("unknown entry 'preprocessor.bin'");
    }
}
