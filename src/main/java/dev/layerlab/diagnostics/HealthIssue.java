package dev.layerlab.diagnostics;

/** What can be wrong with a run, in plain words, with the fix to try first. */
public enum HealthIssue {
    EXPLODING("exploding gradients", "lower the learning rate (e.g. by 10x) or turn on gradient clipping (--clip norm:1.0)"),
    LEARNING_RATE_HIGH("learning rate too high",
            "lower the learning rate (try layerlab lr-find), or turn on gradient clipping"),
    LEARNING_RATE_LOW("learning rate too low", "raise the learning rate (try layerlab lr-find)"),
    VANISHING("vanishing gradients",
            "use He initialisation with ReLU-family activations (relu, leaky relu, elu) instead of sigmoid/tanh, add batch normalisation, or use fewer layers"),
    DYING_RELU("dying ReLU", "lower the learning rate, use leaky relu or elu, or start the biases at 0"),
    OVERFITTING("overfitting", "add dropout (e.g. 0.2) or an L2 penalty, use fewer units, or keep early stopping on"),
    UNDERFITTING("underfitting", "use more units or layers, train longer, or raise the learning rate");

    private final String title;
    private final String fix;

    HealthIssue(String title, String fix) {
        this.title = title;
        this.fix = fix;
    }

    public String title() {
        return title;
    }

    public String fix() {
        return fix;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
