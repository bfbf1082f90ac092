package org.virtxend.core.rpc;

/** What a procedure handler may know about the call it serves. */
public record CallContext(RpcSession session, Procedure procedure, int serial) {
    public SessionState state() {
        return session.state();
    }
}
