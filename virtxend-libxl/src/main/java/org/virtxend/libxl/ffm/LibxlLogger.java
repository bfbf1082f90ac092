package org.virtxend.libxl.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A xentoollog logger whose vtable is made of upcalls into System.Logger.
 * libxl formats with printf and a va_list; on x86_64 a va_list parameter is a
 * pointer, which goes straight on to libc's vsnprintf. The last error-level
 * message of each thread is kept, because libxl explains a failed call in its
 * log rather than in its return code.
 */
final class LibxlLogger {
    private static final System.Logger LOG = System.getLogger("org.virtxend.libxl.native");
    private static final int XTL_WARN = 7;
    private static final int XTL_ERROR = 8;
    private static final int XTL_INFO = 5;
    private static final int XTL_DETAIL = 3;
    private static final int BUFFER = 2048;
    private static final MethodHandle VSNPRINTF = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("vsnprintf").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));
    private static final ThreadLocal<String> LAST_ERROR = new ThreadLocal<>();

    private final MemorySegment vtable;

    LibxlLogger(NativeMemory memory) {
        vtable = memory.forContext(LibxlLayouts.LOGGER);
        try {
            var lookup = MethodHandles.lookup();
            MethodHandle vmessage = lookup.findStatic(LibxlLogger.class, "vmessage", MethodType.methodType(void.class,
                    MemorySegment.class, int.class, int.class, MemorySegment.class, MemorySegment.class, MemorySegment.class));
            MethodHandle progress = lookup.findStatic(LibxlLogger.class, "progress", MethodType.methodType(void.class,
                    MemorySegment.class, MemorySegment.class, MemorySegment.class, int.class, long.class, long.class));
            MethodHandle destroy = lookup.findStatic(LibxlLogger.class, "destroy",
                    MethodType.methodType(void.class, MemorySegment.class));
            vtable.set(ADDRESS, 0, memory.upcall(vmessage,
                    FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS)));
            vtable.set(ADDRESS, 8, memory.upcall(progress,
                    FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG)));
            vtable.set(ADDRESS, 16, memory.upcall(destroy, FunctionDescriptor.ofVoid(ADDRESS)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    MemorySegment address() {
        return vtable;
    }

    /** The last error libxl logged on this thread, cleared by reading. */
    static String takeLastError() {
        String e = LAST_ERROR.get();
        LAST_ERROR.remove();
        return e;
    }

    static void clearLastError() {
        LAST_ERROR.remove();
    }

    private static void vmessage(MemorySegment logger, int level, int errnoval, MemorySegment context,
                                 MemorySegment format, MemorySegment vaList) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(BUFFER);
            int n = (int) VSNPRINTF.invokeExact(buf, (long) BUFFER, format, vaList);
            String text = n < 0 ? NativeMemory.string(format) : buf.getString(0);
            if (errnoval > 0) {
                text = text + " (errno " + errnoval + ")";
            }
            String ctx = NativeMemory.string(context);
            if (level >= XTL_ERROR) {
                LAST_ERROR.set(text);
            }
            LOG.log(level(level), "libxl{0}: {1}", ctx == null ? "" : "[" + ctx + "]", text);
        } catch (Throwable t) {
            // an exception escaping an upcall would end the JVM
            LOG.log(Level.ERROR, "cannot format a libxl log message", t);
        }
    }

    private static void progress(MemorySegment logger, MemorySegment context, MemorySegment doingWhat, int percent,
                                 long done, long total) {
        try {
            LOG.log(Level.DEBUG, "libxl: {0} {1}%", NativeMemory.string(doingWhat), percent);
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "cannot log libxl progress", t);
        }
    }

    private static void destroy(MemorySegment logger) {
        // the vtable belongs to NativeMemory and goes with the context
    }

    private static Level level(int xtl) {
        if (xtl >= XTL_ERROR) {
            return Level.ERROR;
        }
        if (xtl >= XTL_WARN) {
            return Level.WARNING;
        }
        if (xtl >= XTL_INFO) {
            return Level.INFO;
        }
        return xtl >= XTL_DETAIL ? Level.DEBUG : Level.TRACE;
    }
}
