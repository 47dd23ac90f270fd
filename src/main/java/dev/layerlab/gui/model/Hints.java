package dev.layerlab.gui.model;

/** One-sentence explanations of the hyperparameters, shown as tooltips. */
final class Hints {
    private Hints() {
    }

    static final String UNITS = "Number of neurons in the layer: more can fit more complex patterns but over-fit sooner. 16–256 is usual; often halved from layer to layer.";
    static final String ACTIVATION = "The non-linearity applied to each unit's output. relu is the usual choice for hidden layers; tanh or elu are alternatives.";
    static final String WEIGHT_INIT = "How the weights start. he_normal suits relu layers, glorot_uniform suits tanh/sigmoid.";
    static final String BIAS_INIT = "Starting value of each unit's bias. 0 is usual.";
    static final String L1 = "L1 penalty on the weights (adds l1·Σ|w| to the loss): pushes weights to exactly zero. 0 = off; 1e-5–1e-3 when used.";
    static final String L2 = "L2 penalty (weight decay, adds l2·Σw² to the loss): keeps weights small to reduce over-fitting. 0 = off; 1e-4 is usual.";
    static final String DROPOUT = "Fraction of units dropped at random in each training step (not at prediction). 0.1–0.5 is usual.";
    static final String NAME = "A unique name for the layer, shown in the summary and the saved model.";
    static final String LOSS = "What training minimizes. auto picks mse for regression and cross-entropy for classification; huber or mae resist outliers.";
    static final String OPTIMIZER = "The rule that updates the weights from the gradients. adam works well almost always; sgd needs a tuned learning rate.";
    static final String LEARNING_RATE = "Step size of each weight update. Too high diverges, too low crawls. Usual: 0.001 for adam, 0.01 for sgd.";
    static final String BATCH_SIZE = "Rows per weight update. Small batches are noisier but often generalize better; 32–256 is usual.";
    static final String EPOCHS = "How many times training goes through all training rows (at most, with early stopping). 20–200 is usual.";
    static final String SEED = "Seed for weight initialization and batch shuffling: the same seed gives the same run.";
    static final String EARLY = "Stop when the watched metric has not improved for a while, instead of running every epoch.";
    static final String MONITOR = "The quantity early stopping watches, on the validation split. val_loss is usual.";
    static final String PATIENCE = "How many epochs without improvement are tolerated before stopping. 5–20 is usual.";
    static final String MIN_DELTA = "The smallest change that counts as an improvement. 0 is usual.";
    static final String RESTORE = "At the end, put back the weights of the best epoch rather than keeping the last ones.";
    static final String CHECKPOINT_EVERY = "Save the model every N epochs into the run's folder (0 = never).";
    static final String CHECKPOINT_BEST = "Keep a copy of the best model seen so far.";
}
