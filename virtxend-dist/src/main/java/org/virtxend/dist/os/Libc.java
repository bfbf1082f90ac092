package org.virtxend.dist.os;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc calls the daemon needs and Java lacks: the effective uid, {@code dup2} (a
 * detached daemon points its stdout at the log), UNIX datagram sockets (sd_notify,
 * syslog, journald) and {@code signalfd} (SIGQUIT, which the JVM keeps for itself).
 * Through FFM, so no native library of our own; the launcher grants native access.
 * Every call returns -errno on failure instead of throwing, as the callers decide.
 */
@SuppressWarnings("restricted")
public final class Libc {
    public static final int AF_UNIX = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_CLOEXEC = 02000000;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final int SFD_CLOEXEC = 02000000;
    /** sizeof(struct sockaddr_un) on Linux: a 2-byte family and 108 bytes of path. */
    static final int SOCKADDR_UN_SIZE = 110;

    private static final Handles H = Handles.load();

    private Libc() {
    }

    /** Whether native access was granted (the launcher passes --enable-native-access). */
    public static boolean available() {
        return H != null;
    }

    public static int geteuid() {
        require();
        try {
            return (int) H.geteuid.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** @return 0 or -errno */
    public static int dup2(int oldFd, int newFd) {
        require();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(H.state);
            int rc = (int) H.dup2.invokeExact(st, oldFd, newFd);
            return rc < 0 ? -errno(st) : 0;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A close-on-exec UNIX datagram socket, or -errno. */
    public static int datagramSocket() {
        require();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(H.state);
            int fd = (int) H.socket.invokeExact(st, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            return fd < 0 ? -errno(st) : fd;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Sends one datagram to a UNIX socket path without blocking and without SIGPIPE. A path
     * starting with '@' names the abstract namespace (as in $NOTIFY_SOCKET).
     *
     * @return bytes sent, or -errno
     */
    public static long sendTo(int fd, byte[] data, String path) {
        require();
        byte[] name = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        boolean abstractName = name.length > 0 && name[0] == '@';
        if (name.length > SOCKADDR_UN_SIZE - 3) {
            return -36; // ENAMETOOLONG
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(H.state);
            MemorySegment addr = a.allocate(SOCKADDR_UN_SIZE);
            addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(name, 0, addr, ValueLayout.JAVA_BYTE, 2, name.length);
            if (abstractName) {
                addr.set(ValueLayout.JAVA_BYTE, 2, (byte) 0);
            }
            // an abstract name is exactly its bytes; a path name carries its NUL
            int len = 2 + name.length + (abstractName ? 0 : 1);
            MemorySegment buf = a.allocate(Math.max(1, data.length));
            MemorySegment.copy(data, 0, buf, ValueLayout.JAVA_BYTE, 0, data.length);
            long n = (long) H.sendto.invokeExact(st, fd, buf, (long) data.length, MSG_DONTWAIT | MSG_NOSIGNAL, addr, len);
            return n < 0 ? -errno(st) : n;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static void close(int fd) {
        require();
        try {
            int ignored = (int) H.close.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A signalfd for these signals (which must be blocked in every thread to arrive there), or -errno. */
    public static int signalfd(int... signals) {
        require();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(H.state);
            MemorySegment set = a.allocate(128); // sigset_t
            int rc = (int) H.sigemptyset.invokeExact(set);
            for (int s : signals) {
                rc |= (int) H.sigaddset.invokeExact(set, s);
            }
            if (rc != 0) {
                return -22; // EINVAL
            }
            int fd = (int) H.signalfd.invokeExact(st, -1, set, SFD_CLOEXEC);
            return fd < 0 ? -errno(st) : fd;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Blocks until a signal arrives on a signalfd.
     *
     * @return {signal number, sending pid}, or {-errno, 0}
     */
    public static int[] readSignal(int signalFd) {
        require();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(H.state);
            MemorySegment info = a.allocate(128); // struct signalfd_siginfo
            long n = (long) H.read.invokeExact(st, signalFd, info, 128L);
            if (n < 0) {
                return new int[] {-errno(st), 0};
            }
            return new int[] {info.get(ValueLayout.JAVA_INT, 0), info.get(ValueLayout.JAVA_INT, 12)};
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Sends a signal to a process; 0 or -errno. */
    public static int kill(long pid, int signal) {
        require();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(H.state);
            int rc = (int) H.kill.invokeExact(st, (int) pid, signal);
            return rc < 0 ? -errno(st) : 0;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** errno's text for messages ("No such file or directory"). */
    public static String strerror(int errno) {
        require();
        try {
            MemorySegment p = (MemorySegment) H.strerror.invokeExact(errno);
            return p.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private static int errno(MemorySegment state) {
        return (int) H.errno.get(state, 0L);
    }

    private static void require() {
        if (H == null) {
            throw new IllegalStateException(
                    "native access is not enabled (run through the virtxend launcher, or add --enable-native-access=ALL-UNNAMED)");
        }
    }

    private record Handles(StructLayout state, VarHandle errno, MethodHandle geteuid, MethodHandle dup2,
                           MethodHandle socket, MethodHandle sendto, MethodHandle close, MethodHandle sigemptyset,
                           MethodHandle sigaddset, MethodHandle signalfd, MethodHandle read, MethodHandle strerror,
                           MethodHandle kill) {
        static Handles load() {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                Linker.Option errno = Linker.Option.captureCallState("errno");
                StructLayout state = Linker.Option.captureStateLayout();
                VarHandle errnoHandle = state.varHandle(MemoryLayout.PathElement.groupElement("errno"));
                ValueLayout i = ValueLayout.JAVA_INT;
                ValueLayout l = ValueLayout.JAVA_LONG;
                ValueLayout p = ValueLayout.ADDRESS;
                return new Handles(state, errnoHandle,
                        linker.downcallHandle(libc.find("geteuid").orElseThrow(), FunctionDescriptor.of(i)),
                        linker.downcallHandle(libc.find("dup2").orElseThrow(), FunctionDescriptor.of(i, i, i), errno),
                        linker.downcallHandle(libc.find("socket").orElseThrow(), FunctionDescriptor.of(i, i, i, i), errno),
                        linker.downcallHandle(libc.find("sendto").orElseThrow(), FunctionDescriptor.of(l, i, p, l, i, p, i), errno),
                        linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(i, i)),
                        linker.downcallHandle(libc.find("sigemptyset").orElseThrow(), FunctionDescriptor.of(i, p)),
                        linker.downcallHandle(libc.find("sigaddset").orElseThrow(), FunctionDescriptor.of(i, p, i)),
                        linker.downcallHandle(libc.find("signalfd").orElseThrow(), FunctionDescriptor.of(i, i, p, i), errno),
                        linker.downcallHandle(libc.find("read").orElseThrow(), FunctionDescriptor.of(l, i, p, l), errno),
                        linker.downcallHandle(libc.find("strerror").orElseThrow(), FunctionDescriptor.of(p, i)),
                        linker.downcallHandle(libc.find("kill").orElseThrow(), FunctionDescriptor.of(i, i, i), errno));
            } catch (Throwable t) { // IllegalCallerException without native access
                return null;
            }
        }
    }

    /** For callers that want an exception: "what: strerror". */
    public static IOException error(String what, int negativeErrno) {
        return new IOException(what + ": " + strerror(-negativeErrno));
    }
}
