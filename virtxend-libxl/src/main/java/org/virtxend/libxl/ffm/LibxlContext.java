package org.virtxend.libxl.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.virtxend.core.error.VirtException;
import org.virtxend.libxl.event.AsyncOps;
import org.virtxend.libxl.event.DomainEventHooks;
import org.virtxend.libxl.event.LibxlEvent;
import org.virtxend.libxl.event.OsEventLoop;

/**
 * One libxl context, as libvirt keeps one per daemon: allocated with our logger,
 * child processes reaped selectively (so the JVM's own children keep their exit
 * statuses), events delivered through our hooks, fds and timeouts driven by our
 * {@link OsEventLoop}. The methods block only for the short synchronous calls;
 * long ones are asynchronous and complete futures. Callers must not be Netty
 * event-loop threads.
 */
public final class LibxlContext implements AutoCloseable {
    /** libxl_sigchld_owner_libxl_always_selective_reap */
    public static final int CHILD_SELECTIVE_REAP = 3;
    private static final int LIBXL_VERSION = 0;
    private static final long PAGE_KIB = 4;

    private final Libxl lib;
    private final NativeMemory memory;
    private final OsEventLoop loop;
    private final AsyncOps asyncOps;
    private final MemorySegment ctx;
    private boolean closed; // guarded by this

    private LibxlContext(Libxl lib, NativeMemory memory, OsEventLoop loop, AsyncOps asyncOps, MemorySegment ctx) {
        this.lib = lib;
        this.memory = memory;
        this.loop = loop;
        this.asyncOps = asyncOps;
        this.ctx = ctx;
    }

    /**
     * Allocates the context and starts its event loop. {@code events} receives every domain
     * event on the loop's thread and must not block; {@code completions} runs the
     * continuations of asynchronous operations.
     */
    public static LibxlContext open(Libxl lib, Consumer<LibxlEvent> events, Executor completions) {
        var memory = new NativeMemory();
        OsEventLoop loop = null;
        try {
            var logger = new LibxlLogger(memory);
            var eventHooks = new DomainEventHooks(memory, events);
            loop = new OsEventLoop(memory);
            var asyncOps = new AsyncOps(memory, completions);
            MemorySegment ctx;
            try (Arena call = NativeMemory.forCall()) {
                MemorySegment out = call.allocate(ADDRESS);
                LibxlLogger.clearLastError();
                int rc = (int) lib.ctxAlloc.invokeExact(out, LIBXL_VERSION, 0, logger.address());
                if (rc != 0) {
                    throw LibxlError.of("libxl_ctx_alloc", rc, lib.errorName(rc), LibxlLogger.takeLastError());
                }
                ctx = out.get(ADDRESS, 0);
            }
            var context = new LibxlContext(lib, memory, loop, asyncOps, ctx);
            eventHooks.freeWith(context::freeEvent);
            MemorySegment childHooks = memory.forContext(LibxlLayouts.CHILDPROC_HOOKS);
            childHooks.set(JAVA_INT, 0, CHILD_SELECTIVE_REAP);
            lib.childprocSetmode.invokeExact(ctx, childHooks, MemorySegment.NULL);
            lib.eventRegisterCallbacks.invokeExact(ctx, eventHooks.hooks(), MemorySegment.NULL);
            lib.oseventRegisterHooks.invokeExact(ctx, loop.hooks(), MemorySegment.NULL);
            loop.start(context.occurrences());
            return context;
        } catch (VirtException e) {
            if (loop != null) {
                loop.close();
            }
            memory.close();
            throw e;
        } catch (Throwable t) {
            if (loop != null) {
                loop.close();
            }
            memory.close();
            throw VirtException.internal("cannot set up libxl: " + t);
        }
    }

