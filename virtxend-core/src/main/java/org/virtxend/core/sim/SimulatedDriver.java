package org.virtxend.core.sim;

import org.virtxend.core.driver.GuestExit;
import org.virtxend.core.driver.ListFilter;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.virtxend.core.driver.*;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.event.EventBus;
import org.virtxend.core.pool.WorkerPool;
import reactor.core.publisher.Mono;

/**
 * The simulated Xen driver: the embedded default backend. Reads are answered
 * from memory where they are asked; changes run as domain jobs on workers.
 */
public final class SimulatedDriver implements HypervisorDriver {
    private static final System.Logger LOG = System.getLogger(SimulatedDriver.class.getName());
    private static final long XEN_VERSION = 4_017_000L;

    private final SimContext ctx;
    private final SimLifecycle lifecycle;
    private final SimTuning tuning;
    private final SimSaveRestore saves;
    private final SimPower power;
    private final SimHostInfo hostInfo;
    /** The pool this driver made for itself and must close; null when the daemon's server pool is used. */
    private final WorkerPool ownPool;
    private final SimStatistics statistics;
    private final SimNodeStats nodeStats;
    private final ScheduledExecutorService timer;
    private GuestControlDir guestControl; // guarded by this
    private List<Integer> overdueActions = List.of(); // guarded by this
    private boolean offlineChangesApplied; // guarded by this
    private SimRecovery recovery;
    private final NativeConfigFormats nativeFormats;

    private SimulatedDriver(SimDriverConfig config, SimulatedXen xen, WorkerPool workers, WorkerPool ownPool,
                            ScheduledExecutorService timer, EventBus events, NativeConfigFormats nativeFormats) {
        this.nativeFormats = nativeFormats;
        this.ctx = new SimContext(config, xen, workers, events);
        this.lifecycle = new SimLifecycle(ctx);
        this.tuning = new SimTuning(ctx);
        this.saves = new SimSaveRestore(ctx, lifecycle);
        this.power = new SimPower(ctx);
        this.hostInfo = new SimHostInfo(config.host(), xen);
        this.ownPool = ownPool;
        this.statistics = new SimStatistics(ctx);
        this.nodeStats = new SimNodeStats(xen);
        this.timer = timer;
    }

