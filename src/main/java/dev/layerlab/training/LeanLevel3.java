package dev.layerlab.training;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.api.ops.executioner.OpExecutionerUtil;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.cpu.nativecpu.blas.CpuLevel3;
import org.nd4j.linalg.factory.BaseNDArrayFactory;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * ND4J's CPU BLAS level 3 without the parameter object it builds and never reads.
 *
 * <p>In 1.0.0-M2.1 {@code BaseLevel3.gemm(char, char, char, ...)}, which {@code INDArray.mmuli} calls for every
 * matrix product into a result array (each dense layer's forward pass), first builds a {@code GemmParams} and
 * then runs the {@code Mmul} op on the original operands: the params are never used (the code that read them is
 * commented out). Building them checks the operands' layout and copies an operand that is not contiguous in
 * memory; a dense network's operands are contiguous, so here it saves those checks only (no measurable
 * difference), while {@link LeanLevel2} saves a real copy per step. Same op, same arguments: bit-identical
 * (tested); the shapes are still checked, by {@code mmuli} before and by the op itself.
 */
final class LeanLevel3 extends CpuLevel3 {
    private static volatile boolean lean = true;

    /** For tests: false runs ND4J's own code (with the copy) to compare against, here and in {@link LeanLevel2}. */
    static void lean(boolean on) {
        lean = on;
    }

    static boolean isLean() {
        return lean;
    }

    @Override
    public void gemm(char order, char transA, char transB, double alpha, INDArray a, INDArray b, double beta, INDArray c) {
        if (!lean) {
            super.gemm(order, transA, transB, alpha, a, b, beta, c);
            return;
        }
        if (Nd4j.getExecutioner().getProfilingMode() == OpExecutioner.ProfilingMode.ALL) {
            OpProfiler.getInstance().processBlasCall(true, a, b, c);
        }
        // The transpose flags are ignored here as in BaseLevel3: callers pass them for a 'c'/'f' layout, not a transpose.
        Nd4j.exec(new Mmul(a, b, c, alpha, beta, MMulTranspose.builder().transposeA(false).transposeB(false).build()));
        OpExecutionerUtil.checkForAny(c);
    }

    /** Installs this level 3 in ND4J's array factory (which hands it to the BLAS wrapper); false when not possible. */
    static boolean install() {
        return Nd4jInternals.replace(BaseNDArrayFactory.class, "level3", Nd4j.factory(), CpuLevel3.class, LeanLevel3.class,
                current -> new LeanLevel3());
    }
}
