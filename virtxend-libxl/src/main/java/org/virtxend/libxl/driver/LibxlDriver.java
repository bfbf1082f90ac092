package org.virtxend.libxl.driver;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.DomainXmlFormatter;
import org.virtxend.core.domain.DomainXmlParser;
import org.virtxend.core.domain.OsType;
import org.virtxend.core.driver.CpuMap;
import org.virtxend.core.driver.DomainInfo;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.HypervisorDriver;
import org.virtxend.core.driver.NativeConfigFormats;
import org.virtxend.core.driver.NodeInfo;
import org.virtxend.core.driver.SecurityLabel;
import org.virtxend.core.driver.SecurityModel;
import org.virtxend.core.driver.StateReason;
import org.virtxend.core.driver.TuningRules;
import org.virtxend.core.driver.VcpuInfo;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.event.EventBus;
import org.virtxend.core.pool.WorkerPool;
import org.virtxend.core.driver.DomainConfigStore;
import org.virtxend.core.driver.ListFilter;
import org.virtxend.libxl.config.LibxlVifNames;
import org.virtxend.libxl.ffm.DomInfo;
import org.virtxend.libxl.ffm.Libxl;
import org.virtxend.libxl.ffm.LibxlContext;
import org.virtxend.libxl.ffm.VcpuState;
import reactor.core.publisher.Mono;

/**
 * The Xen driver over libxenlight: the same SPI and the same events as the
 * simulated Xen, with the hypervisor reached through {@link LibxlContext}.
 * Every call that enters libxl runs on the driver's bounded pool of platform
 * workers, never on the caller's (Netty) thread; reads that only need the
 * driver's own records answer where they are asked.
 */
public final class LibxlDriver implements HypervisorDriver {
    private static final System.Logger LOG = System.getLogger(LibxlDriver.class.getName());
    private static final UUID DOM0_UUID = new UUID(0, 0);
    /** Xen 4.17's limit on vCPUs of one guest (HVM_MAX_VCPUS). */
    private static final int MAX_GUEST_VCPUS = 128;
    private static final String AUTOSTART_MARKER = "autostarted";

    private final LibxlDriverConfig config;
    /** Where every libxl call runs: the daemon's worker pool (sized by max_workers/prio_workers) or our own. */
    private final WorkerPool workers;
    /** The pool this driver made for itself and must close; null when the daemon's pool is used. */
    private final WorkerPool ownPool;
    private final ExecutorService completions;
    private final LibxlDomains domains;
    private final DomainConfigStore configs;
    private LibxlContext libxl;
    private LibxlLifecycle lifecycle;
    private LibxlTuning tuning;
    private LibxlHost host;
    private GuestExits exits;
    private final NativeConfigFormats nativeFormats;

