package org.virtxend.core.remote;

import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.HypervisorDriver;
import org.virtxend.core.protocol.remote.*;
import org.virtxend.core.rpc.HandlerTable;
import org.virtxend.core.rpc.WireErrors;
import reactor.core.publisher.Mono;

import static org.virtxend.core.remote.WireMapping.ref;

/** Reading one domain's state and configuration. */
final class DomainQueryProcedures {
    private DomainQueryProcedures() {
    }

    static void register(HandlerTable t, HypervisorDriver driver) {
        t.on("DomainGetInfo", DomainGetInfoArgs.class, (ctx, a) -> driver.domainGetInfo(ref(a.getDom()))
                .map(i -> DomainGetInfoRet.newBuilder().setState(i.state().number()).setMaxMem(i.maxMemKiB())
                        .setMemory(i.memoryKiB()).setNrVirtCpu(i.nrVirtCpu()).setCpuTime(i.cpuTimeNs()).build()));
        t.on("DomainGetState", DomainGetStateArgs.class, (ctx, a) -> driver.domainGetState(ref(a.getDom()), a.getFlags())
                .map(s -> DomainGetStateRet.newBuilder().setState(s.state().number()).setReason(s.reason()).build()));
        t.on("DomainGetOsType", DomainGetOsTypeArgs.class, (ctx, a) -> driver.domainGetOSType(ref(a.getDom()))
                .map(s -> DomainGetOsTypeRet.newBuilder().setType(s).build()));
        t.on("DomainGetXmlDesc", DomainGetXmlDescArgs.class, (ctx, a) -> {
            // secure XML may hold passwords: libvirt refuses it to read-only clients
            if ((a.getFlags() & Flags.XML_SECURE) != 0 && ctx.state().isReadOnly()) {
                return Mono.error(WireErrors.readOnly("virDomainGetXMLDesc with secure flag"));
            }
            return driver.domainGetXMLDesc(ref(a.getDom()), a.getFlags())
                    .map(x -> DomainGetXmlDescRet.newBuilder().setXml(x).build());
        });
        t.on("DomainGetMaxMemory", DomainGetMaxMemoryArgs.class, (ctx, a) -> driver.domainGetMaxMemory(ref(a.getDom()))
                .map(m -> DomainGetMaxMemoryRet.newBuilder().setMemory(m).build()));
        t.on("DomainIsActive", DomainIsActiveArgs.class, (ctx, a) -> driver.domainIsActive(ref(a.getDom()))
                .map(b -> DomainIsActiveRet.newBuilder().setActive(b ? 1 : 0).build()));
        t.on("DomainIsPersistent", DomainIsPersistentArgs.class, (ctx, a) -> driver.domainIsPersistent(ref(a.getDom()))
                .map(b -> DomainIsPersistentRet.newBuilder().setPersistent(b ? 1 : 0).build()));
        t.on("DomainIsUpdated", DomainIsUpdatedArgs.class, (ctx, a) -> driver.domainIsUpdated(ref(a.getDom()))
                .map(b -> DomainIsUpdatedRet.newBuilder().setUpdated(b ? 1 : 0).build()));
        t.on("DomainGetAutostart", DomainGetAutostartArgs.class, (ctx, a) -> driver.domainGetAutostart(ref(a.getDom()))
                .map(b -> DomainGetAutostartRet.newBuilder().setAutostart(b ? 1 : 0).build()));
        t.on("DomainHasManagedSaveImage", DomainHasManagedSaveImageArgs.class, (ctx, a) ->
                driver.domainHasManagedSaveImage(ref(a.getDom()), a.getFlags())
                        .map(b -> DomainHasManagedSaveImageRet.newBuilder().setResult(b ? 1 : 0).build()));
        t.on("DomainGetSecurityLabel", DomainGetSecurityLabelArgs.class, (ctx, a) ->
                driver.domainGetSecurityLabel(ref(a.getDom())).map(l -> DomainGetSecurityLabelRet.newBuilder()
                        .setLabel(WireMapping.cString(l.label())).setEnforcing(l.enforcing() ? 1 : 0).build()));
        t.on("DomainGetMessages", DomainGetMessagesArgs.class, (ctx, a) ->
                driver.domainGetMessages(ref(a.getDom()), a.getFlags())
                        .map(m -> DomainGetMessagesRet.newBuilder().addAllMsgs(m).build()));
    }
}
