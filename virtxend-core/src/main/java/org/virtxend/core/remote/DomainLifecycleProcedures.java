package org.virtxend.core.remote;

import com.google.protobuf.Empty;
import org.virtxend.core.driver.HypervisorDriver;
import org.virtxend.core.protocol.remote.*;
import org.virtxend.core.rpc.HandlerTable;
import reactor.core.publisher.Mono;

import static org.virtxend.core.remote.WireMapping.ref;
import static org.virtxend.core.remote.WireMapping.wire;

/** Define, undefine, start, stop, pause: the legacy procedures map onto their *Flags forms. */
final class DomainLifecycleProcedures {
    private static final Empty VOID = Empty.getDefaultInstance();

    private DomainLifecycleProcedures() {
    }

    static void register(HandlerTable t, HypervisorDriver d) {
        t.on("DomainDefineXml", DomainDefineXmlArgs.class, (ctx, a) -> d.domainDefineXMLFlags(a.getXml(), 0)
                .map(r -> DomainDefineXmlRet.newBuilder().setDom(wire(r)).build()));
        t.on("DomainDefineXmlFlags", DomainDefineXmlFlagsArgs.class, (ctx, a) -> d.domainDefineXMLFlags(a.getXml(), a.getFlags())
                .map(r -> DomainDefineXmlFlagsRet.newBuilder().setDom(wire(r)).build()));
        t.on("DomainUndefine", DomainUndefineArgs.class, (ctx, a) -> done(d.domainUndefineFlags(ref(a.getDom()), 0)));
        t.on("DomainUndefineFlags", DomainUndefineFlagsArgs.class, (ctx, a) ->
                done(d.domainUndefineFlags(ref(a.getDom()), a.getFlags())));
        t.on("DomainCreate", DomainCreateArgs.class, (ctx, a) -> done(d.domainCreateWithFlags(ref(a.getDom()), 0)));
        t.on("DomainCreateWithFlags", DomainCreateWithFlagsArgs.class, (ctx, a) ->
                d.domainCreateWithFlags(ref(a.getDom()), a.getFlags())
                        .map(r -> DomainCreateWithFlagsRet.newBuilder().setDom(wire(r)).build()));
        t.on("DomainCreateXml", DomainCreateXmlArgs.class, (ctx, a) -> d.domainCreateXML(a.getXmlDesc(), a.getFlags())
                .map(r -> DomainCreateXmlRet.newBuilder().setDom(wire(r)).build()));
        t.on("DomainSuspend", DomainSuspendArgs.class, (ctx, a) -> done(d.domainSuspend(ref(a.getDom()))));
        t.on("DomainResume", DomainResumeArgs.class, (ctx, a) -> done(d.domainResume(ref(a.getDom()))));
        t.on("DomainShutdown", DomainShutdownArgs.class, (ctx, a) -> done(d.domainShutdownFlags(ref(a.getDom()), 0)));
        t.on("DomainShutdownFlags", DomainShutdownFlagsArgs.class, (ctx, a) ->
                done(d.domainShutdownFlags(ref(a.getDom()), a.getFlags())));
        t.on("DomainReboot", DomainRebootArgs.class, (ctx, a) -> done(d.domainReboot(ref(a.getDom()), a.getFlags())));
        t.on("DomainDestroy", DomainDestroyArgs.class, (ctx, a) -> done(d.domainDestroyFlags(ref(a.getDom()), 0)));
        t.on("DomainDestroyFlags", DomainDestroyFlagsArgs.class, (ctx, a) ->
                done(d.domainDestroyFlags(ref(a.getDom()), a.getFlags())));
    }

    static Mono<Empty> done(Mono<?> work) {
        return work.then(Mono.just(VOID));
    }

}
