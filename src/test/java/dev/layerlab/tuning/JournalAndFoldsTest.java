package dev.layerlab.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layerlab.InvalidInputException;
import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.Matrix;
import dev.layerlab.data.PreparedData;
import dev.layerlab.experiment.SearchSpace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalAndFoldsTest {
    @TempDir
    Path dir;

    static Map<String, Object> header() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("strategy", "random");
        h.put("seed", 42L);
        h.put("space", SearchSpace.defaults());
        return h;
    }

    static TrialRecord trial(int n, double v) {
        return new TrialRecord(n, Map.of(SearchSpace.LEARNING_RATE, 0.001 * (n + 1), SearchSpace.HIDDEN_LAYERS, 2),
                TrialStatus.COMPLETE, v, 5, 4, 100, 1234, List.of(v + 1, v, Double.NaN), null);
    }

    @Test
    void journalRoundTripsTrials() throws Exception {
        try (StudyJournal j = StudyJournal.open(dir, header())) {
            j.append(trial(0, 0.5));
            j.append(trial(1, 0.4));
        }
        try (StudyJournal j = StudyJournal.open(dir, header())) {
            assertThat(j.trials()).containsExactly(trial(0, 0.5), trial(1, 0.4));
            assertThat(j.trials().get(0).curve()).containsExactly(1.5, 0.5, null);
            assertThat(j.warnings()).isEmpty();
        }
    }

    @Test
    void tornLastLineIsDroppedAndTheJournalStaysAppendable() throws Exception {
        try (StudyJournal j = StudyJournal.open(dir, header())) {
            j.append(trial(0, 0.5));
            j.append(trial(1, 0.4));
        }
        Path file = dir.resolve(StudyJournal.FILE);
        String text = Files.readString(file);
        // cut the last line in the middle, as a crash during a write would
        Files.writeString(file, text.substring(0, text.length() - 30));
        try (StudyJournal j = StudyJournal.open(dir, header())) {
            assertThat(j.trials()).containsExactly(trial(0, 0.5));
            assertThat(j.warnings()).singleElement().asString().contains("cut off");
            j.append(trial(1, 0.3));
        }
        try (StudyJournal j = StudyJournal.open(dir, header())) {
            assertThat(j.trials()).containsExactly(trial(0, 0.5), trial(1, 0.3));
            assertThat(j.warnings()).isEmpty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
    }

    @Test
    void completeLastLineWithoutNewlineIsKept() throws Exception {
        try (StudyJournal j = StudyJournal.open(dir, header())) {
            j.append(trial(0, 0.5));
        }
        Path file = dir.resolve(StudyJournal.FILE);
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() - 1));
        try (StudyJournal j = StudyJournal.open(dir, header())) {
            assertThat(j.trials()).hasSize(1);
            j.append(trial(1, 0.2));
        }
        try (StudyJournal j = StudyJournal.open(dir, header())) {
            assertThat(j.trials()).hasSize(2);
        }
    }

    @Test
    void journalOfAnotherStudyIsRefused() throws Exception {
        StudyJournal.open(dir, header()).close();
        Map<String, Object> other = header();
        other.put("strategy", "bayes");
        assertThatThrownBy(() -> StudyJournal.open(dir, other)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("other settings");
    }

    @Test
    void kFoldPartitionsTrainPlusValidation() {
        Path csv = TestData.regression(dir, 103);
        PreparedData data = DataPipeline.prepare(DataSpec.of(csv.toString(), "y"), dir);
        int pooled = data.train().rows() + data.validation().rows();
        Set<Integer> expectedSources = new HashSet<>();
        Arrays.stream(data.train().sourceRows()).forEach(expectedSources::add);
        Arrays.stream(data.validation().sourceRows()).forEach(expectedSources::add);
        Set<Integer> testSources = new HashSet<>();
        Arrays.stream(data.test().sourceRows()).forEach(testSources::add);

        List<PreparedData> folds = Folds.kFold(data, 3, 42);
        assertThat(folds).hasSize(3);
        List<Integer> validated = new ArrayList<>();
        for (PreparedData f : folds) {
            Matrix t = f.train();
            Matrix v = f.validation();
            assertThat(t.rows() + v.rows()).isEqualTo(pooled);
            assertThat(v.rows()).isBetween(pooled / 3, pooled / 3 + 1);
            assertThat(f.test().rows()).isZero();
            Set<Integer> trainSources = new HashSet<>();
            Arrays.stream(t.sourceRows()).forEach(trainSources::add);
            for (int i = 0; i < v.rows(); i++) {
                int source = v.sourceRows()[i];
                assertThat(trainSources).doesNotContain(source);
                assertThat(testSources).doesNotContain(source);
                validated.add(source);
            }
            // rows carry their own features and targets
            int src = v.sourceRows()[0];
            int orig = indexOf(data.train().sourceRows(), src);
            Matrix from = data.train();
            if (orig < 0) {
                orig = indexOf(data.validation().sourceRows(), src);
                from = data.validation();
            }
            assertThat(v.target(0, 0)).isEqualTo(from.target(orig, 0));
            assertThat(v.feature(0, 0)).isEqualTo(from.feature(orig, 0));
        }
        // every pooled row is validated on exactly once
        assertThat(validated).hasSize(pooled).doesNotHaveDuplicates();
        assertThat(new HashSet<>(validated)).isEqualTo(expectedSources);
        assertThatThrownBy(() -> Folds.kFold(data, 1, 1)).isInstanceOf(InvalidInputException.class);

        PreparedData all = Folds.trainOnAll(data);
        assertThat(all.train().rows()).isEqualTo(pooled);
        assertThat(all.validation().rows()).isZero();
        assertThat(all.test().rows()).isEqualTo(data.test().rows());
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void paretoFrontAndBestSoFar() {
        Objective min = new Objective("val_rmse", false);
        List<TrialRecord> t = List.of(
                new TrialRecord(0, Map.of(), TrialStatus.COMPLETE, 0.5, 1, 1, 100, 0, List.of(), null),
                new TrialRecord(1, Map.of(), TrialStatus.COMPLETE, 0.4, 1, 1, 1000, 0, List.of(), null),
                new TrialRecord(2, Map.of(), TrialStatus.COMPLETE, 0.6, 1, 1, 500, 0, List.of(), null),
                new TrialRecord(3, Map.of(), TrialStatus.PRUNED, 0.1, 1, 1, 10, 0, List.of(), null),
                new TrialRecord(4, Map.of(), TrialStatus.COMPLETE, 0.45, 1, 1, 50, 0, List.of(), null));
        StudyResult r = new StudyResult(t, min, false);
        assertThat(r.paretoFront()).extracting(TrialRecord::number).containsExactly(1, 4);
        assertThat(r.best()).get().extracting(TrialRecord::number).isEqualTo(1);
        assertThat(r.bestSoFar()).containsExactly(0.5, 0.4, 0.4, 0.4, 0.4);
        assertThat(r.totalEpochs()).isEqualTo(5);
    }
}
