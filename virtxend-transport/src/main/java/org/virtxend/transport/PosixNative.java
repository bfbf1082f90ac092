package org.virtxend.transport;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The three libc calls Netty does not offer for a socket fd: {@code fchmod} (so a
 * socket file is born with a mode no wider than configured, see
 * {@link SocketFiles}) and {@code fcntl} flags (systemd may hand us blocking fds).
 * Through FFM, so no extra native library is needed; if native access is denied
 * every call reports {@link #available()} false and callers fall back.
 */
@SuppressWarnings("restricted")
final class PosixNative {
    private static final System.Logger LOG = System.getLogger(PosixNative.class.getName());

    static final int F_GETFD = 1;
    static final int F_SETFD = 2;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int FD_CLOEXEC = 1;
    /** Linux generic value (x86-64, aarch64). */
    static final int O_NONBLOCK = 04000;

    private static final StructLayout STATE;
    private static final VarHandle ERRNO;
    private static final MethodHandle FCHMOD;
    private static final MethodHandle FCNTL0;
    private static final MethodHandle FCNTL1;

    static {
        StructLayout state = null;
        VarHandle errno = null;
        MethodHandle fchmod = null;
        MethodHandle fcntl0 = null;
        MethodHandle fcntl1 = null;
        try {
            Linker linker = Linker.nativeLinker();
            Linker.Option ccs = Linker.Option.captureCallState("errno");
            state = Linker.Option.captureStateLayout();
            errno = state.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
            var lookup = linker.defaultLookup();
            fchmod = linker.downcallHandle(lookup.find("fchmod").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), ccs);
            MemorySegment fcntl = lookup.find("fcntl").orElseThrow();
            fcntl0 = linker.downcallHandle(fcntl,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                    ccs, Linker.Option.firstVariadicArg(2));
            fcntl1 = linker.downcallHandle(fcntl,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                    ccs, Linker.Option.firstVariadicArg(2));
        } catch (Throwable t) { // IllegalCallerException when native access is denied, or no libc symbol
            LOG.log(Level.DEBUG, "native helpers unavailable: " + t);
            fchmod = null;
        }
        STATE = state;
        ERRNO = errno;
        FCHMOD = fchmod;
        FCNTL0 = fcntl0;
        FCNTL1 = fcntl1;
    }

    private PosixNative() {
    }

    static boolean available() {
        return FCHMOD != null;
    }

    static void fchmod(int fd, int mode) throws IOException {
        require();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = arena.allocate(STATE);
            int rc = (int) FCHMOD.invokeExact(st, fd, mode);
            check(rc, st, "fchmod");
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    static int fcntl(int fd, int cmd) throws IOException {
        require();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = arena.allocate(STATE);
            int rc = (int) FCNTL0.invokeExact(st, fd, cmd);
            check(rc, st, "fcntl");
            return rc;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    static void fcntl(int fd, int cmd, int arg) throws IOException {
        require();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = arena.allocate(STATE);
            int rc = (int) FCNTL1.invokeExact(st, fd, cmd, arg);
            check(rc, st, "fcntl");
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** Makes an inherited fd safe for an epoll loop (non-blocking) and keeps it out of children (close-on-exec). */
    static void makeNonBlockingCloexec(int fd) throws IOException {
        int fl = fcntl(fd, F_GETFL);
        if ((fl & O_NONBLOCK) == 0) {
            fcntl(fd, F_SETFL, fl | O_NONBLOCK);
        }
        int fdfl = fcntl(fd, F_GETFD);
        if ((fdfl & FD_CLOEXEC) == 0) {
            fcntl(fd, F_SETFD, fdfl | FD_CLOEXEC);
        }
    }

    private static void require() throws IOException {
        if (!available()) {
            throw new IOException("native access unavailable (run with --enable-native-access=ALL-UNNAMED)");
        }
    }

    private static void check(int rc, MemorySegment st, String call) throws IOException {
        if (rc < 0) {
            int errno = (int) ERRNO.get(st, 0L);
            throw new IOException(call + " failed: errno " + errno);
        }
    }
}