    private LibxlDriver(LibxlDriverConfig config, EventBus events, NativeConfigFormats nativeFormats,
                        WorkerPool serverPool) {
        this.config = config;
        this.nativeFormats = nativeFormats;
        this.ownPool = serverPool == null ? new WorkerPool("libxl", 0, config.maxWorkers(), 0) : null;
        this.workers = serverPool == null ? ownPool : serverPool;
        this.completions = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "libxl-completions");
            t.setDaemon(true);
            return t;
        });
        this.domains = new LibxlDomains(events);
        this.configs = new DomainConfigStore(config.configDir());
    }

    /**
     * Opens a libxl context on {@code library}, loads the persistent definitions and
     * reattaches the guests libxl already runs. {@code toJson} turns a domain definition
     * into the libxl_domain_config JSON handed to libxl_domain_config_from_json.
     */
    public static LibxlDriver start(LibxlDriverConfig config, EventBus events, Libxl library,
                                    Function<DomainDefinition, String> toJson) throws IOException {
        return start(config, events, library, toJson, NativeConfigFormats.NONE, null);
    }

    /**
     * As above, with the converter behind domxml-to/from-native, and libxl calls on the daemon's
     * {@code serverPool} (null: a pool of {@code config.maxWorkers()} of the driver's own).
     */
    public static LibxlDriver start(LibxlDriverConfig config, EventBus events, Libxl library,
                                    Function<DomainDefinition, String> toJson, NativeConfigFormats nativeFormats,
                                    WorkerPool serverPool) throws IOException {
        var driver = new LibxlDriver(config, events, nativeFormats, serverPool);
        try {
            driver.boot(library, toJson);
        } catch (IOException | RuntimeException e) {
            driver.close();
            throw e;
        }
        return driver;
    }

    private void boot(Libxl library, Function<DomainDefinition, String> toJson) throws IOException {
        Files.createDirectories(config.stateDir());
        libxl = LibxlContext.open(library, ev -> exits.onEvent(ev), completions);
        lifecycle = new LibxlLifecycle(domains, configs, libxl, toJson);
        tuning = new LibxlTuning(domains, configs, libxl);
        host = new LibxlHost(libxl);
        exits = new GuestExits(domains, lifecycle, r -> workers.submit(false, r));
        LOG.log(Level.INFO, "backend: libxl through {0} (Xen {1}); configs in {2}", library.name(),
                libxl.version().number(), config.configDir());
        recover();
        autostartOnce();
    }

    /**
     * Starts the autostart domains once per host boot: the marker lives in the state
     * directory, which the host empties when it boots (/run).
     */
    private void autostartOnce() {
        Path marker = config.stateDir().resolve(AUTOSTART_MARKER);
        if (Files.exists(marker)) {
            LOG.log(Level.INFO, "autostart already ran since the host booted; skipping");
            return;
        }
        try {
            Files.writeString(marker, "");
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot create autostart marker " + marker + "; autostart would run again after a restart", e);
        }
        for (var e : domains.all()) {
            LibxlDomain v = e.view();
            if (v.autostart() && !v.active() && v.isPersistent()) {
                try {
                    domains.inJob(e, (cur, events) -> cur.active() ? cur
                            : lifecycle.start(cur, cur.persistent(), false, events));
                    LOG.log(Level.INFO, "autostarted domain {0}", v.name());
                } catch (RuntimeException ex) {
                    LOG.log(Level.ERROR, "failed to autostart domain " + v.name() + ": " + ex.getMessage());
                }
            }
        }
    }

    /** Definitions from disk; running guests libxl knows are matched to them by uuid. */
    private void recover() throws IOException {
        Map<UUID, DomInfo> running = new HashMap<>();
        for (DomInfo d : libxl.listDomains()) {
            running.put(d.domid() == 0 ? DOM0_UUID : d.uuid(), d);
        }
        DomInfo dom0 = running.remove(DOM0_UUID);
        if (dom0 != null) {
            DomainDefinition def = DomainDefinition.minimal("Domain-0", OsType.PV, dom0.maxMemKiB(),
                    Math.max(1, dom0.vcpuOnline())).withUuid(DOM0_UUID).withMemoryKiB(dom0.currentMemKiB());
            domains.add(new LibxlDomains.Entry(new LibxlDomain(DOM0_UUID, def, def, 0,
                    StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED), false, 0)));
        }
        for (var saved : configs.loadAll()) {
            DomainDefinition def;
            try {
                def = DomainXmlParser.parse(saved.xml());
            } catch (VirtException e) {
                LOG.log(Level.ERROR, "ignoring domain config " + saved.file() + ": " + e.getMessage());
                continue;
            }
            if (domains.byUuid(def.uuid()) != null || domains.byName(def.name()) != null) {
                LOG.log(Level.ERROR, "ignoring domain config {0}: its name or uuid is taken", saved.file());
                continue;
            }
            DomInfo guest = running.remove(def.uuid());
            LibxlDomain v = new LibxlDomain(def.uuid(), def, null, -1,
                    StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN), configs.autostart(def.name()), 0);
            if (guest != null) {
                long evgen = libxl.enableDeathEvents(guest.domid(), guest.domid());
                StateReason s = guest.paused() ? StateReason.of(DomainState.PAUSED, StateReason.PAUSED_USER)
                        : StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED);
                v = v.started(LibxlVifNames.live(def, guest.domid()), guest.domid(), s, evgen);
                LOG.log(Level.INFO, "domain {0} is running as id {1}", def.name(), guest.domid());
            }
            domains.add(new LibxlDomains.Entry(v));
        }
        for (DomInfo other : running.values()) {
            LOG.log(Level.WARNING, "libxl runs domain {0} (uuid {1}), which has no definition here; leaving it alone",
                    other.domid(), other.uuid());
        }
    }

    @Override
    public void close() {
        if (libxl != null) {
            libxl.close();
        }
        if (ownPool != null) {
            ownPool.close();
        }
        completions.shutdownNow();
    }

    /** The libxl context (tests reach the C double's controls through it). */
    public LibxlContext context() {
        return libxl;
    }

    private <T> Mono<T> work(Callable<T> task) {
        return workers.run(task);
    }

    private <T> Mono<T> now(Callable<T> task) {
        return Mono.fromCallable(task);
    }

    private LibxlDomain view(DomainRef ref) {
        return domains.require(ref).view();
    }

    // ---- connection and host -------------------------------------------------------------

    @Override public Mono<String> connectGetType() { return Mono.just("Xen"); }

    // pure conversions: no libxl call, so they complete on the calling thread
    @Override public Mono<String> connectDomainXMLToNative(String format, String xml, int flags) {
        return Mono.fromCallable(() -> {
            Flags.check(flags, 0, "libxlConnectDomainXMLToNative");
            return nativeFormats.toNative(format, xml);
        });
    }

    @Override public Mono<String> connectDomainXMLFromNative(String format, String nativeConfig, int flags) {
        return Mono.fromCallable(() -> {
            Flags.check(flags, 0, "libxlConnectDomainXMLFromNative");
            return nativeFormats.fromNative(format, nativeConfig);
        });
    }
    @Override public Mono<Long> connectGetVersion() { return work(host::version); }
    @Override public Mono<String> connectGetHostname() { return work(LibxlHost::hostname); }
    @Override public Mono<String> connectGetCapabilities() { return work(host::capabilities); }
    @Override public Mono<NodeInfo> nodeGetInfo() { return work(host::nodeInfo); }
    @Override public Mono<Long> nodeGetFreeMemory() { return work(host::freeMemoryBytes); }
    @Override public Mono<CpuMap> nodeGetCPUMap() { return work(host::cpuMap); }
    @Override public Mono<SecurityModel> nodeGetSecurityModel() { return Mono.just(new SecurityModel("none", "0")); }

    @Override
    public Mono<List<Long>> nodeGetCellsFreeMemory(int startCell, int maxCells) {
        return work(() -> {
            if (startCell != 0 || maxCells < 1) {
                throw VirtException.invalidArg("start cell " + startCell + " out of range (host has 1 cell)");
            }
            return List.of(host.freeMemoryBytes());
        });
    }

    // ---- listing and lookup ---------------------------------------------------------------

    @Override
    public Mono<List<DomainRef>> connectListAllDomains(int flags) {
        return now(() -> {
            Flags.check(flags, 0xffff, "libxlConnectListAllDomains");
            var out = new ArrayList<DomainRef>();
            for (var e : domains.all()) {
                LibxlDomain v = e.view();
                // this backend keeps no managed save images, snapshots or checkpoints
                if (ListFilter.matches(flags, v.active(), v.isPersistent(), v.state().state(), v.autostart(), false)) {
                    out.add(v.ref());
                }
            }
            return out;
        });
    }

    @Override
    public Mono<List<Integer>> connectListDomains(int max) {
        return now(() -> domains.all().stream().map(LibxlDomains.Entry::view).filter(LibxlDomain::active)
                .map(LibxlDomain::id).limit(Math.max(0, max)).toList());
    }

    @Override
    public Mono<Integer> connectNumOfDomains() {
        return now(() -> (int) domains.all().stream().filter(e -> e.view().active()).count());
    }

    @Override
    public Mono<List<String>> connectListDefinedDomains(int max) {
        return now(() -> domains.all().stream().map(LibxlDomains.Entry::view).filter(v -> !v.active())
                .map(LibxlDomain::name).limit(Math.max(0, max)).toList());
    }

    @Override
    public Mono<Integer> connectNumOfDefinedDomains() {
        return now(() -> (int) domains.all().stream().filter(e -> !e.view().active()).count());
    }

    @Override
    public Mono<DomainRef> domainLookupByID(int id) {
        return now(() -> {
            var e = domains.byId(id);
            if (e == null) {
                throw VirtException.noDomain("no domain with matching id " + id);
            }
            return e.view().ref();
        });
    }

    @Override
    public Mono<DomainRef> domainLookupByUUID(UUID uuid) {
        return now(() -> {
            var e = domains.byUuid(uuid);
            if (e == null) {
                throw VirtException.noDomain("no domain with matching uuid '" + uuid + "'");
            }
            return e.view().ref();
        });
    }

    @Override
    public Mono<DomainRef> domainLookupByName(String name) {
        return now(() -> {
            var e = domains.byName(name);
            if (e == null) {
                throw VirtException.noDomain("no domain with matching name '" + name + "'");
            }
            return e.view().ref();
        });
    }

    // ---- one domain: reads ----------------------------------------------------------------

    /** Live figures come from libxl_domain_info; an inactive domain shows its definition. */
    @Override
    public Mono<DomainInfo> domainGetInfo(DomainRef ref) {
        return work(() -> {
            LibxlDomain v = view(ref);
            if (!v.active()) {
                var def = v.current();
                return new DomainInfo(v.state().state(), def.maxMemoryKiB(), def.currentMemoryKiB(), def.currentVcpus(), 0);
            }
            var info = libxl.domainInfo(v.id()).orElse(null);
            if (info == null) { // gone between our record and libxl's; its death event is on the way
                var def = v.live();
                return new DomainInfo(v.state().state(), def.maxMemoryKiB(), def.currentMemoryKiB(), def.currentVcpus(), 0);
            }
            return new DomainInfo(v.state().state(), info.maxMemKiB(), info.currentMemKiB(), info.vcpuOnline(),
                    info.cpuTimeNs());
        });
    }

    @Override
    public Mono<StateReason> domainGetState(DomainRef ref, int flags) {
        return now(() -> {
            Flags.check(flags, 0, "libxlDomainGetState");
            return view(ref).state();
        });
    }

    @Override
    public Mono<String> domainGetOSType(DomainRef ref) {
        return now(() -> view(ref).current().osType().dominfoName());
    }

    @Override
    public Mono<String> domainGetXMLDesc(DomainRef ref, int flags) {
        return now(() -> {
            Flags.check(flags, Flags.XML_SECURE | Flags.XML_INACTIVE | Flags.XML_UPDATE_CPU | Flags.XML_MIGRATABLE,
                    "libxlDomainGetXMLDesc");
            LibxlDomain v = view(ref);
            if ((flags & Flags.XML_INACTIVE) != 0 || !v.active()) {
                return DomainXmlFormatter.format(v.isPersistent() ? v.persistent() : v.live(), -1, true);
            }
            return DomainXmlFormatter.format(v.live(), v.id(), false);
        });
    }

    @Override public Mono<Long> domainGetMaxMemory(DomainRef ref) { return now(() -> view(ref).current().maxMemoryKiB()); }
    @Override public Mono<Boolean> domainIsActive(DomainRef ref) { return now(() -> view(ref).active()); }
    @Override public Mono<Boolean> domainIsPersistent(DomainRef ref) { return now(() -> view(ref).isPersistent()); }
    @Override public Mono<Boolean> domainIsUpdated(DomainRef ref) { return now(() -> { view(ref); return false; }); }
    @Override public Mono<Boolean> domainGetAutostart(DomainRef ref) { return now(() -> view(ref).autostart()); }
    @Override public Mono<SecurityLabel> domainGetSecurityLabel(DomainRef ref) { return now(() -> { view(ref); return new SecurityLabel("", false); }); }

    @Override
    public Mono<Integer> connectGetMaxVcpus(String type) {
        return now(() -> {
            if (type != null && !type.equalsIgnoreCase("xen")) {
                throw VirtException.invalidArg("unknown type '" + type + "'");
            }
            return MAX_GUEST_VCPUS;
        });
    }

    /** This backend keeps no managed save images (save/restore is not bound yet), so there is none to report. */
    @Override
    public Mono<Boolean> domainHasManagedSaveImage(DomainRef ref, int flags) {
        return now(() -> {
            Flags.check(flags, 0, "libxlDomainHasManagedSaveImage");
            view(ref);
            return false;
        });
    }

    @Override
    public Mono<List<String>> domainGetMessages(DomainRef ref, int flags) {
        return now(() -> {
            Flags.check(flags, 3, "libxlDomainGetMessages");
            view(ref);
            return List.<String>of();
        });
    }

    @Override
    public Mono<Integer> domainGetVcpusFlags(DomainRef ref, int flags) {
        return now(() -> {
            Flags.check(flags, Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG | Flags.VCPU_MAXIMUM, "libxlDomainGetVcpusFlags");
            LibxlDomain v = view(ref);
            return TuningRules.vcpuCount(v, flags);
        });
    }

    @Override
    public Mono<List<VcpuInfo>> domainGetVcpus(DomainRef ref) {
        return work(() -> {
            LibxlDomain v = view(ref);
            if (!v.active()) {
                throw VirtException.invalid("cannot list vcpus for an inactive domain");
            }
            var out = new ArrayList<VcpuInfo>();
            for (VcpuState s : libxl.listVcpus(v.id())) {
                int state = !s.online() ? VcpuInfo.STATE_OFFLINE
                        : s.running() ? VcpuInfo.STATE_RUNNING : VcpuInfo.STATE_BLOCKED;
                out.add(new VcpuInfo(s.vcpuId(), state, s.timeNs(), s.cpu(), s.affinity()));
            }
            return out;
        });
    }

    // ---- one domain: changes --------------------------------------------------------------

    @Override public Mono<DomainRef> domainDefineXMLFlags(String xml, int flags) { return work(() -> lifecycle.define(xml, flags)); }
    @Override public Mono<Void> domainUndefineFlags(DomainRef ref, int flags) { return work(() -> { lifecycle.undefine(ref, flags); return null; }); }
    @Override public Mono<DomainRef> domainCreateWithFlags(DomainRef ref, int flags) { return work(() -> lifecycle.create(ref, flags)); }
    @Override public Mono<DomainRef> domainCreateXML(String xml, int flags) { return work(() -> lifecycle.createXml(xml, flags)); }
    @Override public Mono<Void> domainSuspend(DomainRef ref) { return work(() -> { lifecycle.suspend(ref); return null; }); }
    @Override public Mono<Void> domainResume(DomainRef ref) { return work(() -> { lifecycle.resume(ref); return null; }); }
    @Override public Mono<Void> domainShutdownFlags(DomainRef ref, int flags) { return work(() -> { lifecycle.shutdown(ref, flags, exits); return null; }); }
    @Override public Mono<Void> domainReboot(DomainRef ref, int flags) { return work(() -> { lifecycle.reboot(ref, flags, exits); return null; }); }
    @Override public Mono<Void> domainDestroyFlags(DomainRef ref, int flags) { return work(() -> { lifecycle.destroy(ref, flags); return null; }); }
    @Override public Mono<Void> domainSetAutostart(DomainRef ref, boolean on) { return work(() -> { tuning.setAutostart(ref, on); return null; }); }
    @Override public Mono<Void> domainSetMemoryFlags(DomainRef ref, long kib, int flags) { return work(() -> { tuning.setMemory(ref, kib, flags); return null; }); }

    @Override
    public Mono<Void> domainSetVcpusFlags(DomainRef ref, int nvcpus, int flags) {
        return work(() -> {
            tuning.setVcpus(ref, nvcpus, flags, MAX_GUEST_VCPUS);
            return null;
        });
    }
}
