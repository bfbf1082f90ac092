package org.virtxend.core.remote;

import java.util.List;
import org.virtxend.core.driver.BlockStats;
import org.virtxend.core.driver.HypervisorDriver;
import org.virtxend.core.driver.TypedField;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.protocol.TypedParam;
import org.virtxend.core.protocol.remote.*;
import org.virtxend.core.rpc.HandlerTable;
import reactor.core.publisher.Mono;

import static org.virtxend.core.remote.WireMapping.ref;

/**
 * Statistics: domstats (which also serves virDomainListGetStats: the same procedure with
 * domains named), domblkstat, domifstat, dommemstat and cpu-stats. The "how many fields"
 * forms (nparams 0) answer with the count only, as libvirt's daemon does.
 */
final class StatsProcedures {
    private static final int DOMAIN_LIST_MAX = 16384;
    private static final int BLOCK_STATS_PARAMETERS_MAX = 16;
    private static final int MEMORY_STATS_MAX = 1024;
    private static final int NODE_CPU_STATS_MAX = 16;
    private static final int GET_CPU_STATS_NCPUS_MAX = 128;
    private static final int GET_CPU_STATS_MAX = 2048;

    private StatsProcedures() {
    }

    static void register(HandlerTable t, HypervisorDriver d) {
        t.on("ConnectGetAllDomainStats", ConnectGetAllDomainStatsArgs.class, (ctx, a) -> {
            StatParams.checkCount(a.getDomsCount(), DOMAIN_LIST_MAX, "domains");
            List<org.virtxend.core.driver.DomainRef> doms = a.getDomsList().stream().map(WireMapping::ref).toList();
            return d.connectGetAllDomainStats(doms, a.getStats(), a.getFlags()).map(records -> {
                var r = ConnectGetAllDomainStatsRet.newBuilder();
                for (var rec : records) {
                    r.addRetStats(DomainStatsRecord.newBuilder().setDom(WireMapping.wire(rec.dom()))
                            .addAllParams(StatParams.wire(rec.fields())));
                }
                return r.build();
            });
        });
        t.on("DomainBlockStats", DomainBlockStatsArgs.class, (ctx, a) -> d.domainBlockStats(ref(a.getDom()), a.getPath())
                .map(s -> DomainBlockStatsRet.newBuilder().setRdReq(s.rdReq()).setRdBytes(s.rdBytes())
                        .setWrReq(s.wrReq()).setWrBytes(s.wrBytes()).setErrs(s.errs()).build()));
        t.on("DomainBlockStatsFlags", DomainBlockStatsFlagsArgs.class, (ctx, a) -> {
            StatParams.checkCount(a.getNparams(), BLOCK_STATS_PARAMETERS_MAX, "nparams");
            // the flags check is the driver's; BlockStats carries no flags, so check them here as libxl does
            org.virtxend.core.driver.Flags.check(a.getFlags(), 1 << 2, "libxlDomainBlockStatsFlags");
            return d.domainBlockStats(ref(a.getDom()), a.getPath()).map(s -> {
                List<TypedParam> all = blockParams(s);
                var r = DomainBlockStatsFlagsRet.newBuilder();
                if (a.getNparams() == 0) {
                    return r.setNparams(all.size()).build();
                }
                List<TypedParam> some = all.subList(0, Math.min(all.size(), a.getNparams()));
                return r.addAllParams(some).setNparams(some.size()).build();
            });
        });
        t.on("DomainInterfaceStats", DomainInterfaceStatsArgs.class, (ctx, a) ->
                d.domainInterfaceStats(ref(a.getDom()), a.getDevice()).map(s -> DomainInterfaceStatsRet.newBuilder()
                        .setRxBytes(s.rxBytes()).setRxPackets(s.rxPackets()).setRxErrs(s.rxErrs()).setRxDrop(s.rxDrop())
                        .setTxBytes(s.txBytes()).setTxPackets(s.txPackets()).setTxErrs(s.txErrs()).setTxDrop(s.txDrop())
                        .build()));
        t.on("DomainMemoryStats", DomainMemoryStatsArgs.class, (ctx, a) -> {
            if (Integer.toUnsignedLong(a.getMaxStats()) > MEMORY_STATS_MAX) {
                return Mono.error(new VirtException(org.virtxend.core.error.ErrorCode.INTERNAL_ERROR,
                        org.virtxend.core.error.ErrorDomain.RPC, "maxStats > REMOTE_DOMAIN_MEMORY_STATS_MAX"));
            }
            return d.domainMemoryStats(ref(a.getDom()), a.getMaxStats(), a.getFlags()).map(list -> {
                var r = DomainMemoryStatsRet.newBuilder();
                list.forEach(m -> r.addStats(DomainMemoryStat.newBuilder().setTag(m.tag()).setVal(m.value())));
                return r.build();
            });
        });
        t.on("DomainGetCpuStats", DomainGetCpuStatsArgs.class, (ctx, a) -> cpuStats(d, a));
        t.on("NodeGetCpuStats", NodeGetCpuStatsArgs.class, (ctx, a) -> {
            StatParams.checkCount(a.getNparams(), NODE_CPU_STATS_MAX, "nparams");
            return d.nodeGetCPUStats(a.getCpuNum(), a.getFlags()).map(list -> {
                var r = NodeGetCpuStatsRet.newBuilder();
                if (a.getNparams() == 0) {
                    return r.setNparams(list.size()).build();
                }
                var some = list.subList(0, Math.min(list.size(), a.getNparams()));
                some.forEach(s -> r.addParams(NodeGetCpuStats.newBuilder().setField(s.field()).setValue(s.value())));
                return r.setNparams(some.size()).build();
            });
        });
        t.on("NodeGetMemoryStats", NodeGetMemoryStatsArgs.class, (ctx, a) -> {
            StatParams.checkCount(a.getNparams(), NODE_CPU_STATS_MAX, "nparams");
            return d.nodeGetMemoryStats(a.getCellNum(), a.getFlags()).map(list -> {
                var r = NodeGetMemoryStatsRet.newBuilder();
                if (a.getNparams() == 0) {
                    return r.setNparams(list.size()).build();
                }
                var some = list.subList(0, Math.min(list.size(), a.getNparams()));
                some.forEach(s -> r.addParams(NodeGetMemoryStats.newBuilder().setField(s.field()).setValue(s.value())));
                return r.setNparams(some.size()).build();
            });
        });
    }

