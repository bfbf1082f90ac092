package org.virtxend.libxl.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * The one owner of native memory in the libxl binding. Two lifetimes exist:
 * <ul>
 *   <li>the context's: hook tables, upcall stubs and the logger vtable, which libxl keeps
 *       pointers to until {@code libxl_ctx_free}; a shared arena, because upcalls arrive on
 *       whichever thread is inside libxl, closed only after the context is freed;</li>
 *   <li>one call's: arguments and out-parameters, in a confined arena closed when the call returns.</li>
 * </ul>
 * Memory libxl owns (returned strings and lists) is never put in an arena: it is read, then
 * handed back to libxl's own free functions.
 */
public final class NativeMemory implements AutoCloseable {
    private final Arena contextLifetime = Arena.ofShared();

    /** Zeroed memory that lives as long as the libxl context. */
    public MemorySegment forContext(MemoryLayout layout) {
        return contextLifetime.allocate(layout);
    }

    /** An upcall stub that lives as long as the libxl context. */
    public MemorySegment upcall(MethodHandle target, FunctionDescriptor descriptor) {
        return Linker.nativeLinker().upcallStub(target, descriptor, contextLifetime);
    }

    /** Memory for one libxl call, freed when the returned arena closes. */
    public static Arena forCall() {
        return Arena.ofConfined();
    }

    /** A NUL-terminated C string (UTF-8) at {@code address}, or null for NULL. */
    public static String string(MemorySegment address) {
        if (address.equals(MemorySegment.NULL)) {
            return null;
        }
        return address.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
    }

    /** Frees what the context kept; call only after {@code libxl_ctx_free}. */
    @Override
    public void close() {
        contextLifetime.close();
    }
}
