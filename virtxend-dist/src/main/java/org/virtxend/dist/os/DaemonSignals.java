package org.virtxend.dist.os;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import sun.misc.Signal;

/**
 * SIGTERM, SIGINT and SIGQUIT stop the daemon, SIGHUP reloads it, as with libvirt.
 *
 * <p>SIGQUIT is the catch: HotSpot keeps it for thread dumps and will not let Java handle it.
 * So the launcher starts the JVM with {@code -Xrs} (the JVM leaves the four signals alone)
 * and with the four blocked ({@code env --block-signal}); every thread inherits that mask,
 * and one thread reads them from a {@code signalfd}. Started any other way (mask not set),
 * we fall back to the JDK's handlers for SIGTERM, SIGINT and SIGHUP and say SIGQUIT is lost.
 */
public final class DaemonSignals {
    private static final System.Logger LOG = System.getLogger(DaemonSignals.class.getName());
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGTERM = 15;
    /** The launcher's {@code env --block-signal} list. */
    public static final String BLOCK_LIST = "HUP,INT,QUIT,TERM";

    /** What the daemon does on each signal; called on the signal thread, one at a time. */
    public interface Listener {
        void stop(String signal);

        void reload();
    }

    /** Set when the daemon is about to exit: the signal thread then ends instead of dispatching. */
    private static volatile boolean closing;
    private static volatile boolean readingSignalFd;

    private DaemonSignals() {
    }

    /**
     * Ends the signal thread before the JVM exits: HotSpot waits up to 300 ms at exit for
     * threads blocked in native code, and ours sits in read(). A SIGHUP to ourselves wakes it.
     */
    public static void close() {
        closing = true;
        if (readingSignalFd) {
            Libc.kill(ProcessHandle.current().pid(), SIGHUP);
        }
    }

    /** True when the launcher blocked our four signals (then they must be read from a signalfd). */
    public static boolean blockedByLauncher() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (line.startsWith("SigBlk:")) {
                    long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return List.of(SIGHUP, SIGINT, SIGQUIT, SIGTERM).stream().allMatch(s -> (mask & (1L << (s - 1))) != 0);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot read the signal mask: " + e);
        }
        return false;
    }

    /** Starts delivering signals to {@code listener}; returns at once. */
    public static void start(Listener listener) {
        if (blockedByLauncher() && Libc.available()) {
            int fd = Libc.signalfd(SIGHUP, SIGINT, SIGQUIT, SIGTERM);
            if (fd >= 0) {
                readingSignalFd = true;
                Thread.ofPlatform().daemon().name("signals").start(() -> readLoop(fd, listener));
                return;
            }
            LOG.log(Level.ERROR, "signalfd failed (" + Libc.strerror(-fd) + "); signals stay blocked and are ignored");
            return;
        }
        try {
            for (String name : List.of("TERM", "INT")) {
                Signal.handle(new Signal(name), s -> listener.stop("SIG" + s.getName()));
            }
            Signal.handle(new Signal("HUP"), s -> listener.reload());
            LOG.log(Level.WARNING, "started without the launcher's signal set-up: SIGQUIT gives a thread dump, not a clean stop");
        } catch (IllegalArgumentException e) { // -Xrs without the blocked mask: neither way works
            LOG.log(Level.ERROR, "cannot handle signals (" + e.getMessage() + "); start virtxend through its launcher");
        }
    }

    private static void readLoop(int fd, Listener listener) {
        long self = ProcessHandle.current().pid();
        while (true) {
            int[] got = Libc.readSignal(fd);
            int signo = got[0];
            if (signo == -4) { // EINTR
                continue;
            }
            if (signo < 0) {
                LOG.log(Level.ERROR, "reading signals failed: " + Libc.strerror(-signo));
                return;
            }
            if (closing) {
                readingSignalFd = false;
                return;
            }
            try {
                switch (signo) {
                    case SIGHUP -> listener.reload();
                    case SIGQUIT -> {
                        if (attachRequested(self)) {
                            // an old jcmd that does not see the attach socket (which -Xrs opens at start) asks with SIGQUIT
                            LOG.log(Level.WARNING, "ignoring SIGQUIT from a JVM attach request (jcmd, jstack)");
                        } else {
                            listener.stop("SIGQUIT");
                        }
                    }
                    case SIGINT -> listener.stop("SIGINT");
                    case SIGTERM -> listener.stop("SIGTERM");
                    default -> LOG.log(Level.DEBUG, "ignoring signal " + signo);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "handling signal " + signo + " failed", e);
            }
        }
    }

    private static boolean attachRequested(long pid) {
        String file = ".attach_pid" + pid;
        return Files.exists(Path.of("/proc/self/cwd", file)) || Files.exists(Path.of("/tmp", file));
    }
}
