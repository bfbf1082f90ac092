package org.virtxend.core.remote;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import org.virtxend.core.driver.HypervisorDriver;
import org.virtxend.core.protocol.remote.*;
import org.virtxend.core.rpc.HandlerTable;

/** Host queries: node info, memory, CPU map, security model. */
final class NodeProcedures {
    private NodeProcedures() {
    }

    static void register(HandlerTable t, HypervisorDriver driver) {
        t.on("NodeGetInfo", Empty.class, (ctx, a) -> driver.nodeGetInfo().map(n -> NodeGetInfoRet.newBuilder()
                .setModel(n.model()).setMemory(n.memoryKiB()).setCpus(n.cpus()).setMhz(n.mhz())
                .setNodes(n.nodes()).setSockets(n.sockets()).setCores(n.cores()).setThreads(n.threads())
                .build()));
        t.on("NodeGetFreeMemory", Empty.class, (ctx, a) -> driver.nodeGetFreeMemory()
                .map(b -> NodeGetFreeMemoryRet.newBuilder().setFreeMem(b).build()));
        t.on("NodeGetCellsFreeMemory", NodeGetCellsFreeMemoryArgs.class, (ctx, a) ->
                driver.nodeGetCellsFreeMemory(a.getStartCell(), a.getMaxcells())
                        .map(cells -> NodeGetCellsFreeMemoryRet.newBuilder().addAllCells(cells).build()));
        t.on("NodeGetSecurityModel", Empty.class, (ctx, a) -> driver.nodeGetSecurityModel()
                .map(m -> NodeGetSecurityModelRet.newBuilder()
                        .setModel(WireMapping.cString(m.model())).setDoi(WireMapping.cString(m.doi())).build()));
        t.on("NodeGetCpuMap", NodeGetCpuMapArgs.class, (ctx, a) -> driver.nodeGetCPUMap().map(m -> {
            var r = NodeGetCpuMapRet.newBuilder().setRet(m.cpus());
            if (a.getNeedMap() != 0) {
                r.setCpumap(ByteString.copyFrom(m.online()));
            }
            if (a.getNeedOnline() != 0) {
                r.setOnline(m.onlineCount());
            }
            return r.build();
        }));
    }
}
