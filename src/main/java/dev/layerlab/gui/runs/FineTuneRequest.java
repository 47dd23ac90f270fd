package dev.layerlab.gui.runs;

import java.nio.file.Path;

/**
 * What the fine-tune dialog asks for, validated.
 *
 * @param data         the CSV with the new rows
 * @param epochs       epochs to train
 * @param learningRate a new learning rate, or null to keep the model's
 * @param refit        fit imputation and scaling on the new data instead of keeping the model's
 */
public record FineTuneRequest(Path data, int epochs, Double learningRate, boolean refit) {
}
