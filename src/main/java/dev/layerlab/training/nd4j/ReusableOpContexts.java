package dev.layerlab.training.nd4j;

import java.util.ArrayDeque;
import org.bytedeco.javacpp.BooleanPointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.cpu.nativecpu.ops.CpuOpContext;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueContext;

/**
 * ND4J's CPU executioner with op contexts reused per thread.
 *
 * <p>Each custom op ND4J runs (a layer's matrix product, an activation's gradient, the Adam update: about 20 per
 * training step of a small dense network) gets a new {@link CpuOpContext}: a native context made and later
 * destroyed, a registration for the deallocator, and a JavaCPP-allocated native copy of each argument list,
 * each with its own phantom reference for the collector. The executioner builds the context, runs the op and
 * closes it, so a closed context can serve the thread's next op: {@link ReusableContext} clears everything a
 * run sets (inputs, outputs, the four argument lists, in-place and shape-override flags) when it is closed, and
 * copies arguments through native buffers it keeps. A context that is never closed (DL4J's oneDNN helpers keep
 * theirs) simply stays with its holder, as before.
 */
final class ReusableOpContexts extends NativeOpExecutioner {
    /** Idle contexts kept per thread; nested ops need one each, and more than a few are never in use at once. */
    private static final int MAX_IDLE = 8;

    private final ThreadLocal<ArrayDeque<ReusableContext>> idle = ThreadLocal.withInitial(ArrayDeque::new);
    private static volatile boolean reusing = true;

    /** Switches reuse on (the default) or off: off, every op gets a new context, as in ND4J. For comparisons. */
    static void reuse(boolean on) {
        reusing = on;
    }

    @Override
    public OpContext buildContext() {
        if (!reusing) {
            return new CpuOpContext();
        }
        ArrayDeque<ReusableContext> pool = idle.get();
        ReusableContext context = pool.pollFirst();
        if (context == null) {
            context = new ReusableContext(pool);
        }
        context.inUse = true;
        return context;
    }

    /**
     * Makes this ND4J's op executioner; false when that is not possible (another backend, or someone else's
     * executioner). Must run before anything caches the executioner it replaces.
     */
    static boolean install() {
        return Nd4jInternals.replace(Nd4j.class, "OP_EXECUTIONER_INSTANCE", null, NativeOpExecutioner.class,
                ReusableOpContexts.class, current -> {
                    if (current == null) {
                        return null;
                    }
                    ReusableOpContexts executioner = new ReusableOpContexts();
                    executioner.setProfilingMode(((NativeOpExecutioner) current).getProfilingMode());
                    return executioner;
                });
    }

    /** A CPU op context that goes back to its thread's pool when closed, cleared for the next op. */
    static final class ReusableContext extends CpuOpContext {
        private final NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        private final OpaqueContext handle = (OpaqueContext) contextPointer();
        private final ArrayDeque<ReusableContext> home;
        private final Thread owner = Thread.currentThread();
        private boolean inUse;
        private LongPointer longs = new LongPointer(8);
        private DoublePointer doubles = new DoublePointer(8);
        private BooleanPointer booleans = new BooleanPointer(8);
        private IntPointer ints = new IntPointer(8);

        private ReusableContext(ArrayDeque<ReusableContext> home) {
            this.home = home;
        }

        @Override
        public void setIArguments(long... arguments) {
            fastpath_i.clear();
            for (long v : arguments) {
                fastpath_i.add(v);
            }
            if (longs.capacity() < arguments.length) {
                longs = new LongPointer(arguments.length);
            }
            longs.put(arguments, 0, arguments.length);
            ops.setGraphContextIArguments(handle, longs, arguments.length);
        }

        @Override
        public void setTArguments(double... arguments) {
            fastpath_t.clear();
            for (double v : arguments) {
                fastpath_t.add(v);
            }
            if (doubles.capacity() < arguments.length) {
                doubles = new DoublePointer(arguments.length);
            }
            doubles.put(arguments, 0, arguments.length);
            ops.setGraphContextTArguments(handle, doubles, arguments.length);
        }

        @Override
        public void setBArguments(boolean... arguments) {
            fastpath_b.clear();
            for (boolean v : arguments) {
                fastpath_b.add(v);
            }
            if (booleans.capacity() < arguments.length) {
                booleans = new BooleanPointer(arguments.length);
            }
            for (int i = 0; i < arguments.length; i++) {
                booleans.put(i, arguments[i]);
            }
            ops.setGraphContextBArguments(handle, booleans, arguments.length);
        }

        @Override
        public void setDArguments(DataType... arguments) {
            fastpath_d.clear();
            for (DataType v : arguments) {
                fastpath_d.add(v);
            }
            if (ints.capacity() < arguments.length) {
                ints = new IntPointer(arguments.length);
            }
            for (int i = 0; i < arguments.length; i++) {
                ints.put(i, arguments[i].toInt());
            }
            ops.setGraphContextDArguments(handle, ints, arguments.length);
        }

        @Override
        public void close() {
            if (!inUse || Thread.currentThread() != owner) {
                return; // closed twice, or on another thread: left to the collector like any context
            }
            inUse = false;
            // Everything an op run sets, back to a new context's state.
            purge(); // inputs and outputs, Java and native
            setIArguments();
            setTArguments();
            setBArguments();
            setDArguments();
            shapeFunctionOverride(false);
            markInplace(false);
            allowHelpers(true);
            if (getExecutionMode() != org.nd4j.linalg.api.ops.ExecutionMode.UNDEFINED) {
                setExecutionMode(org.nd4j.linalg.api.ops.ExecutionMode.UNDEFINED);
            }
            if (home.size() < MAX_IDLE) {
                home.push(this);
            }
        }
    }
}
