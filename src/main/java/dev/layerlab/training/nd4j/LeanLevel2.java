package dev.layerlab.training.nd4j;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.api.ops.executioner.OpExecutionerUtil;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.cpu.nativecpu.blas.CpuLevel2;
import org.nd4j.linalg.factory.BaseNDArrayFactory;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * ND4J's CPU BLAS level 2 without a copy that nothing reads. {@code BaseLevel2.gemv}, behind every {@code mmuli}
 * by a one-column matrix (the forward pass of a one-unit output layer: every regression network), builds
 * {@code GemvParameters} it never reads, then runs {@code Mmul} on the original operands. Building them copies
 * the vector when it starts at an offset into its buffer, which a layer's weights always do (they are a view
 * into the network's flattened parameters): a new native array at every forward step, 2 of the ~44 native
 * objects a batch-64 step of the 64-64 network registers. This runs the same op; bit-identical (tested).
 */
final class LeanLevel2 extends CpuLevel2 {
    private static volatile boolean lean = true;

    /** For tests: false runs ND4J's own code (with the copy) to compare against. */
    static void lean(boolean on) {
        lean = on;
    }

    @Override
    public void gemv(char order, char transA, double alpha, INDArray a, INDArray x, double beta, INDArray y) {
        if (!lean) {
            super.gemv(order, transA, alpha, a, x, beta, y);
            return;
        }
        if (Nd4j.getExecutioner().getProfilingMode() == OpExecutioner.ProfilingMode.ALL) {
            OpProfiler.getInstance().processBlasCall(false, a, x, y);
        }
        Nd4j.exec(new Mmul(a, x, y, alpha, beta, MMulTranspose.builder().transposeA(false).build()));
        OpExecutionerUtil.checkForAny(y);
    }

    /** Installs this level 2 in ND4J's array factory (which hands it to the BLAS wrapper); false when not possible. */
    static boolean install() {
        return Nd4jInternals.replace(BaseNDArrayFactory.class, "level2", Nd4j.factory(), CpuLevel2.class, LeanLevel2.class,
                current -> new LeanLevel2());
    }
}
