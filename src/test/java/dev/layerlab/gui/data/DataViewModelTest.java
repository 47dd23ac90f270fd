package dev.layerlab.gui.data;

import dev.layerlab.data.DataSpec;
import dev.layerlab.data.Imputation;
import dev.layerlab.data.Role;
import dev.layerlab.data.TaskType;
import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.gui.task.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DataViewModelTest {
    @TempDir
    Path tmp;
    Path csv;
    DataViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        StringBuilder sb = new StringBuilder("id;size;color;price\n");
        for (int i = 0; i < 60; i++) {
            sb.append(i).append(';').append(i % 7 == 0 ? "" : String.valueOf(i * 1.5)).append(';')
                    .append(i % 3 == 0 ? "red" : "blue").append(';').append(10 + i * 2).append('\n');
        }
        csv = tmp.resolve("shop.csv");
        Files.writeString(csv, sb.toString());
        vm = new DataViewModel(new CurrentThreadTaskExecutor(), new StatusModel());
    }

    @Test
    void openingDetectsFormatReportsColumnsAndPicksTheLastColumnAsTarget() {
        vm.open(csv);
        assertThat(vm.delimiterProperty().get()).isEqualTo(";");
        assertThat(vm.columns()).extracting(ColumnRow::name).containsExactly("id", "size", "color", "price");
        assertThat(vm.report("size").missing()).isEqualTo(9);
        assertThat(vm.targetProperty().get()).isEqualTo("price");
        assertThat(vm.row("price").roleProperty().get()).isEqualTo(ColumnRole.TARGET);
        assertThat(vm.shapeProperty().get().task()).isEqualTo(TaskType.REGRESSION);
        // id is a running index: ignored by default, with its reason; size, and color (two levels: one 0/1 input)
        assertThat(vm.row("id").roleProperty().get()).isEqualTo(ColumnRole.IGNORE);
        assertThat(vm.row("id").why()).startsWith("id: running integer index");
        assertThat(vm.shapeProperty().get().inputs()).isEqualTo(2);
    }

    @Test
    void ignoringAColumnNarrowsTheInputsAndAnIgnoredIdCanBeSwitchedBack() {
        vm.open(csv);
        vm.row("size").roleProperty().set(ColumnRole.IGNORE);
        assertThat(vm.shapeProperty().get().inputs()).isEqualTo(1);
        assertThat(vm.toSpec().columns().get("size").role()).isEqualTo(Role.IGNORE);
        vm.row("id").roleProperty().set(ColumnRole.FEATURE);
        assertThat(vm.shapeProperty().get().inputs()).isEqualTo(2);
        assertThat(vm.toSpec().columns().get("id").role()).isEqualTo(Role.FEATURE);
    }

    @Test
    void choosingAnotherTargetMovesTheTargetRoleAndChangesTheTask() {
        vm.open(csv);
        vm.targetProperty().set("color");
        assertThat(vm.row("price").roleProperty().get()).isEqualTo(ColumnRole.FEATURE);
        assertThat(vm.row("color").roleProperty().get()).isEqualTo(ColumnRole.TARGET);
        assertThat(vm.shapeProperty().get().task()).isEqualTo(TaskType.BINARY_CLASSIFICATION);
    }

    @Test
    void settingsRoundTripThroughTheSpec() {
        vm.open(csv);
        vm.row("size").imputeProperty().set(Imputation.MEDIAN);
        vm.trainFractionProperty().set(0.6);
        vm.validationFractionProperty().set(0.2);
        DataSpec spec = vm.toSpec();
        assertThat(spec.split().test()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
        DataViewModel other = new DataViewModel(new CurrentThreadTaskExecutor(), new StatusModel());
        other.applySpec(spec, tmp);
        assertThat(other.row("size").imputeProperty().get()).isEqualTo(Imputation.MEDIAN);
        assertThat(other.trainFractionProperty().get()).isEqualTo(0.6);
        assertThat(other.targetProperty().get()).isEqualTo("price");
    }

    @Test
    void badFileIsReportedNotThrown() {
        StatusModel status = new StatusModel();
        DataViewModel v = new DataViewModel(new CurrentThreadTaskExecutor(), status);
        v.open(tmp.resolve("missing.csv"));
        assertThat(status.errorProperty().get()).contains("missing.csv");
    }
}
