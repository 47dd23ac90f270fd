package dev.layerlab.training.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every patch of ND4J's internals off against every patch on: the same training gives the same network. Each
 * side runs `layerlab train` in its own JVM (the patches are process-wide), on a network with dropout and L2
 * and a one-unit output, so that broadcasts, reductions, gemv, the updater and the deallocator all take part.
 */
class Nd4jPatchesTest {
    private static final List<String> SWITCHES = List.of("shapeInfoCache", "tadCache", "leanDeallocator",
            "reuseOpContexts", "leanGemm", "directUpdater");

    @TempDir
    Path dir;

    @Test
    void trainingWithEveryPatchOffMatchesTrainingWithEveryPatchOn() throws Exception {
        Path csv = TestData.regression(dir, 300);
        Path on = train(csv, "on", true);
        Path off = train(csv, "off", false);

        String onLog = Files.readString(on.resolveSibling("on-logs").resolve("layerlab.log"));
        String offLog = Files.readString(off.resolveSibling("off-logs").resolve("layerlab.log"));
        assertThat(onLog).contains("ND4J patches: shape-info cache on, TAD cache on, lean deallocator on, "
                + "reused op contexts on, lean gemv on, direct updaters on");
        assertThat(offLog).contains("ND4J patches: all off by option");

        float[] withPatches = ModelSerializer.restoreMultiLayerNetwork(on.resolve("model.zip").toFile()).params().toFloatVector();
        float[] without = ModelSerializer.restoreMultiLayerNetwork(off.resolve("model.zip").toFile()).params().toFloatVector();
        assertThat(withPatches).hasSameSizeAs(without).hasSizeGreaterThan(100);
        for (int i = 0; i < without.length; i++) {
            assertThat(withPatches[i]).as("parameter %d", i).isCloseTo(without[i],
                    org.assertj.core.data.Offset.offset(1e-5f + 1e-4f * Math.abs(without[i])));
        }
        assertThat(Files.readAllLines(on.resolve("history.csv"))).hasSize(Files.readAllLines(off.resolve("history.csv")).size());
    }

    @Test
    void theOptionsReadEverySwitchFromTheSystemAndDefaultToOn() {
        assertThat(dev.layerlab.RuntimeOptions.environmentName("shapeInfoCache")).isEqualTo("LAYERLAB_SHAPE_INFO_CACHE");
        String before = System.getProperty("layerlab.tadCache");
        System.setProperty("layerlab.tadCache", "false");
        try {
            Nd4jPatchOptions o = Nd4jPatchOptions.fromSystem();
            assertThat(o.tadCache()).isFalse();
            assertThat(o.shapeInfoCache()).isTrue();
            assertThat(o.anyPatch()).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty("layerlab.tadCache");
            } else {
                System.setProperty("layerlab.tadCache", before);
            }
        }
        assertThat(Nd4jPatchOptions.patchesOff().anyPatch()).isFalse();
    }

    @Test
    void thisProcessRunsTheNd4jVersionThePatchesWereWrittenFor() {
        assertThat(Nd4jPatches.runtimeVersions()).isEqualTo(Nd4jPatches.expected());
        assertThat(Nd4jPatches.versionMismatch()).isEmpty();
    }

    private Path train(Path csv, String name, boolean patches) throws Exception {
        Path out = dir.resolve(name);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-Dorg.bytedeco.javacpp.maxBytes=0",
                "-Dlayerlab.logDir=" + dir.resolve(name + "-logs")));
        for (String s : SWITCHES) {
            command.add("-Dlayerlab." + s + "=" + patches);
        }
        command.addAll(List.of("dev.layerlab.app.Main", "train", "--data", csv.toString(), "--target", "y",
                "--hidden", "16,8", "--dropout", "0.1", "--l2", "1e-4", "--epochs", "4", "--batch", "16", "--seed", "5", "--out", out.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process child = pb.start();
        boolean ended = child.waitFor(240, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        assertThat(ended && child.exitValue() == 0).as(Files.readString(dir.resolve(name + ".out"))).isTrue();
        return out;
    }
}
