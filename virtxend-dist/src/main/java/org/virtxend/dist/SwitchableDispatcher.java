package org.virtxend.dist;

import java.nio.ByteBuffer;
import org.virtxend.core.rpc.RpcSession;
import org.virtxend.transport.FrameDispatcher;

/**
 * The sockets are bound before the driver exists (a second daemon must be refused before
 * it touches the driver's state), so the listeners get this stand-in; the real dispatcher
 * is set before any client is accepted, hence before any frame can arrive.
 */
final class SwitchableDispatcher implements FrameDispatcher {
    private volatile FrameDispatcher target;

    void set(FrameDispatcher d) {
        target = d;
    }

    @Override
    public void dispatch(RpcSession session, ByteBuffer frame, Runnable done) {
        FrameDispatcher t = target;
        if (t == null) {
            // cannot happen: clients are accepted only after set(); drop the client rather than guess
            done.run();
            session.close();
            return;
        }
        t.dispatch(session, frame, done);
    }
}
