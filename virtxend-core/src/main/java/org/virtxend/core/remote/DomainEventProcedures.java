package org.virtxend.core.remote;

import com.google.protobuf.Empty;
import java.util.UUID;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.event.DomainEvent;
import org.virtxend.core.event.EventBus;
import org.virtxend.core.protocol.remote.*;
import org.virtxend.core.rpc.CallContext;
import org.virtxend.core.rpc.HandlerTable;
import reactor.core.publisher.Mono;

/** Event registration in the three forms clients use: callback ids (316/317), per-id (167/168), lifecycle (105/106). */
final class DomainEventProcedures {
    private final EventBus bus;
    private final EventFrames frames;

    private DomainEventProcedures(EventBus bus, EventFrames frames) {
        this.bus = bus;
        this.frames = frames;
    }

    static void register(HandlerTable t, EventBus bus) {
        var p = new DomainEventProcedures(bus, new EventFrames(t.program()));
        t.on("ConnectDomainEventCallbackRegisterAny", ConnectDomainEventCallbackRegisterAnyArgs.class, p::callbackRegister);
        t.on("ConnectDomainEventCallbackDeregisterAny", ConnectDomainEventCallbackDeregisterAnyArgs.class, p::callbackDeregister);
        t.on("ConnectDomainEventRegisterAny", ConnectDomainEventRegisterAnyArgs.class, p::legacyRegister);
        t.on("ConnectDomainEventDeregisterAny", ConnectDomainEventDeregisterAnyArgs.class, p::legacyDeregister);
        t.on("ConnectDomainEventRegister", Empty.class, p::lifecycleRegister);
        t.on("ConnectDomainEventDeregister", Empty.class, p::lifecycleDeregister);
    }

    /** The session's registrations, created with a hook that drops them when the client goes. */
    static SessionEvents of(CallContext ctx, EventBus bus) {
        return ctx.state().extension(SessionEvents.class, () -> {
            var events = new SessionEvents(bus);
            ctx.session().onClose(events::closeAll);
            return events;
        });
    }

    /** Drops a session's registrations (CONNECT_CLOSE), if it made any. */
    static void closeSession(CallContext ctx) {
        SessionEvents events = ctx.state().existing(SessionEvents.class);
        if (events != null) {
            events.closeAll();
        }
    }

    private Mono<ConnectDomainEventCallbackRegisterAnyRet> callbackRegister(CallContext ctx, ConnectDomainEventCallbackRegisterAnyArgs a) {
        checkEventId(a.getEventId());
        UUID only = a.hasDom() ? WireMapping.uuid(a.getDom().getUuid()) : null;
        int id = of(ctx, bus).addCallback(cb -> bus.subscribe(a.getEventId(), only,
                new SessionEventSink(ctx.session(), e -> frames.callback(cb, e))));
        if (id < 0) {
            return Mono.error(VirtException.internal("connection is closing"));
        }
        return Mono.just(ConnectDomainEventCallbackRegisterAnyRet.newBuilder().setCallbackId(id).build());
    }

    private Mono<Empty> callbackDeregister(CallContext ctx, ConnectDomainEventCallbackDeregisterAnyArgs a) {
        if (!of(ctx, bus).removeCallback(a.getCallbackId())) {
            return Mono.error(new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.RPC,
                    "domain event callback " + a.getCallbackId() + " not registered"));
        }
        return Mono.just(Empty.getDefaultInstance());
    }

    private Mono<Empty> legacyRegister(CallContext ctx, ConnectDomainEventRegisterAnyArgs a) {
        checkEventId(a.getEventId());
        SessionEvents events = of(ctx, bus);
        synchronized (events) {
            if (events.hasLegacy(a.getEventId())) {
                return Mono.error(VirtException.internal("domain event " + a.getEventId() + " already registered"));
            }
            events.addLegacy(a.getEventId(), bus.subscribe(a.getEventId(), null,
                    new SessionEventSink(ctx.session(), frames::legacy)));
        }
        return Mono.just(Empty.getDefaultInstance());
    }

    private Mono<Empty> legacyDeregister(CallContext ctx, ConnectDomainEventDeregisterAnyArgs a) {
        checkEventId(a.getEventId());
        if (!of(ctx, bus).removeLegacy(a.getEventId())) {
            return Mono.error(VirtException.internal("domain event " + a.getEventId() + " not registered"));
        }
        return Mono.just(Empty.getDefaultInstance());
    }

    private Mono<ConnectDomainEventRegisterRet> lifecycleRegister(CallContext ctx, Empty a) {
        SessionEvents events = of(ctx, bus);
        synchronized (events) {
            if (events.legacyLifecycle() == null) {
                events.setLegacyLifecycle(bus.subscribe(DomainEvent.ID_LIFECYCLE, null,
                        new SessionEventSink(ctx.session(), frames::legacy)));
            }
        }
        return Mono.just(ConnectDomainEventRegisterRet.newBuilder().setCbRegistered(1).build());
    }

    private Mono<ConnectDomainEventDeregisterRet> lifecycleDeregister(CallContext ctx, Empty a) {
        of(ctx, bus).setLegacyLifecycle(null);
        return Mono.just(ConnectDomainEventDeregisterRet.newBuilder().setCbRegistered(0).build());
    }

    private static void checkEventId(int id) {
        if (id < 0 || id >= DomainEvent.ID_LAST) {
            throw VirtException.invalidArg("unsupported event ID " + id);
        }
    }
}
