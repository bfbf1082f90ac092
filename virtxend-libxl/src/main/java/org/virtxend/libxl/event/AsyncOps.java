package org.virtxend.libxl.event;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.virtxend.libxl.ffm.LibxlLayouts;
import org.virtxend.libxl.ffm.NativeMemory;

/**
 * libxl_asyncop_how with a callback: a long libxl operation returns at once,
 * and its result arrives later through the callback on the event loop's thread,
 * where it completes a future. The future is completed on {@code completions},
 * so that nothing the caller chains runs inside libxl.
 */
public final class AsyncOps {
    private static final System.Logger LOG = System.getLogger(AsyncOps.class.getName());

    private final Map<Long, CompletableFuture<Integer>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final MemorySegment callback;
    private final Executor completions;

    public AsyncOps(NativeMemory memory, Executor completions) {
        this.completions = completions;
        try {
            var handle = MethodHandles.lookup().findVirtual(AsyncOps.class, "completed",
                    MethodType.methodType(void.class, MemorySegment.class, int.class, MemorySegment.class)).bindTo(this);
            callback = memory.upcall(handle, FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One operation: the how struct to pass to libxl, and the future of its rc. */
    public record Op(long id, MemorySegment how, CompletableFuture<Integer> result) {
    }

    /** A how struct in {@code arena} (libxl copies it; it need not outlive the call). */
    public Op begin(Arena arena) {
        long id = ids.incrementAndGet();
        var result = new CompletableFuture<Integer>();
        pending.put(id, result);
        MemorySegment how = arena.allocate(LibxlLayouts.ASYNCOP_HOW);
        how.set(ADDRESS, 0, callback);
        how.set(JAVA_LONG, 8, id);
        return new Op(id, how, result);
    }

    /** The call itself failed (non-zero rc): no callback will come. */
    public void abandon(Op op) {
        pending.remove(op.id());
    }

    public int inFlight() {
        return pending.size();
    }

    private void completed(MemorySegment ctx, int rc, MemorySegment forCallback) {
        try {
            var f = pending.remove(forCallback.address());
            if (f == null) {
                LOG.log(Level.WARNING, "libxl completed an unknown operation {0}", forCallback.address());
                return;
            }
            completions.execute(() -> f.complete(rc));
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "completing a libxl operation failed", t);
        }
    }
}
