package org.virtxend.libxl.event;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.virtxend.libxl.ffm.LibC;
import org.virtxend.libxl.ffm.LibxlLayouts;
import org.virtxend.libxl.ffm.NativeMemory;

/**
 * libxl's application-owned event loop: the osevent hooks only record what
 * libxl wants watched and wake our poll thread; that thread alone polls the
 * fds (poll(2) through FFM, as they are raw fds) and fires due timeouts, and is
 * the only caller of {@code libxl_osevent_occurred_*}. No Netty or worker
 * thread ever waits here.
 *
 * <p>Rules from libxl_event.h that shape this class: hooks run with libxl's lock
 * held, on any thread, so they never call libxl and never block; registrations
 * are keyed by our own id (one fd may be registered several times); a timeout
 * moved to {0,0} means "fire now", and every registered timeout must fire
 * eventually; firing one deregisters it.
 */
public final class OsEventLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OsEventLoop.class.getName());
    private static final int REG_FAIL = -12; // ERROR_OSEVENT_REG_FAIL

    /** What the loop reports to: libxl_osevent_occurred_fd / _timeout for this context. */
    public interface Occurrences {
        void fd(MemorySegment forLibxl, int fd, short events, short revents);

        void timeout(MemorySegment forLibxl);
    }

    private record FdWatch(int fd, short events, MemorySegment forLibxl) {
    }

    private record Timeout(long deadlineMs, MemorySegment forLibxl) {
    }

    private final Map<Long, FdWatch> fds = new ConcurrentHashMap<>();
    private final Map<Long, Timeout> timeouts = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final MemorySegment hooks;
    private final MemorySegment wakeByte;
    private final int wakeRead;
    private final int wakeWrite;
    private final AtomicLong timeoutsFired = new AtomicLong();
    private volatile Occurrences occurrences;
    private volatile boolean stopping;
    private Thread thread;

    public OsEventLoop(NativeMemory memory) {
        MemorySegment pipe = memory.forContext(java.lang.foreign.MemoryLayout.sequenceLayout(2, JAVA_INT));
        if (LibC.pipe2(pipe, LibC.O_NONBLOCK | LibC.O_CLOEXEC) != 0) {
            throw new IllegalStateException("cannot create the libxl event loop's wake pipe");
        }
        wakeRead = pipe.getAtIndex(JAVA_INT, 0);
        wakeWrite = pipe.getAtIndex(JAVA_INT, 1);
        wakeByte = memory.forContext(JAVA_LONG);
        hooks = memory.forContext(LibxlLayouts.OSEVENT_HOOKS);
        try {
            var lookup = MethodHandles.lookup();
            hooks.set(ADDRESS, 0, memory.upcall(bind(lookup, "fdRegister", int.class, MemorySegment.class, int.class,
                    MemorySegment.class, short.class, MemorySegment.class),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_SHORT, ADDRESS)));
            hooks.set(ADDRESS, 8, memory.upcall(bind(lookup, "fdModify", int.class, MemorySegment.class, int.class,
                    MemorySegment.class, short.class),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_SHORT)));
            hooks.set(ADDRESS, 16, memory.upcall(bind(lookup, "fdDeregister", void.class, MemorySegment.class, int.class,
                    MemorySegment.class),
                    FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS)));
            hooks.set(ADDRESS, 24, memory.upcall(bind(lookup, "timeoutRegister", int.class, MemorySegment.class,
                    MemorySegment.class, MemorySegment.class, MemorySegment.class),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, LibxlLayouts.TIMEVAL, ADDRESS)));
            hooks.set(ADDRESS, 32, memory.upcall(bind(lookup, "timeoutModify", int.class, MemorySegment.class,
                    MemorySegment.class, MemorySegment.class),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, LibxlLayouts.TIMEVAL)));
            hooks.set(ADDRESS, 40, memory.upcall(bind(lookup, "timeoutDeregister", void.class, MemorySegment.class,
                    MemorySegment.class),
                    FunctionDescriptor.ofVoid(ADDRESS, ADDRESS)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private MethodHandle bind(MethodHandles.Lookup lookup, String name, Class<?> ret, Class<?>... args)
            throws ReflectiveOperationException {
        return lookup.findVirtual(OsEventLoop.class, name, MethodType.methodType(ret, args)).bindTo(this);
    }

    /** The libxl_osevent_hooks table; it lives as long as the context's memory. */
    public MemorySegment hooks() {
        return hooks;
    }

    /** Starts the poll thread, which reports to {@code target}. */
    public synchronized void start(Occurrences target) {
        this.occurrences = target;
        thread = new Thread(this::run, "libxl-events");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops polling (before libxl_ctx_free: nothing may call occurred_* during or after it). */
    public void stop() {
        Thread t;
        synchronized (this) {
            t = thread;
            thread = null;
        }
        stopping = true;
        wake();
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closes the wake pipe; after libxl_ctx_free, whose deregistrations still wake us. */
    @Override
    public void close() {
        stop();
        LibC.close(wakeRead);
        LibC.close(wakeWrite);
    }

    public int fdRegistrations() {
        return fds.size();
    }

    public int timeoutRegistrations() {
        return timeouts.size();
    }

    public long timeoutsFired() {
        return timeoutsFired.get();
    }

    // ---- hooks: record and wake, nothing else ------------------------------------------------

    private int fdRegister(MemorySegment user, int fd, MemorySegment regOut, short events, MemorySegment forLibxl) {
        try {
            long id = ids.incrementAndGet();
            fds.put(id, new FdWatch(fd, events, forLibxl));
            regOut.reinterpret(ADDRESS.byteSize()).set(JAVA_LONG, 0, id);
            wake();
            return 0;
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "libxl fd_register hook failed", t);
            return REG_FAIL;
        }
    }

    private int fdModify(MemorySegment user, int fd, MemorySegment regUpdate, short events) {
        try {
            long id = regUpdate.reinterpret(ADDRESS.byteSize()).get(JAVA_LONG, 0);
            FdWatch now = fds.computeIfPresent(id, (k, w) -> new FdWatch(w.fd(), events, w.forLibxl()));
            if (now == null) {
                return REG_FAIL;
            }
            wake();
            return 0;
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "libxl fd_modify hook failed", t);
            return REG_FAIL;
        }
    }

    private void fdDeregister(MemorySegment user, int fd, MemorySegment reg) {
        try {
            fds.remove(reg.address());
            wake();
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "libxl fd_deregister hook failed", t);
        }
    }

    private int timeoutRegister(MemorySegment user, MemorySegment regOut, MemorySegment abs, MemorySegment forLibxl) {
        try {
            long id = ids.incrementAndGet();
            timeouts.put(id, new Timeout(deadline(abs), forLibxl));
            regOut.reinterpret(ADDRESS.byteSize()).set(JAVA_LONG, 0, id);
            wake();
            return 0;
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "libxl timeout_register hook failed", t);
            return REG_FAIL;
        }
    }

    /** libxl only ever moves a timeout to {0,0}: fire it as soon as possible. */
    private int timeoutModify(MemorySegment user, MemorySegment regUpdate, MemorySegment abs) {
        try {
            long id = regUpdate.reinterpret(ADDRESS.byteSize()).get(JAVA_LONG, 0);
            long deadline = deadline(abs);
            // already being fired: libxl tolerates the race and so do we
            timeouts.computeIfPresent(id, (k, t) -> new Timeout(deadline, t.forLibxl()));
            wake();
            return 0;
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "libxl timeout_modify hook failed", t);
            return REG_FAIL;
        }
    }

    private void timeoutDeregister(MemorySegment user, MemorySegment reg) {
        try {
            timeouts.remove(reg.address());
            wake();
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "libxl timeout_deregister hook failed", t);
        }
    }

    /** Wall-clock milliseconds, rounded up so that a timeout never fires early. */
    private static long deadline(MemorySegment timeval) {
        long sec = timeval.get(JAVA_LONG, 0);
        long usec = timeval.get(JAVA_LONG, 8);
        return sec * 1000 + (usec + 999) / 1000;
    }

    private void wake() {
        LibC.write(wakeWrite, wakeByte, 1); // a full pipe already means "wake up"
    }

    // ---- the poll thread ---------------------------------------------------------------------

    private void run() {
        LOG.log(Level.DEBUG, "libxl event loop started");
        while (!stopping) {
            try {
                pollOnce();
            } catch (Throwable t) {
                LOG.log(Level.ERROR, "libxl event loop iteration failed", t);
            }
        }
        LOG.log(Level.DEBUG, "libxl event loop stopped");
    }

    private void pollOnce() {
        List<Map.Entry<Long, FdWatch>> watched = new ArrayList<>();
        for (var e : fds.entrySet()) {
            if (e.getValue().events() != 0) { // events 0: registered, but nothing to report
                watched.add(e);
            }
        }
        try (Arena arena = NativeMemory.forCall()) {
            int n = watched.size() + 1;
            MemorySegment pfds = arena.allocate(LibxlLayouts.POLLFD, n);
            pfds.set(JAVA_INT, 0, wakeRead);
            pfds.set(JAVA_SHORT, 4, LibC.POLLIN);
            for (int i = 0; i < watched.size(); i++) {
                FdWatch w = watched.get(i).getValue();
                pfds.set(JAVA_INT, (i + 1) * 8L, w.fd());
                pfds.set(JAVA_SHORT, (i + 1) * 8L + 4, w.events());
            }
            int ready = LibC.poll(pfds, n, pollTimeout());
            if (stopping) {
                return;
            }
            if (ready > 0) {
                if (pfds.get(JAVA_SHORT, 6) != 0) {
                    drainWakePipe(arena);
                }
                for (int i = 0; i < watched.size(); i++) {
                    short revents = pfds.get(JAVA_SHORT, (i + 1) * 8L + 6);
                    var e = watched.get(i);
                    // a registration dropped meanwhile is skipped; libxl would ignore it anyway
                    if (revents != 0 && fds.get(e.getKey()) != null) {
                        occurrences.fd(e.getValue().forLibxl(), e.getValue().fd(), e.getValue().events(), revents);
                    }
                }
            }
        }
        fireDueTimeouts();
    }

    /** Milliseconds until the nearest timeout, -1 for none. */
    private int pollTimeout() {
        long nearest = Long.MAX_VALUE;
        for (Timeout t : timeouts.values()) {
            nearest = Math.min(nearest, t.deadlineMs());
        }
        if (nearest == Long.MAX_VALUE) {
            return -1;
        }
        long wait = nearest - System.currentTimeMillis();
        return (int) Math.max(0, Math.min(wait, Integer.MAX_VALUE));
    }

    private void fireDueTimeouts() {
        long now = System.currentTimeMillis();
        for (var e : timeouts.entrySet()) {
            Timeout t = e.getValue();
            // removing first: firing deregisters, and a second report must not follow
            if (t.deadlineMs() <= now && timeouts.remove(e.getKey(), t)) {
                timeoutsFired.incrementAndGet();
                occurrences.timeout(t.forLibxl());
            }
        }
    }

    private void drainWakePipe(Arena arena) {
        MemorySegment buf = arena.allocate(256);
        while (LibC.read(wakeRead, buf, buf.byteSize()) > 0) {
            // emptied; what woke us is in the registries
        }
    }
}
