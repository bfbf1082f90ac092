package org.virtxend.core.sim;

import org.virtxend.core.driver.ListFilter;
import java.util.ArrayList;
import java.util.List;
import org.virtxend.core.domain.device.Disk;
import org.virtxend.core.domain.device.NetInterface;
import org.virtxend.core.driver.BlockStats;
import org.virtxend.core.driver.CpuStats;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.DomainStatsRecord;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.InterfaceStats;
import org.virtxend.core.driver.MemoryStat;
import org.virtxend.core.driver.TypedField;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * Per-domain statistics of the simulated Xen, in libvirt's field names: what virsh domstats,
 * domblkstat, domifstat, dommemstat and cpu-stats show. All of it is read from the domain's
 * view and the hypervisor's snapshot; nothing waits.
 */
final class SimStatistics {
    // virDomainStatsTypes
    static final int STATE = 1;
    static final int CPU_TOTAL = 2;
    static final int BALLOON = 4;
    static final int VCPU = 8;
    static final int INTERFACE = 16;
    static final int BLOCK = 32;
    static final int SUPPORTED = STATE | CPU_TOTAL | BALLOON | VCPU | INTERFACE | BLOCK;
    // virConnectGetAllDomainStatsFlags beyond the list filters
    static final int NOWAIT = 1 << 29;
    static final int BACKING = 1 << 30;
    static final int ENFORCE_STATS = 1 << 31;
    private static final int LIST_FILTERS = Flags.LIST_ACTIVE | Flags.LIST_INACTIVE | Flags.LIST_PERSISTENT
            | Flags.LIST_TRANSIENT | Flags.LIST_RUNNING | Flags.LIST_PAUSED | Flags.LIST_SHUTOFF | Flags.LIST_OTHER;
    /** VIR_TYPED_PARAM_STRING_OKAY, which the client library adds by itself. */
    private static final int STRING_OKAY = 1 << 2;

    private final SimContext ctx;

    SimStatistics(SimContext ctx) {
        this.ctx = ctx;
    }

    List<DomainStatsRecord> all(List<DomainRef> doms, int stats, int flags) {
        Flags.check(flags, LIST_FILTERS | NOWAIT | BACKING | ENFORCE_STATS, "libxlConnectGetAllDomainStats");
        int groups = stats == 0 ? SUPPORTED : stats;
        if ((flags & ENFORCE_STATS) != 0 && (groups & ~SUPPORTED) != 0) {
            throw new VirtException(ErrorCode.ARGUMENT_UNSUPPORTED, ErrorDomain.LIBXL,
                    "Stats types bits 0x" + Integer.toHexString(groups & ~SUPPORTED) + " are not supported by this daemon");
        }
        groups &= SUPPORTED;
        List<SimDomain> chosen = new ArrayList<>();
        if (doms.isEmpty()) {
            chosen.addAll(ctx.domains.all());
        } else {
            for (DomainRef r : doms) { // virDomainListGetStats: domains gone meanwhile are skipped
                SimDomain d = ctx.domains.byUuid(r.uuid());
                if (d != null) {
                    chosen.add(d);
                }
            }
        }
        var out = new ArrayList<DomainStatsRecord>();
        for (SimDomain d : chosen) {
            DomainView v = d.view();
            if (ListFilter.matches(v, flags & LIST_FILTERS, false)) {
                out.add(new DomainStatsRecord(v.ref(), record(v, groups)));
            }
        }
        return out;
    }

