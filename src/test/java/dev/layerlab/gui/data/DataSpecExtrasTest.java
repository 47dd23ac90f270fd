package dev.layerlab.gui.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.data.DataSpec;
import dev.layerlab.data.RatioFeature;
import dev.layerlab.data.TargetTransform;
import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.gui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment's ratio inputs and log target (set by auto or the CLI) survive the Data screen; another file drops them.
 * Rotated coordinates are offered when the file has a latitude/longitude pair.
 */
class DataSpecExtrasTest {
    @TempDir
    Path tmp;

    @Test
    void ratiosAndTargetTransformSurviveTheScreenForTheSameFile() throws Exception {
        StringBuilder sb = new StringBuilder("rooms,people,price\n");
        for (int i = 1; i <= 40; i++) {
            sb.append(i * 3).append(',').append(i).append(',').append(100 + i).append('\n');
        }
        Path csv = Files.writeString(tmp.resolve("homes.csv"), sb.toString());
        DataSpec saved = DataSpec.of(csv.toString(), "price").withRatios(List.of(new RatioFeature("rooms", "people")))
                .withTargetTransform(TargetTransform.LOG1P);

        DataViewModel vm = new DataViewModel(new CurrentThreadTaskExecutor(), new StatusModel());
        vm.applySpec(saved, tmp);
        DataSpec back = vm.toSpec();
        assertThat(back.ratios()).isEqualTo(saved.ratios());
        assertThat(back.targetTransform()).isEqualTo(TargetTransform.LOG1P);

        Path other = Files.writeString(tmp.resolve("other.csv"), sb.toString());
        vm.open(other);
        assertThat(vm.toSpec().ratios()).isNull();
        assertThat(vm.toSpec().targetTransform()).isNull();
    }

    @Test
    void aLatitudeLongitudePairIsOfferedAsRotatedCoordinates() throws Exception {
        StringBuilder sb = new StringBuilder("latitude,longitude,rooms,price\n");
        for (int i = 1; i <= 40; i++) {
            sb.append(34 + i * 0.1).append(',').append(-118 - i * 0.05).append(',').append(1 + i % 9).append(',')
                    .append(100 + i).append('\n');
        }
        Path csv = Files.writeString(tmp.resolve("map.csv"), sb.toString());
        DataViewModel vm = new DataViewModel(new CurrentThreadTaskExecutor(), new StatusModel());
        vm.open(csv);
        assertThat(vm.coordinatePairsTextProperty().get()).isEqualTo("latitude / longitude");
        assertThat(vm.rotateCoordinatesProperty().get()).isFalse();
        assertThat(vm.shapeProperty().get().inputs()).isEqualTo(3);
        vm.rotateCoordinatesProperty().set(true);
        assertThat(vm.toSpec().rotations()).containsExactly(dev.layerlab.data.CoordinateRotation.of("latitude", "longitude"));
        assertThat(vm.shapeProperty().get().inputs()).isEqualTo(3 + dev.layerlab.data.CoordinateRotation.DEFAULT_DEGREES.size());

        // a saved experiment with the rotation reopens with the box ticked
        DataViewModel again = new DataViewModel(new CurrentThreadTaskExecutor(), new StatusModel());
        again.applySpec(vm.toSpec(), tmp);
        assertThat(again.rotateCoordinatesProperty().get()).isTrue();
        Path plain = Files.writeString(tmp.resolve("plain.csv"), "rooms,price\n1,2\n3,4\n5,6\n");
        again.open(plain);
        assertThat(again.coordinatePairsTextProperty().get()).isEmpty();
        assertThat(again.toSpec().rotations()).isNull();
    }
}
