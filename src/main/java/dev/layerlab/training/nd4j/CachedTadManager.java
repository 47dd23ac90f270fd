package dev.layerlab.training.nd4j;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.CpuTADManager;

/**
 * ND4J's CPU TAD ("tensor along dimension") manager with its Java side cached.
 *
 * <p>Every broadcast and reduction along a dimension (a layer's bias add, the bias gradient's column sums, the
 * loss) asks for the TAD shape and offsets of its input. libnd4j caches those for the life of the process, but
 * {@link CpuTADManager} in 1.0.0-M2.1 fetches them anew each time and wraps them in two new {@code LongBuffer}s
 * (each with deallocators for the GC to process). This keeps one pair of wrappers per (shape descriptor,
 * dimensions), as the native cache keeps one pack. Bounded like {@link CachedShapeInfoProvider}.
 */
final class CachedTadManager extends CpuTADManager {
    static final int MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<Key, Pair<DataBuffer, DataBuffer>> cache = new ConcurrentHashMap<>();

    @Override
    public Pair<DataBuffer, DataBuffer> getTADOnlyShapeInfo(INDArray array, int... dimension) {
        if (dimension == null) {
            return super.getTADOnlyShapeInfo(array, dimension);
        }
        if (dimension.length > 1) {
            Arrays.sort(dimension); // as CpuTADManager does, in place
        }
        Key key = new Key(array.shapeInfoJava(), dimension);
        Pair<DataBuffer, DataBuffer> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Pair<DataBuffer, DataBuffer> created = super.getTADOnlyShapeInfo(array, dimension);
        if (cache.size() < MAX_ENTRIES) {
            cache.putIfAbsent(new Key(key.shapeInfo.clone(), dimension.clone()), created);
        }
        return created;
    }

    @Override
    public void purgeBuffers() {
        cache.clear();
        super.purgeBuffers();
    }

    int size() {
        return cache.size();
    }

    /** Installs this manager in ND4J's CPU executioner; false when that is not possible. */
    static boolean install() {
        Object executioner = org.nd4j.linalg.factory.Nd4j.getExecutioner();
        if (!(executioner instanceof org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner)) {
            org.slf4j.LoggerFactory.getLogger(CachedTadManager.class).warn(
                    "The op executioner is a {}, not ND4J's CPU one: TAD manager left alone", executioner.getClass().getName());
            return false;
        }
        // Declared there, whether the executioner is ND4J's own or ReusableOpContexts.
        return Nd4jInternals.replace(org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner.class, "tadManager",
                executioner, CpuTADManager.class, CachedTadManager.class, current -> {
                    if (current == null) {
                        return null;
                    }
                    CachedTadManager manager = new CachedTadManager();
                    manager.init(org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps(),
                            org.nd4j.linalg.factory.Nd4j.getConstantHandler());
                    return manager;
                });
    }

    private static final class Key {
        private final long[] shapeInfo;
        private final int[] dimension;
        private final int hash;

        Key(long[] shapeInfo, int[] dimension) {
            this.shapeInfo = shapeInfo;
            this.dimension = dimension;
            this.hash = 31 * Arrays.hashCode(shapeInfo) + Arrays.hashCode(dimension);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.shapeInfo, shapeInfo)
                    && Arrays.equals(k.dimension, dimension);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