    /** virDomainBlockStatsFlags' typed fields (libvirt's VIR_DOMAIN_BLOCK_STATS_* names). */
    private static List<TypedParam> blockParams(BlockStats s) {
        return List.of(StatParams.llong("rd_operations", s.rdReq()), StatParams.llong("rd_bytes", s.rdBytes()),
                StatParams.llong("rd_total_times", s.rdTotalTimesNs()), StatParams.llong("wr_operations", s.wrReq()),
                StatParams.llong("wr_bytes", s.wrBytes()), StatParams.llong("wr_total_times", s.wrTotalTimesNs()),
                StatParams.llong("flush_operations", s.flushReq()),
                StatParams.llong("flush_total_times", s.flushTotalTimesNs()), StatParams.llong("errs", s.errs()));
    }

    /**
     * virDomainGetCPUStats over the wire: with nparams 0 the answer is a count (of the total's
     * fields for start_cpu -1, of host CPUs for ncpus 0, else of the per-CPU fields); otherwise
     * each CPU's fields, the same number per CPU, and that number.
     */
    private static Mono<DomainGetCpuStatsRet> cpuStats(HypervisorDriver d, DomainGetCpuStatsArgs a) {
        long nparams = Integer.toUnsignedLong(a.getNparams());
        long ncpus = Integer.toUnsignedLong(a.getNcpus());
        StatParams.checkCount(nparams, NODE_CPU_STATS_MAX, "nparams");
        StatParams.checkCount(ncpus, GET_CPU_STATS_NCPUS_MAX, "ncpus");
        StatParams.checkCount(nparams * ncpus, GET_CPU_STATS_MAX, "nparams * ncpus");
        if (a.getStartCpu() == -1 && ncpus != 1) {
            return Mono.error(VirtException.invalidArg("ncpus must be 1 when start_cpu is -1"));
        }
        if (a.getStartCpu() < -1) {
            return Mono.error(VirtException.invalidArg("start_cpu in virDomainGetCPUStats must be greater than or equal to -1"));
        }
        return d.domainGetCPUStats(ref(a.getDom()), a.getStartCpu(), (int) ncpus, a.getFlags()).map(s -> {
            var r = DomainGetCpuStatsRet.newBuilder();
            int perRow = s.rows().isEmpty() ? 0 : s.rows().getFirst().size();
            if (nparams == 0) {
                return r.setNparams(a.getStartCpu() != -1 && ncpus == 0 ? s.hostCpus() : perRow).build();
            }
            int n = (int) Math.min(perRow, nparams);
            for (List<TypedField> row : s.rows()) {
                row.subList(0, n).forEach(f -> r.addParams(StatParams.wire(f)));
            }
            return r.setNparams(n).build();
        });
    }
}