    /**
     * Loads domains from disk, reattaches running guests, and runs autostart once per host boot.
     * What guests did while the daemon was down is held back until {@link #applyOfflineChanges()}.
     */
    public static SimulatedDriver start(SimDriverConfig config, EventBus events) throws IOException {
        var own = new WorkerPool("sim", 0, config.maxWorkers(), 0);
        try {
            return start(config, events, own, own, NativeConfigFormats.NONE);
        } catch (IOException | RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /**
     * As {@link #start(SimDriverConfig, EventBus)}, with blocking work on {@code workers}: the
     * server's pool, whose size and priority workers the daemon controls. The driver does not close it.
     */
    public static SimulatedDriver start(SimDriverConfig config, EventBus events, WorkerPool workers) throws IOException {
        return start(config, events, workers, null, NativeConfigFormats.NONE);
    }

    /** As {@link #start(SimDriverConfig, EventBus, WorkerPool)}, with the converter behind domxml-to/from-native. */
    public static SimulatedDriver start(SimDriverConfig config, EventBus events, WorkerPool workers,
                                        NativeConfigFormats nativeFormats) throws IOException {
        return start(config, events, workers, null, nativeFormats);
    }

    private static SimulatedDriver start(SimDriverConfig config, EventBus events, WorkerPool workers, WorkerPool own,
                                         NativeConfigFormats nativeFormats)
            throws IOException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-xen");
            t.setDaemon(true);
            return t;
        });
        SimulatedXen xen;
        try {
            xen = new SimulatedXen(config.stateDir().resolve("sim-xen.state"), config.host(), config.clock(),
                    timer, config.guestActionDelay());
        } catch (IOException | RuntimeException e) {
            timer.shutdownNow();
            throw e;
        }
        var driver = new SimulatedDriver(config, xen, workers, own, timer, events, nativeFormats);
        try {
            driver.boot();
        } catch (IOException | RuntimeException e) {
            driver.close(); // no threads left behind by a failed start
            throw e;
        }
        return driver;
    }

    private void boot() throws IOException {
        LOG.log(Level.INFO, "backend: simulated Xen {0} (no hypervisor is touched); state in {1}",
                "4.17", ctx.config.stateDir());
        ctx.domains.add(Dom0.domain(ctx.config.host(), ctx.xen));
        recovery = new SimRecovery(ctx, lifecycle);
        recovery.loadConfigs();
        var exits = new GuestExitHandler(ctx, lifecycle);
        ctx.xen.onGuestExit(exits::onExit);
        List<Integer> overdue = recovery.loadStatuses();
        recovery.autostartOnce();
        Files.createDirectories(guestControlDir());
        synchronized (this) {
            overdueActions = overdue;
        }
    }

    private Path guestControlDir() {
        return ctx.config.stateDir().resolve("sim-guest");
    }

    /**
     * Completes the guest actions that came due while the daemon was down, then starts
     * watching the guest control directory, which first consumes the requests left in it
     * meanwhile. Their events reach the clients connected by now. Runs once.
     */
    @Override
    public synchronized void applyOfflineChanges() {
        if (offlineChangesApplied) {
            return;
        }
        offlineChangesApplied = true;
        for (int domid : overdueActions) {
            var g = ctx.xen.guest(domid);
            LOG.log(Level.INFO, "guest {0} (id {1}) finished its shutdown, reboot or crash while the daemon was down",
                    g.map(GuestStatus::name).orElse("?"), String.valueOf(domid));
            ctx.xen.completeOverdueAction(domid);
        }
        overdueActions = List.of();
        try {
            guestControl = new GuestControlDir(guestControlDir(), this);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot watch the guest control directory " + guestControlDir(), e);
        }
    }

    @Override
    public void reload() {
        try {
            recovery.reloadConfigs();
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot reload domain configs from " + ctx.config.configDir(), e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            offlineChangesApplied = true; // a late call from the daemon must not start the watcher again
            if (guestControl != null) {
                guestControl.close();
            }
        }
        timer.shutdownNow();
        if (ownPool != null) {
            ownPool.close();
        }
    }

    // ---- connection and host -------------------------------------------------------------

    @Override public Mono<String> connectGetType() { return Mono.just("Xen"); }
    @Override public Mono<Long> connectGetVersion() { return Mono.just(XEN_VERSION); }
    @Override public Mono<String> connectGetHostname() { return Mono.just(ctx.config.host().hostname()); }
    @Override public Mono<String> connectGetSysinfo(int flags) { return ctx.now(() -> { Flags.check(flags, 0, "libxlConnectGetSysinfo"); return hostInfo.sysinfo(); }); }
    @Override public Mono<String> connectGetCapabilities() { return ctx.now(hostInfo::capabilities); }
    @Override public Mono<String> connectDomainXMLToNative(String format, String xml, int flags) { return ctx.now(() -> { Flags.check(flags, 0, "libxlConnectDomainXMLToNative"); return nativeFormats.toNative(format, xml); }); }
    @Override public Mono<String> connectDomainXMLFromNative(String format, String config, int flags) { return ctx.now(() -> { Flags.check(flags, 0, "libxlConnectDomainXMLFromNative"); return nativeFormats.fromNative(format, config); }); }
    @Override public Mono<NodeInfo> nodeGetInfo() { return ctx.now(hostInfo::nodeInfo); }
    @Override public Mono<Long> nodeGetFreeMemory() { return ctx.now(() -> ctx.xen.freeMemoryKiB() * 1024); }
    @Override public Mono<SecurityModel> nodeGetSecurityModel() { return Mono.just(new SecurityModel("none", "0")); }
    @Override public Mono<CpuMap> nodeGetCPUMap() { return ctx.now(hostInfo::cpuMap); }

    @Override
    public Mono<Integer> connectGetMaxVcpus(String type) {
        return ctx.now(() -> {
            if (type != null && !type.equalsIgnoreCase("xen")) {
                throw VirtException.invalidArg("unknown type '" + type + "'");
            }
            return ctx.config.host().maxVcpus();
        });
    }

    @Override
    public Mono<List<Long>> nodeGetCellsFreeMemory(int startCell, int maxCells) {
        return ctx.now(() -> {
            if (startCell != 0 || maxCells < 1) {
                throw VirtException.invalidArg("start cell " + startCell + " out of range (host has 1 cell)");
            }
            return List.of(ctx.xen.freeMemoryKiB() * 1024);
        });
    }

    // ---- listing and lookup ---------------------------------------------------------------

    @Override
    public Mono<List<DomainRef>> connectListAllDomains(int flags) {
        return ctx.now(() -> {
            Flags.check(flags, 0xffff, "libxlConnectListAllDomains");
            var out = new ArrayList<DomainRef>();
            for (SimDomain d : ctx.domains.all()) {
                DomainView v = d.view();
                if (ListFilter.matches(v, flags, ctx.managedSaves.exists(v.name()))) {
                    out.add(v.ref());
                }
            }
            return out;
        });
    }

    @Override
    public Mono<List<Integer>> connectListDomains(int max) {
        return ctx.now(() -> ctx.domains.all().stream().map(SimDomain::view).filter(DomainView::active)
                .map(DomainView::id).limit(Math.max(0, max)).toList());
    }

    @Override
    public Mono<Integer> connectNumOfDomains() {
        return ctx.now(() -> (int) ctx.domains.all().stream().filter(d -> d.view().active()).count());
    }

    @Override
    public Mono<List<String>> connectListDefinedDomains(int max) {
        return ctx.now(() -> ctx.domains.all().stream().map(SimDomain::view).filter(v -> !v.active())
                .map(DomainView::name).limit(Math.max(0, max)).toList());
    }

    @Override
    public Mono<Integer> connectNumOfDefinedDomains() {
        return ctx.now(() -> (int) ctx.domains.all().stream().filter(d -> !d.view().active()).count());
    }

    @Override
    public Mono<DomainRef> domainLookupByID(int id) {
        return ctx.now(() -> {
            SimDomain d = ctx.domains.byId(id);
            if (d == null) {
                throw VirtException.noDomain("no domain with matching id " + id);
            }
            return d.view().ref();
        });
    }

    @Override
    public Mono<DomainRef> domainLookupByUUID(UUID uuid) {
        return ctx.now(() -> {
            SimDomain d = ctx.domains.byUuid(uuid);
            if (d == null) {
                throw VirtException.noDomain("no domain with matching uuid '" + uuid + "'");
            }
            return d.view().ref();
        });
    }

    @Override
    public Mono<DomainRef> domainLookupByName(String name) {
        return ctx.now(() -> {
            SimDomain d = ctx.domains.byName(name);
            if (d == null) {
                throw VirtException.noDomain("no domain with matching name '" + name + "'");
            }
            return d.view().ref();
        });
    }

    // ---- one domain: reads ----------------------------------------------------------------

    private DomainView view(DomainRef ref) {
        return ctx.require(ref).view();
    }

    @Override
    public Mono<DomainInfo> domainGetInfo(DomainRef ref) {
        return ctx.now(() -> DomainStats.info(view(ref), ctx.xen));
    }

    @Override
    public Mono<StateReason> domainGetState(DomainRef ref, int flags) {
        return ctx.now(() -> {
            Flags.check(flags, 0, "libxlDomainGetState");
            return view(ref).state();
        });
    }

    @Override
    public Mono<String> domainGetOSType(DomainRef ref) {
        return ctx.now(() -> view(ref).current().osType().dominfoName());
    }

    @Override
    public Mono<String> domainGetXMLDesc(DomainRef ref, int flags) {
        return ctx.now(() -> {
            Flags.check(flags, Flags.XML_SECURE | Flags.XML_INACTIVE | Flags.XML_UPDATE_CPU | Flags.XML_MIGRATABLE,
                    "libxlDomainGetXMLDesc");
            DomainView v = view(ref);
            boolean inactive = (flags & Flags.XML_INACTIVE) != 0 || !v.active();
            if (inactive) {
                return SimXml.inactive(v.isPersistent() ? v.persistent() : v.live());
            }
            return SimXml.live(v.live(), v.id());
        });
    }

    @Override
    public Mono<Long> domainGetMaxMemory(DomainRef ref) {
        return ctx.now(() -> view(ref).current().maxMemoryKiB());
    }

    @Override public Mono<Boolean> domainIsActive(DomainRef ref) { return ctx.now(() -> view(ref).active()); }
    @Override public Mono<Boolean> domainIsPersistent(DomainRef ref) { return ctx.now(() -> view(ref).isPersistent()); }
    @Override public Mono<Boolean> domainIsUpdated(DomainRef ref) { return ctx.now(() -> { view(ref); return false; }); }
    @Override public Mono<Boolean> domainGetAutostart(DomainRef ref) { return ctx.now(() -> view(ref).autostart()); }

    @Override
    public Mono<Boolean> domainHasManagedSaveImage(DomainRef ref, int flags) {
        return ctx.now(() -> {
            Flags.check(flags, 0, "libxlDomainHasManagedSaveImage");
            return saves.hasManagedSave(ref);
        });
    }

    @Override
    public Mono<List<String>> domainGetMessages(DomainRef ref, int flags) {
        return ctx.now(() -> {
            Flags.check(flags, 3, "libxlDomainGetMessages");
            view(ref);
            return List.<String>of();
        });
    }

    @Override
    public Mono<SecurityLabel> domainGetSecurityLabel(DomainRef ref) {
        return ctx.now(() -> {
            view(ref);
            return new SecurityLabel("", false); // the "none" security model labels nothing
        });
    }

    @Override
    public Mono<Integer> domainGetVcpusFlags(DomainRef ref, int flags) {
        return ctx.now(() -> {
            Flags.check(flags, Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG | Flags.VCPU_MAXIMUM, "libxlDomainGetVcpusFlags");
            DomainView v = view(ref);
            return TuningRules.vcpuCount(v, flags);
        });
    }

    @Override
    public Mono<List<VcpuInfo>> domainGetVcpus(DomainRef ref) {
        return ctx.now(() -> DomainStats.vcpus(view(ref), ctx.xen));
    }

    // ---- statistics -----------------------------------------------------------------------

    @Override
    public Mono<List<DomainStatsRecord>> connectGetAllDomainStats(List<DomainRef> doms, int stats, int flags) {
        return ctx.now(() -> statistics.all(doms, stats, flags));
    }

    @Override
    public Mono<BlockStats> domainBlockStats(DomainRef ref, String path) {
        return ctx.now(() -> statistics.block(ref, path));
    }

    @Override
    public Mono<InterfaceStats> domainInterfaceStats(DomainRef ref, String device) {
        return ctx.now(() -> statistics.nic(ref, device));
    }

    @Override
    public Mono<List<MemoryStat>> domainMemoryStats(DomainRef ref, int maxStats, int flags) {
        return ctx.now(() -> statistics.memory(ref, maxStats, flags));
    }

    @Override
    public Mono<CpuStats> domainGetCPUStats(DomainRef ref, int startCpu, int ncpus, int flags) {
        return ctx.now(() -> statistics.cpu(ref, startCpu, ncpus, flags));
    }

    /** Reads /proc: on a worker, as all file reads. */
    @Override
    public Mono<List<NodeStat>> nodeGetCPUStats(int cpuNum, int flags) {
        return ctx.work(() -> nodeStats.cpu(cpuNum, flags));
    }

    @Override
    public Mono<List<NodeStat>> nodeGetMemoryStats(int cellNum, int flags) {
        return ctx.work(() -> nodeStats.memory(cellNum, flags));
    }

    // ---- one domain: changes --------------------------------------------------------------

    @Override public Mono<DomainRef> domainDefineXMLFlags(String xml, int flags) { return ctx.work(() -> lifecycle.define(xml, flags)); }
    @Override public Mono<Void> domainUndefineFlags(DomainRef ref, int flags) { return ctx.work(() -> { lifecycle.undefine(ref, flags); return null; }); }
    @Override public Mono<DomainRef> domainCreateWithFlags(DomainRef ref, int flags) { return ctx.work(() -> lifecycle.create(ref, flags)); }
    @Override public Mono<DomainRef> domainCreateXML(String xml, int flags) { return ctx.work(() -> lifecycle.createXml(xml, flags)); }
    @Override public Mono<Void> domainSuspend(DomainRef ref) { return ctx.work(() -> { lifecycle.suspend(ref); return null; }); }
    @Override public Mono<Void> domainResume(DomainRef ref) { return ctx.work(() -> { lifecycle.resume(ref); return null; }); }
    @Override public Mono<Void> domainShutdownFlags(DomainRef ref, int flags) { return ctx.work(() -> { lifecycle.shutdown(ref, flags); return null; }); }
    @Override public Mono<Void> domainReboot(DomainRef ref, int flags) { return ctx.work(() -> { lifecycle.reboot(ref, flags); return null; }); }
    @Override public Mono<Void> domainDestroyFlags(DomainRef ref, int flags) { return ctx.work(() -> { lifecycle.destroy(ref, flags); return null; }); }
    @Override public Mono<Void> domainSaveFlags(DomainRef ref, String to, String dxml, int flags) { return ctx.work(() -> { saves.save(ref, to, dxml, flags); return null; }); }
    @Override public Mono<Void> domainRestoreFlags(String from, String dxml, int flags) { return ctx.work(() -> { saves.restore(from, dxml, flags); return null; }); }
    @Override public Mono<Void> domainManagedSave(DomainRef ref, int flags) { return ctx.work(() -> { saves.managedSave(ref, flags); return null; }); }
    @Override public Mono<Void> domainManagedSaveRemove(DomainRef ref, int flags) { return ctx.work(() -> { saves.managedSaveRemove(ref, flags); return null; }); }
    @Override public Mono<Void> domainPMSuspendForDuration(DomainRef ref, int target, long duration, int flags) { return ctx.work(() -> { power.suspendForDuration(ref, target, duration, flags); return null; }); }
    @Override public Mono<Void> domainPMWakeup(DomainRef ref, int flags) { return ctx.work(() -> { power.wakeup(ref, flags); return null; }); }
    @Override public Mono<Void> domainSetAutostart(DomainRef ref, boolean on) { return ctx.work(() -> { tuning.setAutostart(ref, on); return null; }); }
    @Override public Mono<Void> domainSetMemoryFlags(DomainRef ref, long kib, int flags) { return ctx.work(() -> { tuning.setMemory(ref, kib, flags); return null; }); }

    @Override
    public Mono<Void> domainSetVcpusFlags(DomainRef ref, int nvcpus, int flags) {
        return ctx.work(() -> {
            tuning.setVcpus(ref, nvcpus, flags, ctx.config.host().maxVcpus());
            return null;
        });
    }

    /** For tests and demos: make a simulated guest power off, reboot or crash by itself. */
    public Mono<Void> guestAction(DomainRef ref, GuestExit action) {
        return ctx.work(() -> {
            DomainView v = view(ref);
            if (!v.active() || v.id() == 0) {
                throw VirtException.invalid("domain is not running");
            }
            ctx.xen.guestActs(v.id(), action, 0);
            return null;
        });
    }
}
