package dev.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.layerlab.cli.CliRun.run;

import dev.layerlab.cli.CliRun.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import dev.layerlab.TestData;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.export.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** layerlab auto on a small file with a tiny budget: every output written, the final model an ensemble. */
class AutoCommandTest {
    @TempDir
    Path dir;


    @Test
    void autoWritesAnEnsembleWithLeaderboardBaselinesAndReportWithinItsBudget() throws Exception {
        Path csv = TestData.regression(dir, 400);
        Path outDir = dir.resolve("auto");
        long started = System.nanoTime();
        Outcome auto = run("auto", "--data", csv.toString(), "--target", "y", "--time-budget", "30s", "--parallel", "2",
                "--out", outDir.toString());
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(auto.code()).as(auto.err() + auto.out()).isZero();
        assertThat(seconds).as("the budget includes everything but a little slack").isLessThan(30 + 10);
        for (String file : List.of("model.zip", "leaderboard.csv", "metrics.json", "baselines.json", "report.md")) {
            assertThat(outDir.resolve(file)).isRegularFile();
        }
        ModelBundle bundle = ModelBundle.read(outDir.resolve("model.zip"));
        // how many networks fit depends on the machine's speed: at least the best one, all listed in the leaderboard
        assertThat(bundle.members()).isNotEmpty();
        // the data choices the winner was trained with are the experiment's, and the preprocessing follows them
        var columns = bundle.experiment().data().columns();
        for (var c : bundle.preprocessing().columns().stream().filter(c -> c.kind() == dev.layerlab.data.ColumnKind.NUMERIC).toList()) {
            assertThat(c.quantileScaled()).as(c.name())
                    .isEqualTo(columns.get(c.name()).scaling() == dev.layerlab.data.Scaling.QUANTILE);
        }
        assertThat(Files.readString(outDir.resolve("report.md"))).contains("cross-validation fits");
        List<String> board = Files.readAllLines(outDir.resolve("leaderboard.csv"));
        assertThat(board.get(0)).startsWith("rank,trial,stage,in_final_model");
        assertThat(board).hasSizeGreaterThan(bundle.members().size()); // the header, then every network
        assertThat(board.stream().skip(1).filter(l -> l.split(",")[3].equals("true")).count()).isEqualTo(bundle.members().size());
        // the run is the whole search: a member stopped at its phase's deadline does not make it "cancelled"
        assertThat(ExperimentJson.MAPPER.readTree(outDir.resolve("run.json").toFile()).path("status").asText())
                .isNotEqualTo("CANCELLED");
        JsonNode metrics = ExperimentJson.MAPPER.readTree(outDir.resolve("metrics.json").toFile());
        // y = 3 x1 - 2 x2 + 5 [red] + noise(0.1): a good model explains nearly all of it
        assertThat(metrics.path("test").path("r2").asDouble()).isGreaterThan(0.8);
        assertThat(Files.readString(outDir.resolve("report.md"))).contains("an ensemble of " + bundle.members().size() + " networks",
                "gradient boosting (baseline)");
        assertThat(auto.out()).contains("this ensemble");

        Outcome predict = run("predict", "--model", outDir.resolve("model.zip").toString(), "--data", csv.toString(),
                "--out", dir.resolve("p.csv").toString());
        assertThat(predict.code()).as(predict.err()).isZero();

        // code export writes one member of auto's ensemble, the last one included
        Path java = dir.resolve("AutoMember.java");
        Outcome export = run("export-code", "--model", outDir.resolve("model.zip").toString(), "--lang", "dl4j",
                "--member", String.valueOf(bundle.members().size() - 1), "--out", java.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(Files.readString(java)).contains("class ");
    }

    @Test
    void aBadBudgetIsRefusedInOneLine() {
        Path csv = TestData.regression(dir, 50);
        Outcome bad = run("auto", "--data", csv.toString(), "--target", "y", "--time-budget", "ten minutes", "--out",
                dir.resolve("x").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).contains("--time-budget").doesNotContain("\n");
        assertThat(AutoCommand.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(AutoCommand.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(AutoCommand.parseDuration("2.5m")).isEqualTo(Duration.ofSeconds(150));
    }
}
