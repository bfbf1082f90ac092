package org.virtxend.core.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link RpcSession} that records what the core does with it instead of talking to a socket. */
final class ScriptedSession implements RpcSession {
    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong(100);

    final long id = IDS.incrementAndGet();
    final ClientIdentity identity;
    final SessionState state = new SessionState();
    /** Every frame sent, length word included, in order. */
    final List<byte[]> sent = new CopyOnWriteArrayList<>();
    /** Everything done to the session, in order: "send", "closeAfterFlush", "close", "startKeepalive". */
    final List<String> log = new CopyOnWriteArrayList<>();
    final AtomicInteger keepaliveStarts = new AtomicInteger();
    final AtomicInteger closeAfterFlush = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    private final List<Runnable> closeHooks = new ArrayList<>();
    private boolean closed;

    ScriptedSession(ClientIdentity identity) {
        this.identity = identity;
    }

    ScriptedSession() {
        this(new ClientIdentity(1000, 1000, 4242, false));
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public ClientIdentity identity() {
        return identity;
    }

    @Override
    public void send(byte[] frame) {
        sent.add(frame.clone());
        log.add("send");
    }

    @Override
    public void closeAfterFlush() {
        closeAfterFlush.incrementAndGet();
        log.add("closeAfterFlush");
    }

    @Override
    public void close() {
        closes.incrementAndGet();
        log.add("close");
        runCloseHooks();
    }

    @Override
    public void startKeepalive() {
        keepaliveStarts.incrementAndGet();
        log.add("startKeepalive");
    }

    @Override
    public SessionState state() {
        return state;
    }

    @Override
    public void onClose(Runnable hook) {
        synchronized (this) {
            if (!closed) {
                closeHooks.add(hook);
                return;
            }
        }
        hook.run();
    }

    /** What the transport would do when the socket goes away. */
    void runCloseHooks() {
        List<Runnable> hooks;
        synchronized (this) {
            closed = true;
            hooks = List.copyOf(closeHooks);
            closeHooks.clear();
        }
        hooks.forEach(Runnable::run);
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public void whenWritable(Runnable task) {
        task.run();
    }
}
