package org.virtxend.core.rpc;

/**
 * One client connection as the core sees it. The transport implements it;
 * every method may be called from any thread.
 */
public interface RpcSession {
    long id();

    ClientIdentity identity();

    /** Queues one encoded frame (length word included) for the client. */
    void send(byte[] frame);

    /** Closes the connection once what was queued has been written. */
    void closeAfterFlush();

    /** The client asked for keepalive (feature 10): the server starts pinging it when idle. */
    void startKeepalive();

    /** State the core keeps for this session (open connection, flags, subscriptions). */
    SessionState state();
}