    private List<TypedField> record(DomainView v, int groups) {
        var f = new ArrayList<TypedField>();
        GuestStatus g = guest(v);
        if ((groups & STATE) != 0) {
            f.add(TypedField.integer("state.state", v.state().state().number()));
            f.add(TypedField.integer("state.reason", v.state().reason()));
        }
        var info = DomainStats.info(v, ctx.xen);
        if ((groups & CPU_TOTAL) != 0 && v.active()) {
            long cpu = info.cpuTimeNs();
            f.add(TypedField.ullong("cpu.time", cpu));
            f.add(TypedField.ullong("cpu.user", userShare(cpu)));
            f.add(TypedField.ullong("cpu.system", cpu - userShare(cpu)));
        }
        if ((groups & BALLOON) != 0) {
            f.add(TypedField.ullong("balloon.current", info.memoryKiB()));
            f.add(TypedField.ullong("balloon.maximum", info.maxMemKiB()));
            if (g != null) {
                for (MemoryStat m : memory(v, g)) {
                    String name = balloonName(m.tag());
                    if (name != null) {
                        f.add(TypedField.ullong("balloon." + name, m.value()));
                    }
                }
            }
        }
        if ((groups & VCPU) != 0) {
            f.add(TypedField.uint("vcpu.current", info.nrVirtCpu()));
            f.add(TypedField.uint("vcpu.maximum", v.current().maxVcpus()));
            if (v.active()) {
                var vcpus = DomainStats.vcpus(v, ctx.xen);
                for (var c : vcpus) {
                    f.add(TypedField.integer("vcpu." + c.number() + ".state", c.state()));
                    f.add(TypedField.ullong("vcpu." + c.number() + ".time", c.cpuTimeNs()));
                }
            }
        }
        if ((groups & INTERFACE) != 0 && v.active()) {
            var nics = v.current().devices().interfaces();
            f.add(TypedField.uint("net.count", nics.size()));
            for (int i = 0; i < nics.size(); i++) {
                var s = g == null ? GuestCounters.vif(0, i) : GuestCounters.vif(g.runningMs(), i);
                String p = "net." + i + ".";
                f.add(TypedField.string(p + "name", nics.get(i).targetDev()));
                f.add(TypedField.ullong(p + "rx.bytes", s.rxBytes()));
                f.add(TypedField.ullong(p + "rx.pkts", s.rxPackets()));
                f.add(TypedField.ullong(p + "rx.errs", s.rxErrs()));
                f.add(TypedField.ullong(p + "rx.drop", s.rxDrop()));
                f.add(TypedField.ullong(p + "tx.bytes", s.txBytes()));
                f.add(TypedField.ullong(p + "tx.pkts", s.txPackets()));
                f.add(TypedField.ullong(p + "tx.errs", s.txErrs()));
                f.add(TypedField.ullong(p + "tx.drop", s.txDrop()));
            }
        }
        if ((groups & BLOCK) != 0) {
            var disks = v.current().devices().disks();
            f.add(TypedField.uint("block.count", disks.size()));
            for (int i = 0; i < disks.size(); i++) {
                Disk d = disks.get(i);
                String p = "block." + i + ".";
                f.add(TypedField.string(p + "name", d.targetDev()));
                if (d.sourcePath() != null) {
                    f.add(TypedField.string(p + "path", d.sourcePath()));
                }
                if (v.active()) {
                    var s = GuestCounters.disk(g == null ? 0 : g.runningMs(), i);
                    f.add(TypedField.ullong(p + "rd.reqs", s.rdReq()));
                    f.add(TypedField.ullong(p + "rd.bytes", s.rdBytes()));
                    f.add(TypedField.ullong(p + "rd.times", s.rdTotalTimesNs()));
                    f.add(TypedField.ullong(p + "wr.reqs", s.wrReq()));
                    f.add(TypedField.ullong(p + "wr.bytes", s.wrBytes()));
                    f.add(TypedField.ullong(p + "wr.times", s.wrTotalTimesNs()));
                    f.add(TypedField.ullong(p + "fl.reqs", s.flushReq()));
                    f.add(TypedField.ullong(p + "fl.times", s.flushTotalTimesNs()));
                }
            }
        }
        return f;
    }

    BlockStats block(DomainRef ref, String path) {
        DomainView v = running(ref);
        GuestStatus g = guest(v);
        long ms = g == null ? 0 : g.runningMs();
        var disks = v.current().devices().disks();
        if (path.isEmpty()) { // the sum over all disks
            BlockStats sum = BlockStats.ZERO;
            for (int i = 0; i < disks.size(); i++) {
                sum = sum.plus(GuestCounters.disk(ms, i));
            }
            return sum;
        }
        for (int i = 0; i < disks.size(); i++) {
            Disk d = disks.get(i);
            if (path.equals(d.targetDev()) || path.equals(d.sourcePath())) {
                return GuestCounters.disk(ms, i);
            }
        }
        throw VirtException.invalidArg("invalid path: " + path);
    }

