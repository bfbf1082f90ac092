package org.virtxend.core.remote;

import com.google.protobuf.Message;
import org.virtxend.core.event.DomainEvent;
import org.virtxend.core.protocol.Frames;
import org.virtxend.core.protocol.Wire;
import org.virtxend.core.protocol.remote.*;
import org.virtxend.core.rpc.Procedure;
import org.virtxend.core.rpc.Program;

/**
 * Event MESSAGE frames in both forms: with a callback id (procedures 318, 319…,
 * for clients that registered through 316) and the legacy ones without (107, 169).
 * Server events always travel with serial 1, as libvirtd sends them.
 */
final class EventFrames {
    private static final int EVENT_SERIAL = 1;
    private final Program program;

    EventFrames(Program program) {
        this.program = program;
    }

    /** The last event's frames: fan-out asks for the same event once per subscriber. */
    private record Cached(DomainEvent event, byte[] callbackTemplate, byte[] legacy) {
    }

    private volatile Cached last = new Cached(null, null, null);

    /** The frame for a callback registration: encoded once per event, then only the id differs. */
    byte[] callback(int callbackId, DomainEvent e) {
        Cached c = cached(e);
        byte[] frame = c.callbackTemplate().clone();
        // the callback id is the payload's first word, right after the 28-byte length+header
        frame[28] = (byte) (callbackId >>> 24);
        frame[29] = (byte) (callbackId >>> 16);
        frame[30] = (byte) (callbackId >>> 8);
        frame[31] = (byte) callbackId;
        return frame;
    }

    byte[] legacy(DomainEvent e) {
        return cached(e).legacy();
    }

    private Cached cached(DomainEvent e) {
        Cached c = last;
        if (c.event() != e) {
            c = new Cached(e, encodeCallback(0, e), encodeLegacy(e));
            last = c;
        }
        return c;
    }

    private byte[] encodeCallback(int callbackId, DomainEvent e) {
        return switch (e) {
            case DomainEvent.Lifecycle l -> frame("DomainEventCallbackLifecycle", DomainEventCallbackLifecycleMsg.newBuilder()
                    .setCallbackId(callbackId).setMsg(lifecycle(l)).build());
            case DomainEvent.Reboot r -> frame("DomainEventCallbackReboot", DomainEventCallbackRebootMsg.newBuilder()
                    .setCallbackId(callbackId).setMsg(DomainEventRebootMsg.newBuilder().setDom(WireMapping.wire(r.dom()))).build());
        };
    }

    private byte[] encodeLegacy(DomainEvent e) {
        return switch (e) {
            case DomainEvent.Lifecycle l -> frame("DomainEventLifecycle", lifecycle(l));
            case DomainEvent.Reboot r -> frame("DomainEventReboot",
                    DomainEventRebootMsg.newBuilder().setDom(WireMapping.wire(r.dom())).build());
        };
    }

    private static DomainEventLifecycleMsg lifecycle(DomainEvent.Lifecycle l) {
        return DomainEventLifecycleMsg.newBuilder().setDom(WireMapping.wire(l.dom()))
                .setEvent(l.event()).setDetail(l.detail()).build();
    }

    private byte[] frame(String procedure, Message body) {
        Procedure p = program.procedure(procedure);
        return Frames.encode(Frames.header(Wire.REMOTE_PROGRAM, p.number(), Wire.MESSAGE, EVENT_SERIAL, Wire.OK),
                p.args(), body);
    }
}
