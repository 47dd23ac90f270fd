package dev.layerlab.diagnostics;

/**
 * A problem seen in a run: what was seen (with the figures) and what to try.
 *
 * @param epoch the epoch in which it was seen
 */
public record HealthWarning(HealthIssue issue, int epoch, String detail) {

    /** One line: "exploding gradients (epoch 2): ... Try: ...". */
    public String text() {
        return issue.title() + " (epoch " + epoch + "): " + detail + ". Try: " + issue.fix() + ".";
    }
}
