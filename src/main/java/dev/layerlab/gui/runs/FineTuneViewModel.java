package dev.layerlab.gui.runs;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The fine-tune dialog: the new CSV (the experiment's data by default), epochs, an optional learning rate and
 * whether to refit the preprocessing, each checked as it is typed with the message shown beside the field.
 */
public final class FineTuneViewModel {
    private final String parentRun;
    private final String modelLearningRate;
    private final StringProperty data = new SimpleStringProperty("");
    private final StringProperty epochs = new SimpleStringProperty("");
    private final StringProperty learningRate = new SimpleStringProperty("");
    private final BooleanProperty refit = new SimpleBooleanProperty(false);
    private final StringProperty dataError = new SimpleStringProperty("");
    private final StringProperty epochsError = new SimpleStringProperty("");
    private final StringProperty learningRateError = new SimpleStringProperty("");
    private final BooleanBinding valid;

    /**
     * @param parentRun         the run whose model is fine-tuned (for the dialog's title)
     * @param defaultData       the CSV the model was trained on
     * @param defaultEpochs     the model's epochs setting
     * @param modelLearningRate the model's learning rate (shown as the field's prompt)
     */
    public FineTuneViewModel(String parentRun, Path defaultData, int defaultEpochs, double modelLearningRate) {
        this.parentRun = parentRun;
        this.modelLearningRate = String.format(Locale.ROOT, "%.4g", modelLearningRate).replaceFirst("\\.?0+(e|$)", "$1");
        data.addListener((o, a, b) -> dataError.set(checkData(b)));
        epochs.addListener((o, a, b) -> epochsError.set(checkEpochs(b)));
        learningRate.addListener((o, a, b) -> learningRateError.set(checkLearningRate(b)));
        data.set(defaultData == null ? "" : defaultData.toString());
        dataError.set(checkData(data.get()));
        epochs.set(String.valueOf(defaultEpochs));
        valid = Bindings.createBooleanBinding(() -> dataError.get().isEmpty() && epochsError.get().isEmpty()
                && learningRateError.get().isEmpty(), dataError, epochsError, learningRateError);
    }

    static String checkData(String text) {
        if (text == null || text.isBlank()) {
            return "Choose the CSV with the new rows.";
        }
        try {
            Path.of(text.trim());
        } catch (InvalidPathException e) {
            return "Not a file path: " + e.getReason();
        }
        return "";
    }

    static String checkEpochs(String text) {
        try {
            int n = Integer.parseInt(text == null ? "" : text.trim());
            return n >= 1 && n <= 100_000 ? "" : "Epochs must be from 1 to 100,000.";
        } catch (NumberFormatException e) {
            return "Epochs must be a whole number, e.g. 10.";
        }
    }

    static String checkLearningRate(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        try {
            double v = Double.parseDouble(text.trim());
            return v > 0 && v < 10 && Double.isFinite(v) ? "" : "The learning rate must be a positive number below 10, e.g. 0.0001.";
        } catch (NumberFormatException e) {
            return "The learning rate must be a number, e.g. 0.0001 (or empty to keep the model's).";
        }
    }

    /** The validated request; throws {@link IllegalStateException} when a field is invalid. */
    public FineTuneRequest toRequest() {
        if (!valid.get()) {
            throw new IllegalStateException("the fine-tune settings are not valid");
        }
        String lr = learningRate.get() == null ? "" : learningRate.get().trim();
        return new FineTuneRequest(Path.of(data.get().trim()), Integer.parseInt(epochs.get().trim()),
                lr.isEmpty() ? null : Double.parseDouble(lr), refit.get());
    }

    public String parentRun() {
        return parentRun;
    }

    /** The model's learning rate, as text: what an empty learning-rate field keeps. */
    public String modelLearningRate() {
        return modelLearningRate;
    }

    public StringProperty dataProperty() {
        return data;
    }

    public StringProperty epochsProperty() {
        return epochs;
    }

    public StringProperty learningRateProperty() {
        return learningRate;
    }

    public BooleanProperty refitProperty() {
        return refit;
    }

    public StringProperty dataErrorProperty() {
        return dataError;
    }

    public StringProperty epochsErrorProperty() {
        return epochsError;
    }

    public StringProperty learningRateErrorProperty() {
        return learningRateError;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
