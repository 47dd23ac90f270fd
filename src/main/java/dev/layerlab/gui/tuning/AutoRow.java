package dev.layerlab.gui.tuning;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One network auto trained, as its leaderboard shows it; whether it is in the final model is known only when the
 * search ends.
 *
 * @param stage  "search" (a configuration tried) or "ensemble" (another seed of a best configuration)
 * @param score  the validation score auto minimises (rmse or log loss), NaN when the network was not usable
 * @param status "ok", or why the network was not usable
 */
public record AutoRow(int number, String stage, String configuration, double score, int epochs, double seconds,
                      String status, BooleanProperty inFinalModelProperty) {

    public AutoRow(int number, String stage, String configuration, double score, int epochs, double seconds, String status) {
        this(number, stage, configuration, score, epochs, seconds, status, new SimpleBooleanProperty(false));
    }

    public boolean inFinalModel() {
        return inFinalModelProperty.get();
    }
}
