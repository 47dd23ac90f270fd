package dev.layerlab.training.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The shape-info and TAD caches give what ND4J gives; the native build follows the CPU flags. */
class DescriptorCachesTest {
    @Test
    void shapeInfoCacheSharesOneDescriptorPerShapeWithTheSameContentAsNd4j() {
        NativeRuntime.init();
        assertThat(Nd4jPatches.installed().shapeInfoCache()).isTrue();
        assertThat(org.nd4j.linalg.factory.Nd4j.getShapeInfoProvider()).isInstanceOf(CachedShapeInfoProvider.class);
        CachedShapeInfoProvider cache = new CachedShapeInfoProvider();
        var plain = new org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider();
        long[] shape = {5, 3};
        long[] stride = {3, 1};
        var first = cache.createShapeInformation(shape, stride, 1, 'c', org.nd4j.linalg.api.buffer.DataType.FLOAT, false);
        shape[0] = 7; // the caller's array may change afterwards: the cache keeps its own copy
        var second = cache.createShapeInformation(new long[] {5, 3}, new long[] {3, 1}, 1, 'c',
                org.nd4j.linalg.api.buffer.DataType.FLOAT, false);
        var reference = plain.createShapeInformation(new long[] {5, 3}, new long[] {3, 1}, 1, 'c',
                org.nd4j.linalg.api.buffer.DataType.FLOAT, false);
        assertThat(second).isSameAs(first);
        assertThat(first.getSecond()).containsExactly(reference.getSecond());
        var other = cache.createShapeInformation(new long[] {5, 3}, new long[] {1, 5}, 1, 'f',
                org.nd4j.linalg.api.buffer.DataType.FLOAT, false);
        var otherType = cache.createShapeInformation(new long[] {5, 3}, new long[] {3, 1}, 1, 'c',
                org.nd4j.linalg.api.buffer.DataType.DOUBLE, false);
        assertThat(other).isNotSameAs(first);
        assertThat(otherType.getSecond()).isNotEqualTo(first.getSecond());
        assertThat(cache.size()).isEqualTo(3);
        // Arrays built through the installed cache behave as usual.
        INDArray a = org.nd4j.linalg.factory.Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3},
                org.nd4j.linalg.api.buffer.DataType.FLOAT);
        INDArray b = org.nd4j.linalg.factory.Nd4j.create(new float[] {6, 5, 4, 3, 2, 1}, new long[] {2, 3},
                org.nd4j.linalg.api.buffer.DataType.FLOAT);
        assertThat(a.shapeInfoDataBuffer()).isSameAs(b.shapeInfoDataBuffer());
        assertThat(a.add(b).data().asFloat()).containsOnly(7f);
        assertThat(a.mmul(b.transpose()).toFloatMatrix()[0]).containsExactly(28f, 10f);
    }

    @Test
    void tadCacheReusesDescriptorsAndReductionsAndBroadcastsStayRight() {
        NativeRuntime.init();
        assertThat(Nd4jPatches.installed().tadCache()).isTrue();
        var tad = org.nd4j.linalg.factory.Nd4j.getExecutioner().getTADManager();
        assertThat(tad).isInstanceOf(CachedTadManager.class);
        INDArray m = org.nd4j.linalg.factory.Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3},
                org.nd4j.linalg.api.buffer.DataType.FLOAT);
        INDArray other = org.nd4j.linalg.factory.Nd4j.create(new float[] {6, 5, 4, 3, 2, 1}, new long[] {2, 3},
                org.nd4j.linalg.api.buffer.DataType.FLOAT);
        int[] dims = {1, 0};
        var first = tad.getTADOnlyShapeInfo(m, dims);
        assertThat(dims).containsExactly(0, 1); // sorted in place, as ND4J's own manager does
        assertThat(tad.getTADOnlyShapeInfo(other, 0, 1)).isSameAs(first); // same shape: same descriptor
        assertThat(tad.getTADOnlyShapeInfo(m, 0)).isNotSameAs(tad.getTADOnlyShapeInfo(m, 1));
        for (int i = 0; i < 3; i++) { // repeated ops go through the cached descriptors
            assertThat(m.sum(0).data().asFloat()).containsExactly(5f, 7f, 9f);
            assertThat(m.sum(1).data().asFloat()).containsExactly(6f, 15f);
            assertThat(m.addRowVector(org.nd4j.linalg.factory.Nd4j.create(new float[] {10, 20, 30}, new long[] {1, 3},
                    org.nd4j.linalg.api.buffer.DataType.FLOAT)).data().asFloat()).containsExactly(11f, 22f, 33f, 14f, 25f, 36f);
            assertThat(m.transpose().dup('c').sum(0).data().asFloat()).containsExactly(6f, 15f);
        }
    }

    @Test
    void nativeBuildFollowsTheCpuFlagsWithTheGenericBuildAsFallback() {
        assertThat(NativeRuntime.extensionFor(Set.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512dq",
                "avx512vl", "avx512cd"))).isEqualTo("-avx512");
        assertThat(NativeRuntime.extensionFor(Set.of("avx", "avx2", "fma", "avx512f"))).isEqualTo("-avx2");
        assertThat(NativeRuntime.extensionFor(Set.of("avx", "sse4_2"))).isEqualTo("");
        assertThat(NativeRuntime.extensionFor(Set.<String>of())).isEqualTo("");
        assertThat(NativeRuntime.extensionFor("AVX2")).isEqualTo("-avx2");
        assertThat(NativeRuntime.extensionFor("generic")).isEqualTo("");
    }
}