    InterfaceStats nic(DomainRef ref, String device) {
        DomainView v = running(ref);
        GuestStatus g = guest(v);
        var nics = v.current().devices().interfaces();
        for (int i = 0; i < nics.size(); i++) {
            NetInterface n = nics.get(i);
            if (device.equals(n.targetDev()) || device.equalsIgnoreCase(n.mac() == null ? "" : n.mac())) {
                return GuestCounters.vif(g == null ? 0 : g.runningMs(), i);
            }
        }
        throw VirtException.invalidArg("'" + device + "' is not a known interface");
    }

    List<MemoryStat> memory(DomainRef ref, int maxStats, int flags) {
        Flags.check(flags, 0, "libxlDomainMemoryStats");
        DomainView v = running(ref);
        GuestStatus g = guest(v);
        List<MemoryStat> all = g == null
                ? List.of(new MemoryStat(MemoryStat.ACTUAL_BALLOON, DomainStats.info(v, ctx.xen).memoryKiB()))
                : memory(v, g);
        return all.subList(0, Math.min(all.size(), Math.max(0, maxStats)));
    }

    CpuStats cpu(DomainRef ref, int startCpu, int ncpus, int flags) {
        Flags.check(flags, STRING_OKAY, "libxlDomainGetCPUStats");
        DomainView v = running(ref);
        int hostCpus = ctx.xen.host().cpus();
        if (startCpu == -1) {
            long cpu = DomainStats.info(v, ctx.xen).cpuTimeNs();
            return new CpuStats(hostCpus, List.of(List.of(TypedField.ullong("cpu_time", cpu),
                    TypedField.ullong("user_time", userShare(cpu)), TypedField.ullong("system_time", cpu - userShare(cpu)))));
        }
        if (startCpu >= hostCpus) {
            throw VirtException.invalidArg("start_cpu " + startCpu + " larger than maximum of " + (hostCpus - 1));
        }
        // each vCPU runs on host CPU (vcpu number mod host CPUs), as the vCPU info reports
        long[] perHost = new long[hostCpus];
        for (var c : DomainStats.vcpus(v, ctx.xen)) {
            perHost[c.cpu()] += c.cpuTimeNs();
        }
        var rows = new ArrayList<List<TypedField>>();
        for (int c = startCpu; c < Math.min(hostCpus, startCpu + (long) ncpus); c++) {
            rows.add(List.of(TypedField.ullong("cpu_time", perHost[c]), TypedField.ullong("vcpu_time", perHost[c])));
        }
        return new CpuStats(hostCpus, rows);
    }

    private DomainView running(DomainRef ref) {
        DomainView v = ctx.require(ref).view();
        if (!v.active()) {
            throw VirtException.invalid("domain is not running");
        }
        return v;
    }

    /** The hypervisor's guest behind an active domain (null for Domain-0 and for one that just vanished). */
    private GuestStatus guest(DomainView v) {
        return v.active() && v.id() > 0 ? ctx.xen.guest(v.id()).orElse(null) : null;
    }

    private List<MemoryStat> memory(DomainView v, GuestStatus g) {
        return GuestCounters.memory(g.runningMs(), g.memoryKiB(), g.maxMemoryKiB(), ctx.config.clock().millis());
    }

    /** The simulated guests spend about 70% of their CPU time in guest user space. */
    private static long userShare(long cpuNs) {
        return cpuNs / 10 * 7;
    }

    /** The balloon.* names of domstats for memory statistic tags. */
    private static String balloonName(int tag) {
        return switch (tag) {
            case MemoryStat.SWAP_IN -> "swap_in";
            case MemoryStat.SWAP_OUT -> "swap_out";
            case MemoryStat.MAJOR_FAULT -> "major_fault";
            case MemoryStat.MINOR_FAULT -> "minor_fault";
            case MemoryStat.UNUSED -> "unused";
            case MemoryStat.AVAILABLE -> "available";
            case MemoryStat.RSS -> "rss";
            case MemoryStat.USABLE -> "usable";
            case MemoryStat.LAST_UPDATE -> "last-update";
            case MemoryStat.DISK_CACHES -> "disk_caches";
            default -> null; // ACTUAL_BALLOON is balloon.current
        };
    }
}
