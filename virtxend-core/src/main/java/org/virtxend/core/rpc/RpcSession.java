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

    /** Closes the connection now, dropping what was not written yet. */
    void close();

    /** The client asked for keepalive (feature 10): the server starts pinging it when idle. */
    void startKeepalive();

    /** State the core keeps for this session (open connection, flags, subscriptions). */
    SessionState state();

    /** Runs {@code hook} once when the connection closes (at once if it already has). */
    void onClose(Runnable hook);

    /** False while the client is not reading what we send and our outbound buffer is full. */
    boolean isWritable();

    /** Runs {@code task} once when the connection is writable again (at once if it is). */
    void whenWritable(Runnable task);

    /**
     * The client has completed authentication. Until then libvirt counts a client of a socket
     * that requires authentication as anonymous ({@code max_anonymous_clients}); afterwards it
     * no longer is. Repeated calls change nothing.
     */
    default void authenticated() {
    }
}
