package dev.layerlab.training.nd4j;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.LongAdder;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.common.config.ND4JSystemProperties;
import org.nd4j.linalg.api.memory.Deallocatable;
import org.nd4j.linalg.api.memory.Deallocator;
import org.nd4j.linalg.api.memory.deallocation.DeallocatorService;
import org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer;
import org.nd4j.linalg.cpu.nativecpu.ops.CpuOpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueContext;
import org.nd4j.nativeblas.OpaqueDataBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ND4J's deallocator service with less Java around each native object it frees.
 *
 * <p>Every array buffer and op context ND4J creates (about 65 per training step of a small dense network, in
 * workspaces or not) is registered here so that its native side is freed once the JVM collects it. ND4J's own
 * service builds two new id strings per object and keeps the reference in a {@code ConcurrentHashMap} keyed by
 * them: eight objects per registration (reference, two strings and their bytes, map node, deallocator and its
 * pointer), all still alive at the next young collection, because nothing can be freed before a collection
 * finds the buffer unreachable. The collector copies them all, which made frequent long young pauses in a plain DL4J loop
 * (decision record 0006 has the figures). This service keeps just the reference
 * with the native address (one object), in a linked list striped by thread so that parallel trials do not
 * share a lock, and frees on one thread. What is freed, how, and when, is unchanged.
 */
final class LeanDeallocatorService extends DeallocatorService {
    private static final Logger LOG = LoggerFactory.getLogger(LeanDeallocatorService.class);
    private static final int STRIPES = 16; // a power of two: the stripe is the thread id's low bits

    private final ReferenceQueue<Deallocatable> queue = new ReferenceQueue<>();
    private final Tracked[] heads = new Tracked[STRIPES];
    private final LongAdder registered = new LongAdder();
    private final LongAdder freed = new LongAdder();

    /**
     * A registration: cleared by the collector when its object becomes unreachable, then freed and unlinked.
     * Array buffers and op contexts (nearly all registrations) keep only their native address, freed as ND4J's
     * {@code CpuDeallocator} and {@code CpuOpContextDeallocator} free them, so the registration is the only
     * object the collector copies; anything else keeps ND4J's deallocator object.
     */
    private static final class Tracked extends WeakReference<Deallocatable> {
        private static final byte DATA_BUFFER = 1;
        private static final byte OP_CONTEXT = 2;
        private static final byte OTHER = 3;

        private final long address;
        private final byte kind;
        private final Deallocator other;
        private final int stripe;
        private Tracked previous;
        private Tracked next;

        private Tracked(Deallocatable referent, ReferenceQueue<Deallocatable> queue, int stripe) {
            super(referent, queue);
            this.stripe = stripe;
            if (referent instanceof BaseCpuDataBuffer buffer) {
                address = buffer.getOpaqueDataBuffer().address();
                kind = DATA_BUFFER;
                other = null;
            } else if (referent instanceof CpuOpContext context) {
                address = context.contextPointer().address();
                kind = OP_CONTEXT;
                other = null;
            } else {
                address = 0;
                kind = OTHER;
                other = referent == null ? null : referent.deallocator();
            }
        }

        private void free(NativeOps ops) {
            switch (kind) {
                case DATA_BUFFER -> ops.deleteDataBuffer(new OpaqueDataBuffer(new Address(address)));
                case OP_CONTEXT -> ops.deleteGraphContext(new OpaqueContext(new Address(address)));
                default -> other.deallocate();
            }
        }
    }

    /** A bare native address, to rebuild the typed pointer ND4J's free functions take. */
    private static final class Address extends Pointer {
        private Address(long address) {
            this.address = address;
        }
    }

    private LeanDeallocatorService() {
        for (int i = 0; i < STRIPES; i++) {
            heads[i] = new Tracked(null, null, i);
        }
        Thread thread = new Thread(this::freeCollected, "LayerLab native deallocator");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Builds the service. The superclass constructor starts ND4J's two deallocator threads unless array GC is
     * switched off, so it is switched off for exactly that call (this service registers and frees itself).
     */
    static LeanDeallocatorService create() {
        synchronized (LeanDeallocatorService.class) {
            String key = ND4JSystemProperties.NO_ARRAY_GC;
            String before = System.getProperty(key);
            System.setProperty(key, "true");
            try {
                return new LeanDeallocatorService();
            } finally {
                if (before == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, before);
                }
            }
        }
    }

    @Override
    public void pickObject(Deallocatable deallocatable) {
        int stripe = (int) (Thread.currentThread().getId() & (STRIPES - 1));
        Tracked tracked = new Tracked(deallocatable, queue, stripe);
        Tracked head = heads[stripe];
        synchronized (head) {
            tracked.previous = head;
            tracked.next = head.next;
            if (head.next != null) {
                head.next.previous = tracked;
            }
            head.next = tracked;
        }
        registered.increment();
    }

    private void freeCollected() {
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        while (true) {
            Tracked tracked;
            try {
                tracked = (Tracked) queue.remove();
            } catch (InterruptedException e) {
                return;
            }
            try {
                tracked.free(ops);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Could not free a native ND4J object: {}", e.toString());
            }
            Tracked head = heads[tracked.stripe];
            synchronized (head) {
                tracked.previous.next = tracked.next;
                if (tracked.next != null) {
                    tracked.next.previous = tracked.previous;
                }
                tracked.previous = null;
                tracked.next = null;
            }
            freed.increment();
        }
    }

    /** Objects registered so far. */
    long registered() {
        return registered.sum();
    }

    /** Objects whose native side has been freed so far. */
    long freed() {
        return freed.sum();
    }

    /**
     * Makes this ND4J's deallocator service; false when that is not possible. Objects registered with the
     * service it replaces stay with it and are freed by its threads as before.
     */
    static boolean install() {
        return Nd4jInternals.replace(Nd4j.class, "deallocatorService", null, DeallocatorService.class,
                LeanDeallocatorService.class, current -> create());
    }

    /** The installed service, or null when ND4J's own is in use. */
    static LeanDeallocatorService installed() {
        return Nd4j.getDeallocatorService() instanceof LeanDeallocatorService lean ? lean : null;
    }
}
