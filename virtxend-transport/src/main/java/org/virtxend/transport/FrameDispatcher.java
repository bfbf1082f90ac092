package org.virtxend.transport;

import java.nio.ByteBuffer;
import org.virtxend.core.rpc.Dispatcher;
import org.virtxend.core.rpc.RpcSession;

/**
 * What a listener hands each inbound frame to. {@link Dispatcher#dispatch} has this
 * shape ({@code dispatcher::dispatch}); tests plug in their own.
 *
 * <p>Contract (the one the core's dispatcher keeps): {@code frame} is only valid
 * until this method returns, so read it synchronously; {@code done} is run exactly
 * once, from any thread, when the call has been answered.
 */
@FunctionalInterface
public interface FrameDispatcher {
    void dispatch(RpcSession session, ByteBuffer frame, Runnable done);

    static FrameDispatcher of(Dispatcher dispatcher) {
        return dispatcher::dispatch;
    }
}
