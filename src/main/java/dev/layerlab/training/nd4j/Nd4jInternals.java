package dev.layerlab.training.nd4j;

import java.util.function.Function;
import org.nd4j.linalg.factory.Nd4j;

/** Swaps one of ND4J's internal objects for one of LayerLab's, through the field that holds it. */
final class Nd4jInternals {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Nd4jInternals.class);

    private Nd4jInternals() {
    }

    /**
     * Replaces the value of {@code declaring.field} (static when {@code owner} is null) with
     * {@code create.apply(current)}, only while it still holds ND4J's own {@code nd4jClass} (or nothing): another
     * backend's or someone else's object is left alone. True when the field holds a {@code ours} afterwards;
     * false when it cannot, or {@code create} answers null.
     */
    static boolean replace(Class<?> declaring, String field, Object owner, Class<?> nd4jClass, Class<?> ours,
                           Function<Object, Object> create) {
        try {
            var f = declaring.getDeclaredField(field);
            f.setAccessible(true);
            synchronized (Nd4j.class) { // Nd4j's own getters of these fields are static synchronized
                Object current = f.get(owner);
                if (ours.isInstance(current)) {
                    return true;
                }
                if (current != null && current.getClass() != nd4jClass) {
                    LOG.warn("{}.{} holds a {}, not ND4J's {}: left alone", declaring.getSimpleName(), field,
                            current.getClass().getName(), nd4jClass.getName());
                    return false;
                }
                Object replacement = create.apply(current);
                if (replacement == null) {
                    LOG.warn("{}.{}: no replacement could be made for {}", declaring.getSimpleName(), field, current);
                    return false;
                }
                f.set(owner, replacement);
                return true;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not replace {}.{} (ND4J's internals differ from {}?)", declaring.getName(), field,
                    Nd4jPatches.WRITTEN_FOR, e);
            return false;
        }
    }
}
