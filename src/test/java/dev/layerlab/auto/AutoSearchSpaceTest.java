package dev.layerlab.auto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.TestData;
import dev.layerlab.data.DataPipeline;
import dev.layerlab.data.DataSpec;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.RatioFeature;
import dev.layerlab.data.Scaling;
import dev.layerlab.data.TargetTransform;
import dev.layerlab.model.Activation;
import dev.layerlab.model.BatchNormLayer;
import dev.layerlab.model.DenseLayer;
import dev.layerlab.model.DropoutLayer;
import dev.layerlab.model.Initializer;
import dev.layerlab.training.RunStatus;
import dev.layerlab.training.ScheduleKind;
import dev.layerlab.training.Trainer;
import dev.layerlab.training.TrainingResult;
import dev.layerlab.training.TrainingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auto's search space: what a random candidate can be, and the data choices on California housing rows. */
class AutoSearchSpaceTest {
    @TempDir
    static Path dir;
    static Path housing;
    static DataProfile profile;

    @BeforeAll
    static void load() throws Exception {
        List<String> lines = Files.readAllLines(TestData.CALIFORNIA);
        // every tenth row: the file is sorted by region, its first rows are all in the Bay Area
        List<String> sample = new java.util.ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i += 10) {
            sample.add(lines.get(i));
        }
        housing = Files.write(dir.resolve("housing.csv"), sample);
        profile = AutoSearch.profile(DataSpec.of(housing.toString(), "median_house_value"), null);
    }

    @Test
    void theHousingProfileFindsSkewedColumnsCountPairsAndALogTarget() {
        assertThat(profile.skewed()).contains("total_rooms", "population", "households").doesNotContain("latitude", "longitude");
        assertThat(profile.ratioCandidates()).extracting(RatioFeature::name).contains("total_rooms/households",
                "population/households");
        assertThat(profile.logTargetFits()).isTrue();
        DataProfile sonar = AutoSearch.profile(DataSpec.of(TestData.SONAR.toAbsolutePath().toString(), "Target"), null);
        assertThat(sonar.ratioCandidates()).isEmpty(); // fractions, not counts
        assertThat(sonar.logTargetFits()).isFalse();
    }

    @Test
    void dataChoicesBecomeTheExperimentsDataSection() {
        DataSpec base = DataSpec.of(housing.toString(), "median_house_value");
        RatioFeature perHousehold = new RatioFeature("total_rooms", "households");
        DataSpec d = new DataChoice(DataChoice.QUANTILE_SKEWED, true, List.of(perHousehold)).apply(base, profile);
        assertThat(d.columns().get("total_rooms").scaling()).isEqualTo(Scaling.QUANTILE);
        assertThat(d.columns().get("latitude").scaling()).isEqualTo(Scaling.STANDARDIZE);
        assertThat(d.columns().get("total_rooms/households").scaling()).isEqualTo(Scaling.QUANTILE);
        assertThat(d.targetTransform()).isEqualTo(TargetTransform.LOG1P);
        assertThat(d.ratios()).containsExactly(perHousehold);

        PreparedData data = DataPipeline.prepare(d, (Path) null);
        assertThat(data.preprocessing().featureNames()).contains("total_rooms/households");
        assertThat(data.preprocessing().targetTransform()).isEqualTo(TargetTransform.LOG1P);
        PreparedData plain = DataPipeline.prepare(DataChoice.DEFAULT.apply(base, profile), (Path) null);
        // the same rows in every split whatever the data choice: validation scores are comparable
        assertThat(data.validation().sourceRows()).isEqualTo(plain.validation().sourceRows());

        // the analyst's recipe: log1p then standardize the skewed columns (and ratios), standardize the rest
        DataSpec logged = new DataChoice(DataChoice.LOG_SKEWED, false, List.of(perHousehold)).apply(base, profile);
        assertThat(logged.columns().get("population").log1p()).isTrue();
        assertThat(logged.columns().get("population").scaling()).isEqualTo(Scaling.STANDARDIZE);
        assertThat(logged.columns().get("total_rooms/households").log1p()).isTrue();
        assertThat(logged.columns().get("latitude").log1p()).isNull();
        assertThat(logged.columns().get("median_income").scaling()).isEqualTo(Scaling.STANDARDIZE);
        PreparedData loggedData = DataPipeline.prepare(logged, (Path) null);
        assertThat(loggedData.preprocessing().columns().stream().filter(c -> c.name().equals("population")).findFirst()
                .orElseThrow().log1p()).isTrue();
    }

    @Test
    void randomCandidatesCoverTheSpaceAndAreValidSettings() {
        Candidate.Space space = new Candidate.Space(true, profile.ratioCandidates());
        Random random = new Random(3);
        Set<ScheduleKind> schedules = EnumSet.noneOf(ScheduleKind.class);
        Set<String> scalings = new HashSet<>();
        boolean batchNorm = false;
        boolean alphaDropout = false;
        boolean adamW = false;
        boolean warmup = false;
        boolean log = false;
        boolean ratios = false;
        for (int i = 0; i < 300; i++) {
            Candidate c = Candidate.random(random, space);
            TrainingSpec spec = c.training(TrainingSpec.defaults(), 1, AutoSearch.PATIENCE);
            assertThat(spec.problems()).as(c.describe()).isEmpty();
            schedules.add(c.schedule());
            scalings.add(c.data().scaling());
            var layers = c.network().layers();
            if (c.activation() == Activation.SELU) {
                assertThat(layers).noneMatch(l -> l instanceof BatchNormLayer);
                assertThat(layers).filteredOn(l -> l instanceof DenseLayer)
                        .allMatch(l -> ((DenseLayer) l).weightInit() == Initializer.LECUN_NORMAL);
                alphaDropout |= layers.stream().anyMatch(l -> l instanceof DropoutLayer d && d.isAlpha());
            } else {
                assertThat(layers).noneMatch(l -> l instanceof DropoutLayer d && d.isAlpha());
            }
            batchNorm |= layers.stream().anyMatch(l -> l instanceof BatchNormLayer);
            if (c.weightDecay() > 0) {
                adamW = true;
                assertThat(c.l2()).isZero();
                assertThat(spec.optimizer().weightDecay()).isEqualTo(c.weightDecay());
            }
            warmup |= spec.optimizer().warmupOrZero() > 0;
            log |= c.data().logTarget();
            ratios |= !c.data().ratios().isEmpty();
            if (c.schedule().spansTheRun()) {
                assertThat(spec.earlyStopping().patience()).isEqualTo(spec.epochs()); // the schedule runs its course
            }
        }
        assertThat(schedules).containsExactlyInAnyOrder(ScheduleKind.CONSTANT, ScheduleKind.EXPONENTIAL, ScheduleKind.COSINE,
                ScheduleKind.ONE_CYCLE, ScheduleKind.PLATEAU);
        assertThat(scalings).containsExactlyInAnyOrder(DataChoice.QUANTILE, DataChoice.STANDARDIZE, DataChoice.QUANTILE_SKEWED,
                DataChoice.LOG_SKEWED);
        assertThat(List.of(batchNorm, alphaDropout, adamW, warmup, log, ratios)).containsOnly(true);
        assertThat(Candidate.random(new Random(1), new Candidate.Space(false, List.of())).data().logTarget()).isFalse();
    }

    @Test
    void seluWithAlphaDropoutAndBatchNormNetworksTrain() {
        PreparedData data = DataPipeline.prepare(DataChoice.DEFAULT.apply(DataSpec.of(housing.toString(), "median_house_value"),
                profile), (Path) null);
        DataChoice d = DataChoice.DEFAULT;
        Candidate selu = new Candidate(List.of(32, 16), Activation.SELU, 0.1, 0, 1e-3, 64, 1, false, 1e-2,
                ScheduleKind.ONE_CYCLE, 0, 3, d);
        Candidate bn = new Candidate(List.of(32, 16), Activation.RELU, 0, 0, 1e-3, 64, 0.5, true, 0,
                ScheduleKind.PLATEAU, 1, 3, d);
        for (Candidate c : List.of(selu, bn)) {
            TrainingResult r = new Trainer(null, null).train(c.network(), c.training(TrainingSpec.defaults(), 5, 10)
                    .withEpochs(3), data);
            assertThat(r.status()).as(c.describe()).isIn(RunStatus.COMPLETED, RunStatus.EARLY_STOPPED);
            assertThat(r.metrics().get("validation").get("rmse")).as(c.describe()).isLessThan(150_000);
        }
    }

    @Test
    void coordinatePairsAreRotatedInMostDrawsAndEveryStartingNetworkButTheDefault() {
        assertThat(profile.coordinatePairs()).containsExactly(dev.layerlab.data.CoordinateRotation.of("latitude", "longitude"));
        Candidate.Space space = new Candidate.Space(false, List.of(), profile.coordinatePairs(), false);
        List<Candidate> start = Candidate.starting(space);
        assertThat(start).hasSize(Candidate.starting().size());
        assertThat(start).filteredOn(c -> c.data().rotations().isEmpty()).extracting(Candidate::hidden)
                .containsExactly(List.of(128, 64, 32));
        Random random = new Random(5);
        int rotated = 0;
        for (int i = 0; i < 400; i++) {
            Candidate c = Candidate.random(random, space);
            rotated += c.data().rotations().isEmpty() ? 0 : 1;
            assertThat(c.data().oneHot()).isFalse(); // nothing here is embedded
        }
        assertThat(rotated).isBetween(260, 340);

        DataSpec base = DataSpec.of(housing.toString(), "median_house_value");
        DataSpec d = DataChoice.DEFAULT.withRotations(profile.coordinatePairs()).apply(base, profile);
        assertThat(d.rotations()).isEqualTo(profile.coordinatePairs());
        assertThat(d.columns().get("latitude+longitude@45deg").scaling()).isEqualTo(Scaling.QUANTILE);
        PreparedData data = DataPipeline.prepare(d, (Path) null);
        assertThat(data.preprocessing().featureNames()).contains("latitude+longitude@45deg", "latitude+longitude@135deg");
    }

    @Test
    void aColumnEmbeddedByDefaultIsOneHotInTheOtherChoice() throws Exception {
        Path messy = Path.of("src/test/resources/data/quality/messy.csv");
        DataProfile fromFile = AutoSearch.profile(DataSpec.of(messy.toString(), "segment"), null);
        assertThat(fromFile.manyCategories()).contains("shop", "code"); // the file's guess: many values
        DataSpec base = DataSpec.of(messy.toString(), "segment");
        PreparedData defaults = DataPipeline.prepare(DataChoice.DEFAULT.apply(base, fromFile), (Path) null);
        // what auto does after the default preparation: only the columns actually embedded (the code is ignored)
        DataProfile p = fromFile.withEmbedded(defaults.preprocessing().columns().stream()
                .filter(dev.layerlab.data.FittedColumn::embedding).map(dev.layerlab.data.FittedColumn::name).toList());
        assertThat(p.manyCategories()).containsExactly("shop");
        DataSpec oneHot = new DataChoice(DataChoice.QUANTILE, false, List.of(), List.of(), true).apply(base, p);
        assertThat(oneHot.columns().get("shop").encoding()).isEqualTo(dev.layerlab.data.Encoding.ONE_HOT);
        PreparedData embedded = DataPipeline.prepare(DataChoice.DEFAULT.apply(base, p), (Path) null);
        PreparedData wide = DataPipeline.prepare(oneHot, (Path) null);
        assertThat(wide.preprocessing().featureCount()).isGreaterThan(embedded.preprocessing().featureCount() + 100);

        Candidate.Space space = new Candidate.Space(false, List.of(), List.of(), true);
        Random random = new Random(2);
        Set<Boolean> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(Candidate.random(random, space).data().oneHot());
        }
        assertThat(seen).containsExactlyInAnyOrder(true, false);
    }
}
