package dev.layerlab.data;

/**
 * The rules for categorical columns encoded by a learned embedding instead of one-hot.
 *
 * <ul>
 *   <li>A column is embedded by default when its training rows hold more than {@link #EMBED_ABOVE} distinct
 *       categories: up to that, one-hot is small and exact; above it, one-hot inputs grow with every category
 *       and the first layer learns a weight per category and unit, which memorises the rarer ones.</li>
 *   <li>A category with fewer than {@link #MIN_ROWS} training rows is pooled into "other": a vector learned from
 *       one or two rows is noise.</li>
 *   <li>Index {@link #UNSEEN} is reserved for a value the training rows did not have (at predict or serve time);
 *       its vector is never trained and stays at its small initial values.</li>
 *   <li>The vector width follows fastai's rule, capped at 50: {@code min(50, round(1.6 * n^0.56))} for a table
 *       of n rows (reserved indices included).</li>
 * </ul>
 */
public final class Embeddings {
    /** Default: embed a categorical column with more distinct training categories than this. */
    public static final int EMBED_ABOVE = 30;
    /** Categories with fewer training rows than this pool into "other". */
    public static final int MIN_ROWS = 3;
    /** Index of a value not seen in training. */
    public static final int UNSEEN = 0;
    /** Index of the pooled rare categories. */
    public static final int OTHER = 1;
    /** Index of the first kept category. */
    public static final int FIRST = 2;
    /** Widest vector. */
    public static final int MAX_DIMENSION = 50;

    private Embeddings() {
    }

    /** One line for the user: "Column 'shop': embedding of 452 categories (+ 29 rare pooled as other), 37 wide". */
    public static String describe(FittedColumn c) {
        return "Column '" + c.name() + "': embedding of " + c.categories().size() + " categories"
                + (c.rare().isEmpty() ? "" : " (+ " + c.rare().size() + " rare pooled as other)") + ", "
                + c.embeddingDim() + " wide (" + c.vocabulary() * (long) c.embeddingDim() + " parameters)";
    }

    /** The vector width for an embedding table of {@code vocabulary} rows. */
    public static int dimension(int vocabulary) {
        return (int) Math.max(1, Math.min(MAX_DIMENSION, Math.round(1.6 * Math.pow(vocabulary, 0.56))));
    }
}
