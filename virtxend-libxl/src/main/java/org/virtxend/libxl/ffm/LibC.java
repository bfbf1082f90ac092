package org.virtxend.libxl.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** The few libc calls the event loop needs: libxl hands over raw fds, which java.nio cannot poll. */
public final class LibC {
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;
    public static final short POLLIN = 0x1;
    public static final int EINTR = 4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle PIPE2 = handle("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle POLL = handle("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle READ = handle("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = handle("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private LibC() {
    }

    private static MethodHandle handle(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), d);
    }

    public static int pipe2(MemorySegment fds, int flags) {
        try {
            return (int) PIPE2.invokeExact(fds, flags);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** poll(2); -1 on failure (EINTR included). */
    public static int poll(MemorySegment fds, long nfds, int timeoutMs) {
        try {
            return (int) POLL.invokeExact(fds, nfds, timeoutMs);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static long read(int fd, MemorySegment buf, long n) {
        try {
            return (long) READ.invokeExact(fd, buf, n);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static long write(int fd, MemorySegment buf, long n) {
        try {
            return (long) WRITE.invokeExact(fd, buf, n);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
