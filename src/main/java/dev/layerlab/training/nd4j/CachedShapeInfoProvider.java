package dev.layerlab.training.nd4j;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider;

/**
 * ND4J's CPU shape-info provider with the one overload it leaves uncached cached too.
 *
 * <p>In ND4J 1.0.0-M2.1 every {@code INDArray} constructor goes through
 * {@code createShapeInformation(shape, stride, ews, order, dataType, empty)}, which {@link DirectShapeInfoProvider}
 * does not cache: each new array (dozens per training step: activations, gradients, views in the updater)
 * allocates two native long arrays, asks libnd4j for its (natively cached, constant) shape buffer, wraps it in a
 * new {@code LongBuffer} and registers three deallocators, which the GC then has to process. The buffer libnd4j
 * returns is a constant it keeps for the life of the process, so one Java wrapper per distinct shape can be shared
 * by every array of that shape, as {@link DirectShapeInfoProvider} already does for its other overloads.
 * Bounded: past {@link #MAX_ENTRIES} distinct shapes, new ones are built uncached as before.
 */
final class CachedShapeInfoProvider extends DirectShapeInfoProvider {
    static final int MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<Key, Pair<DataBuffer, long[]>> cache = new ConcurrentHashMap<>();

    @Override
    public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride,
                                                           char order, DataType dataType, boolean empty) {
        Key key = new Key(shape, stride, elementWiseStride, order, dataType, empty);
        Pair<DataBuffer, long[]> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Pair<DataBuffer, long[]> created = super.createShapeInformation(shape, stride, elementWiseStride, order,
                dataType, empty);
        if (cache.size() >= MAX_ENTRIES) {
            return created;
        }
        // Copies: callers may reuse their shape/stride arrays.
        Pair<DataBuffer, long[]> raced = cache.putIfAbsent(new Key(shape.clone(), stride.clone(), elementWiseStride,
                order, dataType, empty), created);
        return raced != null ? raced : created;
    }

    @Override
    public void purgeCache() {
        cache.clear();
        super.purgeCache();
    }

    int size() {
        return cache.size();
    }

    /** Installs this provider in place of ND4J's (once ND4J has loaded); false when that is not possible. */
    static boolean install() {
        return Nd4jInternals.replace(org.nd4j.linalg.factory.Nd4j.class, "shapeInfoProvider", null,
                DirectShapeInfoProvider.class, CachedShapeInfoProvider.class, current -> new CachedShapeInfoProvider());
    }

    private static final class Key {
        private final long[] shape;
        private final long[] stride;
        private final long ews;
        private final char order;
        private final DataType dataType;
        private final boolean empty;
        private final int hash;

        Key(long[] shape, long[] stride, long ews, char order, DataType dataType, boolean empty) {
            this.shape = shape;
            this.stride = stride;
            this.ews = ews;
            this.order = order;
            this.dataType = dataType;
            this.empty = empty;
            int h = Arrays.hashCode(shape);
            h = 31 * h + Arrays.hashCode(stride);
            h = 31 * h + Long.hashCode(ews);
            h = 31 * h + order;
            h = 31 * h + (dataType == null ? 0 : dataType.ordinal());
            this.hash = 31 * h + (empty ? 1 : 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.ews == ews && k.order == order && k.dataType == dataType
                    && k.empty == empty && Arrays.equals(k.shape, shape) && Arrays.equals(k.stride, stride);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
