package dev.layerlab.gui.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.data.TaskType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiguresTest {
    private static Map<String, Map<String, Map<String, Double>>> baselines(String metric, double linear, double boosted) {
        Map<String, Map<String, Map<String, Double>>> b = new LinkedHashMap<>();
        b.put("linear", Map.of("test", Map.of(metric, linear), "validation", Map.of(metric, linear + 1)));
        b.put("gradient_boosting", Map.of("test", Map.of(metric, boosted)));
        return b;
    }

    @Test
    void aPriceTargetIsShownInDollarsWithTheBaselinesFirst() {
        String line = Figures.comparison(baselines("rmse", 68_412, 47_821), TaskType.REGRESSION, "test",
                Map.of("rmse", 52_004.4), "median_house_value", "this network");
        assertThat(line).isEqualTo("Test RMSE: linear $68.4k · gradient boosting $47.8k · this network $52.0k");
    }

    @Test
    void otherRegressionTargetsKeepTheirUnitsAndClassificationShowsAccuracy() {
        assertThat(Figures.comparison(baselines("rmse", 0.71, 0.52), TaskType.REGRESSION, "test", Map.of("rmse", 0.6),
                "quality", "this network")).isEqualTo("Test RMSE: linear 0.7100 · gradient boosting 0.5200 · this network 0.6000");
        assertThat(Figures.comparison(baselines("accuracy", 0.7619, 0.8095), TaskType.BINARY_CLASSIFICATION, "test",
                Map.of("accuracy", 0.857), "Class", "this ensemble"))
                .isEqualTo("Test accuracy: linear 76.2 % · gradient boosting 81.0 % · this ensemble 85.7 %");
        // a split a baseline lacks leaves it out; nothing at all gives an empty line
        assertThat(Figures.comparison(baselines("rmse", 1, 2), TaskType.REGRESSION, "validation", Map.of(), "y", "this network"))
                .isEqualTo("Validation RMSE: linear 2.000");
        assertThat(Figures.comparison(Map.of(), TaskType.REGRESSION, "test", Map.of(), "y", "this network")).isEmpty();
    }

    @Test
    void moneyIsRecognisedByTheTargetsName() {
        assertThat(Figures.isMoney("median_house_value")).isTrue();
        assertThat(Figures.isMoney("SalePrice")).isTrue();
        assertThat(Figures.isMoney("houseValue")).isTrue();
        assertThat(Figures.isMoney("sale_price")).isTrue();
        assertThat(Figures.isMoney("annual income")).isTrue();
        assertThat(Figures.isMoney("value")).isFalse();
        assertThat(Figures.isMoney("quality")).isFalse();
        assertThat(Figures.value(TaskType.REGRESSION, 1_234_567, true)).isEqualTo("$1.23M");
        assertThat(Figures.value(TaskType.REGRESSION, 512.3, false)).isEqualTo("512");
    }
}