    private OsEventLoop.Occurrences occurrences() {
        return new OsEventLoop.Occurrences() {
            @Override
            public void fd(MemorySegment forLibxl, int fd, short events, short revents) {
                try {
                    lib.oseventOccurredFd.invokeExact(ctx, forLibxl, fd, events, revents);
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            }

            @Override
            public void timeout(MemorySegment forLibxl) {
                try {
                    lib.oseventOccurredTimeout.invokeExact(ctx, forLibxl);
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            }
        };
    }

    private void freeEvent(MemorySegment event) {
        try {
            lib.eventFree.invokeExact(ctx, event);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public Libxl library() {
        return lib;
    }

    /** The raw context, for the test double's control entry points. */
    public MemorySegment handle() {
        return ctx;
    }

    public OsEventLoop eventLoop() {
        return loop;
    }

    public AsyncOps asyncOps() {
        return asyncOps;
    }

    // ---- host ------------------------------------------------------------------------------

    public VersionInfo version() {
        MemorySegment v = call(() -> (MemorySegment) lib.getVersionInfo.invokeExact(ctx));
        if (v.equals(MemorySegment.NULL)) {
            throw LibxlError.of("libxl_get_version_info", LibxlError.FAIL, null, LibxlLogger.takeLastError());
        }
        MemorySegment s = v.reinterpret(LibxlLayouts.VERSION_INFO.byteSize()); // owned by the context: never freed
        return new VersionInfo(s.get(JAVA_INT, 0), s.get(JAVA_INT, 4), str(s, "xen_version_extra"),
                str(s, "capabilities"), str(s, "commandline"));
    }

    private static String str(MemorySegment s, String field) {
        return NativeMemory.string(s.get(ADDRESS, LibxlLayouts.offset(LibxlLayouts.VERSION_INFO, field)));
    }

    public PhysInfo physinfo() {
        try (Arena call = NativeMemory.forCall()) {
            MemorySegment p = call.allocate(LibxlLayouts.PHYSINFO);
            invokeVoid(() -> { lib.physinfoInit.invokeExact(p); });
            try {
                check("libxl_get_physinfo", () -> (int) lib.getPhysinfo.invokeExact(ctx, p));
                var l = LibxlLayouts.PHYSINFO;
                return new PhysInfo(p.get(JAVA_INT, 0), p.get(JAVA_INT, 4), p.get(JAVA_INT, 12), p.get(JAVA_INT, 16),
                        p.get(JAVA_LONG, LibxlLayouts.offset(l, "total_pages")),
                        p.get(JAVA_LONG, LibxlLayouts.offset(l, "free_pages")),
                        p.get(JAVA_INT, LibxlLayouts.offset(l, "nr_nodes")),
                        p.get(JAVA_BYTE, LibxlLayouts.offset(l, "cap_hvm")) != 0,
                        p.get(JAVA_BYTE, LibxlLayouts.offset(l, "cap_pv")) != 0);
            } finally {
                invokeVoid(() -> { lib.physinfoDispose.invokeExact(p); });
            }
        }
    }

    public static long pagesToKiB(long pages) {
        return pages * PAGE_KIB;
    }

    // ---- domains: reads --------------------------------------------------------------------

    public List<DomInfo> listDomains() {
        try (Arena call = NativeMemory.forCall()) {
            MemorySegment nb = call.allocate(JAVA_INT);
            MemorySegment list = call(() -> (MemorySegment) lib.listDomain.invokeExact(ctx, nb));
            if (list.equals(MemorySegment.NULL)) {
                throw LibxlError.of("libxl_list_domain", LibxlError.FAIL, null, LibxlLogger.takeLastError());
            }
            int n = nb.get(JAVA_INT, 0);
            try {
                MemorySegment all = list.reinterpret(LibxlLayouts.DOMINFO.byteSize() * n);
                var out = new ArrayList<DomInfo>(n);
                for (int i = 0; i < n; i++) {
                    out.add(dominfo(all.asSlice(i * LibxlLayouts.DOMINFO.byteSize(), LibxlLayouts.DOMINFO)));
                }
                return out;
            } finally {
                invokeVoid(() -> { lib.dominfoListFree.invokeExact(list, n); });
            }
        }
    }

    /** The domain's info, or empty when libxl does not know the domid. */
    public Optional<DomInfo> domainInfo(int domid) {
        try (Arena call = NativeMemory.forCall()) {
            MemorySegment p = call.allocate(LibxlLayouts.DOMINFO);
            invokeVoid(() -> { lib.dominfoInit.invokeExact(p); });
            try {
                LibxlLogger.clearLastError();
                int rc = call(() -> (int) lib.domainInfo.invokeExact(ctx, p, domid));
                if (rc == LibxlError.DOMAIN_NOTFOUND) {
                    return Optional.empty();
                }
                if (rc != 0) {
                    throw LibxlError.of("libxl_domain_info", rc, lib.errorName(rc), LibxlLogger.takeLastError());
                }
                return Optional.of(dominfo(p));
            } finally {
                invokeVoid(() -> { lib.dominfoDispose.invokeExact(p); });
            }
        }
    }

    /** Every vCPU of the domain up to its maximum, online or not. */
    public List<VcpuState> listVcpus(int domid) {
        try (Arena call = NativeMemory.forCall()) {
            MemorySegment nb = call.allocate(JAVA_INT);
            MemorySegment nrCpus = call.allocate(JAVA_INT);
            LibxlLogger.clearLastError();
            MemorySegment list = call(() -> (MemorySegment) lib.listVcpu.invokeExact(ctx, domid, nb, nrCpus));
            if (list.equals(MemorySegment.NULL)) {
                throw LibxlError.of("libxl_list_vcpu", LibxlError.FAIL, null, LibxlLogger.takeLastError());
            }
            int n = nb.get(JAVA_INT, 0);
            try {
                var l = LibxlLayouts.VCPUINFO;
                MemorySegment all = list.reinterpret(l.byteSize() * n);
                var out = new ArrayList<VcpuState>(n);
                for (int i = 0; i < n; i++) {
                    MemorySegment v = all.asSlice(i * l.byteSize(), l);
                    long map = LibxlLayouts.offset(l, "cpumap");
                    int size = v.get(JAVA_INT, map);
                    MemorySegment bits = v.get(ADDRESS, map + 8);
                    byte[] affinity = bits.equals(MemorySegment.NULL) ? new byte[0]
                            : bits.reinterpret(size).toArray(JAVA_BYTE);
                    out.add(new VcpuState(v.get(JAVA_INT, 0), v.get(JAVA_INT, 4), v.get(JAVA_BYTE, 8) != 0,
                            v.get(JAVA_BYTE, 9) != 0, v.get(JAVA_BYTE, 10) != 0,
                            v.get(JAVA_LONG, LibxlLayouts.offset(l, "vcpu_time")), affinity));
                }
                return out;
            } finally {
                invokeVoid(() -> { lib.vcpuinfoListFree.invokeExact(list, n); });
            }
        }
    }

    private static DomInfo dominfo(MemorySegment s) {
        var l = LibxlLayouts.DOMINFO;
        ByteBuffer u = s.asSlice(0, 16).asByteBuffer();
        var uuid = new UUID(u.getLong(), u.getLong()); // libxl_uuid is big-endian bytes
        return new DomInfo(s.get(JAVA_INT, 16), uuid,
                flag(s, "running"), flag(s, "blocked"), flag(s, "paused"), flag(s, "shutdown"), flag(s, "dying"),
                s.get(JAVA_INT, LibxlLayouts.offset(l, "shutdown_reason")),
                s.get(JAVA_LONG, LibxlLayouts.offset(l, "current_memkb")),
                s.get(JAVA_LONG, LibxlLayouts.offset(l, "max_memkb")),
                s.get(JAVA_LONG, LibxlLayouts.offset(l, "cpu_time")),
                s.get(JAVA_INT, LibxlLayouts.offset(l, "vcpu_max_id")),
                s.get(JAVA_INT, LibxlLayouts.offset(l, "vcpu_online")),
                s.get(JAVA_INT, LibxlLayouts.offset(l, "domain_type")));
    }

    private static boolean flag(MemorySegment s, String field) {
        return s.get(JAVA_BYTE, LibxlLayouts.offset(LibxlLayouts.DOMINFO, field)) != 0;
    }

    // ---- domains: changes ------------------------------------------------------------------

    /**
     * Builds a domain from a libxl_domain_config JSON document; the future holds its domid
     * once libxl has finished. libxl leaves a new domain paused.
     */
    public CompletableFuture<Integer> createNew(String json) {
        // config and domid must stay valid until the operation completes
        Arena op = Arena.ofShared();
        MemorySegment cfg = op.allocate(LibxlLayouts.DOMAIN_CONFIG_SIZE, 8);
        MemorySegment domid = op.allocate(JAVA_INT);
        invokeVoid(() -> { lib.domainConfigInit.invokeExact(cfg); });
        CompletableFuture<Integer> done;
        try {
            MemorySegment text = op.allocateFrom(json);
            check("libxl_domain_config_from_json", () -> (int) lib.domainConfigFromJson.invokeExact(ctx, cfg, text));
            done = async("libxl_domain_create_new", how -> (int) lib.domainCreateNew.invokeExact(ctx, cfg, domid, how,
                    MemorySegment.NULL));
        } catch (RuntimeException e) {
            release(cfg, op);
            throw e;
        }
        return done.handle((rc, err) -> {
            int id = domid.get(JAVA_INT, 0);
            release(cfg, op);
            if (err != null) {
                throw err instanceof RuntimeException r ? r : new IllegalStateException(err);
            }
            return id;
        });
    }

    private void release(MemorySegment cfg, Arena op) {
        invokeVoid(() -> { lib.domainConfigDispose.invokeExact(cfg); });
        op.close();
    }

    public CompletableFuture<Void> pause(int domid) {
        return domainOp("libxl_domain_pause", lib.domainPause, domid);
    }

    public CompletableFuture<Void> unpause(int domid) {
        return domainOp("libxl_domain_unpause", lib.domainUnpause, domid);
    }

    /** Asks the guest to shut down; DOMAIN_SHUTDOWN follows when it has. */
    public CompletableFuture<Void> shutdown(int domid) {
        return domainOp("libxl_domain_shutdown", lib.domainShutdown, domid);
    }

    public CompletableFuture<Void> reboot(int domid) {
        return domainOp("libxl_domain_reboot", lib.domainReboot, domid);
    }

    public CompletableFuture<Void> destroy(int domid) {
        return domainOp("libxl_domain_destroy", lib.domainDestroy, domid);
    }

    private CompletableFuture<Void> domainOp(String name, MethodHandle h, int domid) {
        return async(name, how -> (int) h.invokeExact(ctx, domid, how)).thenApply(rc -> null);
    }

    /** Sets the balloon target (absolute, enforced). */
    public void setMemoryTarget(int domid, long kib) {
        check("libxl_set_memory_target", () -> (int) lib.setMemoryTarget.invokeExact(ctx, domid, kib, 0, 1));
    }

    /** Brings vCPUs 0..n-1 online and the rest offline. */
    public CompletableFuture<Void> setVcpusOnline(int domid, int n) {
        Arena op = Arena.ofShared();
        MemorySegment map = op.allocate((n + 7) / 8);
        for (int i = 0; i < n; i++) {
            map.set(JAVA_BYTE, i / 8, (byte) (map.get(JAVA_BYTE, i / 8) | (1 << (i % 8))));
        }
        MemorySegment bitmap = op.allocate(LibxlLayouts.BITMAP);
        bitmap.set(JAVA_INT, 0, (int) map.byteSize());
        bitmap.set(ADDRESS, 8, map);
        try {
            return async("libxl_set_vcpuonline", how -> (int) lib.setVcpuonline.invokeExact(ctx, domid, bitmap, how))
                    .whenComplete((r, e) -> op.close()).thenApply(rc -> null);
        } catch (RuntimeException e) {
            op.close();
            throw e;
        }
    }

    /** Turns on DOMAIN_SHUTDOWN / DOMAIN_DEATH events for domid, tagged with {@code user}; returns the evgen. */
    public long enableDeathEvents(int domid, long user) {
        try (Arena call = NativeMemory.forCall()) {
            MemorySegment out = call.allocate(ADDRESS);
            check("libxl_evenable_domain_death", () -> (int) lib.evenableDomainDeath.invokeExact(ctx, domid, user, out));
            return out.get(ADDRESS, 0).address();
        }
    }

    public void disableDeathEvents(long evgen) {
        invokeVoid(() -> { lib.evdisableDomainDeath.invokeExact(ctx, MemorySegment.ofAddress(evgen)); });
    }

    // ---- plumbing --------------------------------------------------------------------------

    @FunctionalInterface
    private interface Native<T> {
        T call() throws Throwable;
    }

    @FunctionalInterface
    private interface NativeVoid {
        void call() throws Throwable;
    }

    @FunctionalInterface
    private interface WithHow {
        int call(MemorySegment how) throws Throwable;
    }

    private synchronized void requireOpen() {
        if (closed) {
            throw VirtException.internal("the libxl context is closed");
        }
    }

    private <T> T call(Native<T> n) {
        requireOpen();
        try {
            return n.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private void invokeVoid(NativeVoid n) {
        try {
            n.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private void check(String name, Native<Integer> n) {
        LibxlLogger.clearLastError();
        int rc = call(n);
        if (rc != 0) {
            throw LibxlError.of(name, rc, lib.errorName(rc), LibxlLogger.takeLastError());
        }
    }

    /** Starts an operation with an ao_how; its future fails with the libvirt error for a non-zero rc. */
    private CompletableFuture<Integer> async(String name, WithHow start) {
        try (Arena call = NativeMemory.forCall()) {
            AsyncOps.Op op = asyncOps.begin(call);
            LibxlLogger.clearLastError();
            int rc;
            try {
                rc = call(() -> start.call(op.how()));
            } catch (RuntimeException e) {
                asyncOps.abandon(op); // never started: no callback will come
                throw e;
            }
            if (rc != 0) {
                asyncOps.abandon(op);
                throw LibxlError.of(name, rc, lib.errorName(rc), LibxlLogger.takeLastError());
            }
            return op.result().thenApply(done -> {
                if (done != 0) {
                    throw LibxlError.of(name, done, lib.errorName(done), null);
                }
                return done;
            });
        }
    }

    /**
     * Stops the event loop, frees the context (its deregistrations still reach our hooks),
     * then frees the hook tables and upcalls.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        loop.stop();
        invokeVoid(() -> {
            int ignored = (int) lib.ctxFree.invokeExact(ctx);
        });
        loop.close();
        memory.close();
    }
}
