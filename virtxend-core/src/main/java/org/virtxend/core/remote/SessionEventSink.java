package org.virtxend.core.remote;

import java.lang.System.Logger.Level;
import java.util.function.Function;
import org.virtxend.core.event.DomainEvent;
import org.virtxend.core.event.EventSink;
import org.virtxend.core.rpc.RpcSession;

/** Delivers one subscription's events to its client connection as MESSAGE frames. */
final class SessionEventSink implements EventSink {
    private static final System.Logger LOG = System.getLogger(SessionEventSink.class.getName());

    private final RpcSession session;
    private final Function<DomainEvent, byte[]> encoder;

    SessionEventSink(RpcSession session, Function<DomainEvent, byte[]> encoder) {
        this.session = session;
        this.encoder = encoder;
    }

    @Override
    public boolean ready() {
        return session.isWritable();
    }

    @Override
    public void deliver(DomainEvent event) {
        session.send(encoder.apply(event));
    }

    @Override
    public void whenReady(Runnable drain) {
        session.whenWritable(drain);
    }

    @Override
    public void disconnect(String why) {
        LOG.log(Level.WARNING, "disconnecting client {0}: {1}", session.id(), why);
        session.close();
    }
}
