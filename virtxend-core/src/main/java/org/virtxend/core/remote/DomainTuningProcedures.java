package org.virtxend.core.remote;

import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.HypervisorDriver;
import org.virtxend.core.driver.VcpuInfo;
import org.virtxend.core.protocol.remote.*;
import org.virtxend.core.rpc.HandlerTable;
import reactor.core.publisher.Mono;

import static org.virtxend.core.remote.DomainLifecycleProcedures.done;
import static org.virtxend.core.remote.WireMapping.ref;

/** Memory, vCPUs and autostart. */
final class DomainTuningProcedures {
    private static final int VCPUINFO_MAX = 16384;
    private static final int CPUMAPS_MAX = 8388608;

    private DomainTuningProcedures() {
    }

    static void register(HandlerTable t, HypervisorDriver d) {
        t.on("DomainSetAutostart", DomainSetAutostartArgs.class, (ctx, a) ->
                done(d.domainSetAutostart(ref(a.getDom()), a.getAutostart() != 0)));
        // virDomainSetMemory is the live change; virDomainSetMaxMemory changes the maximum for the current state
        t.on("DomainSetMemory", DomainSetMemoryArgs.class, (ctx, a) ->
                done(d.domainSetMemoryFlags(ref(a.getDom()), a.getMemory(), Flags.AFFECT_LIVE)));
        t.on("DomainSetMaxMemory", DomainSetMaxMemoryArgs.class, (ctx, a) ->
                done(d.domainSetMemoryFlags(ref(a.getDom()), a.getMemory(), Flags.MEM_MAXIMUM)));
        t.on("DomainSetMemoryFlags", DomainSetMemoryFlagsArgs.class, (ctx, a) ->
                done(d.domainSetMemoryFlags(ref(a.getDom()), a.getMemory(), a.getFlags())));
        t.on("DomainSetVcpus", DomainSetVcpusArgs.class, (ctx, a) ->
                done(d.domainSetVcpusFlags(ref(a.getDom()), a.getNvcpus(), Flags.AFFECT_LIVE)));
        t.on("DomainSetVcpusFlags", DomainSetVcpusFlagsArgs.class, (ctx, a) ->
                done(d.domainSetVcpusFlags(ref(a.getDom()), a.getNvcpus(), a.getFlags())));
        t.on("DomainGetVcpusFlags", DomainGetVcpusFlagsArgs.class, (ctx, a) ->
                d.domainGetVcpusFlags(ref(a.getDom()), a.getFlags())
                        .map(n -> DomainGetVcpusFlagsRet.newBuilder().setNum(n).build()));
        t.on("DomainGetMaxVcpus", DomainGetMaxVcpusArgs.class, (ctx, a) ->
                d.domainGetVcpusFlags(ref(a.getDom()), Flags.AFFECT_LIVE | Flags.VCPU_MAXIMUM)
                        .map(n -> DomainGetMaxVcpusRet.newBuilder().setNum(n).build()));
        t.on("DomainGetVcpus", DomainGetVcpusArgs.class, (ctx, a) -> {
            if (a.getMaxinfo() > VCPUINFO_MAX || a.getMaxinfo() < 0) {
                return Mono.error(rpc("maxinfo > REMOTE_VCPUINFO_MAX"));
            }
            if ((long) a.getMaxinfo() * a.getMaplen() > CPUMAPS_MAX || a.getMaplen() < 0) {
                return Mono.error(rpc("maxinfo * maplen > REMOTE_CPUMAPS_MAX"));
            }
            return d.domainGetVcpus(ref(a.getDom())).map(list -> {
                var r = DomainGetVcpusRet.newBuilder();
                int n = Math.min(list.size(), a.getMaxinfo());
                byte[] maps = new byte[n * a.getMaplen()];
                for (int i = 0; i < n; i++) {
                    VcpuInfo v = list.get(i);
                    r.addInfo(org.virtxend.core.protocol.remote.VcpuInfo.newBuilder().setNumber(v.number())
                            .setState(v.state()).setCpuTime(v.cpuTimeNs()).setCpu(v.cpu()));
                    System.arraycopy(v.affinity(), 0, maps, i * a.getMaplen(), Math.min(a.getMaplen(), v.affinity().length));
                }
                return r.setCpumaps(com.google.protobuf.ByteString.copyFrom(maps)).build();
            });
        });
    }

    private static RuntimeException rpc(String text) {
        return new org.virtxend.core.error.VirtException(org.virtxend.core.error.ErrorCode.RPC,
                org.virtxend.core.error.ErrorDomain.RPC, text);
    }
}
